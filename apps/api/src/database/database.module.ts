import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_TARGET } from '../config/config.module';
import { ensureLabourDemand } from '../modules/labour-demand/labour-demand.service';
import { loadReferenceData } from '../modules/reference/reference-data.loader';
import { DatabaseTarget } from './database-target';
import { dataSourceOptions } from './data-source-options';

/** At boot, before the server listens: pending migrations, then the reference data. */
@Injectable()
export class DatabaseBootstrap implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    const report = await loadReferenceData(this.dataSource.manager);
    if (report.loaded.length > 0) {
      const rows = report.loaded.map((d) => `${d.name} ${d.rows}`).join(', ');
      this.logger.log(`reference data loaded into the ${this.target.kind} database in ${report.ms} ms: ${rows}`);
    } else {
      this.logger.log(`reference data already loaded (checked in ${report.ms} ms)`);
    }
    const sample = await ensureLabourDemand(this.dataSource.manager);
    if (sample > 0) this.logger.warn(`no labour-demand figures yet: loaded the ILLUSTRATIVE sample (${sample} rows); import real ones with npm run import -- labour-demand`);
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget, logQueries = false): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions({ url: target.url, poolMax: target.poolMax, logQueries }))],
      providers: [DatabaseBootstrap],
    };
  }
}
