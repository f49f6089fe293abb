import { Module } from '@nestjs/common';
import { EmployersResolver } from './employers.resolver';
import { EmployersService } from './employers.service';

@Module({ providers: [EmployersService, EmployersResolver], exports: [EmployersService] })
export class EmployersModule {}
