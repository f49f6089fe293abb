import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { BatchLoad } from '../../common/dataloader/request-loaders';
import { AuditService } from '../audit/audit.service';
import { HousingNationalTotalEntity } from './housing-national-total.entity';
import { HousingNationalTotal } from './housing.models';

/** The figures a period's housing tasks follow from. */
export interface PeriodBasis {
  period: string;
  nationalTotal: number;
  nationalPopulation: number;
}

/** Loads the basis for periods; null for a period without a national total. */
export const periodBasisBatch: BatchLoad<string, PeriodBasis> = async (periods, ds) => {
  const rows: { period: string; total: number; population: string }[] = await ds.query(
    `SELECT t.period, t.total, (SELECT sum(population) FROM municipality) AS population
       FROM housing_national_total t WHERE t.period = ANY($1)`,
    [periods],
  );
  const map = new Map(rows.map((r) => [r.period, { period: r.period, nationalTotal: r.total, nationalPopulation: Number(r.population) }]));
  return periods.map((p) => map.get(p) ?? null);
};

@Injectable()
export class HousingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** R11: sets a half-year's national total; the trail keeps the period, the total and the one it replaced. */
  async setNationalTotal(principal: Principal, period: string, total: number): Promise<HousingNationalTotal> {
    return this.ds.transaction(async (tx) => {
      const [previous] = await tx.query('SELECT total FROM housing_national_total WHERE period = $1 FOR UPDATE', [period]);
      await tx.query(
        `INSERT INTO housing_national_total (period, total, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (period) DO UPDATE SET total = EXCLUDED.total, updated_at = now()`,
        [period, total],
      );
      await this.audit.record(principal, { action: 'housing-total.set', subjectType: 'housing_national_total', subjectRefs: [period], details: { total, previous: previous?.total ?? null } }, tx);
      return (await tx.getRepository(HousingNationalTotalEntity).findOneOrFail({ where: { period } })) as HousingNationalTotal;
    });
  }

  async nationalTotals(): Promise<HousingNationalTotal[]> {
    return this.ds.getRepository(HousingNationalTotalEntity).find({ order: { period: 'ASC' } });
  }
}
