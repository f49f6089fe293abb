import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseTarget } from '../database/database-target';
import { Environment } from './environment';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** Makes the validated Environment and the database target injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Environment, target: DatabaseTarget): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: Environment, useValue: env },
        { provide: DATABASE_TARGET, useValue: target },
      ],
      exports: [Environment, DATABASE_TARGET],
    };
  }
}
