import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { housingTask, Policy } from '@kansrijk/scoring';

/** R11 per municipality for one period: the task, what current decisions use, and what is left. */
export interface PeriodCapacity {
  period: string;
  /** null when no national total is known for the period (stored or in the policy). */
  nationalTotal: number | null;
  task: Map<string, number>;
  used: Map<string, number>;
  /** Remaining persons per municipality; null = unknown (no national total). */
  left(code: string): number | null;
}

/**
 * R11: remaining housing task = ceil(national total × population ÷ national population)
 * minus the persons that current (not superseded) link decisions place there this period.
 * A what-if policy's `nationalHousingTotal` replaces the stored total.
 */
@Injectable()
export class CapacityService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `excludeHouseholdId(s)`: decisions of these households are left out (they are being re-decided or re-planned). */
  async forPeriod(period: string, policy: Policy, manager: EntityManager = this.ds.manager, excludeHouseholdId?: string, excludeHouseholdIds: string[] = []): Promise<PeriodCapacity> {
    const excluded = excludeHouseholdId ? [excludeHouseholdId, ...excludeHouseholdIds] : excludeHouseholdIds;
    const [stored] = await manager.query('SELECT total FROM housing_national_total WHERE period = $1', [period]);
    const nationalTotal: number | null = policy.params.nationalHousingTotal ?? stored?.total ?? null;
    const municipalities: { code: string; population: number }[] = await manager.query('SELECT code, population FROM municipality');
    const nationalPopulation = municipalities.reduce((s, m) => s + m.population, 0);
    const task = new Map<string, number>();
    if (nationalTotal !== null) {
      for (const m of municipalities) task.set(m.code, housingTask({ nationalTotal, municipalityPopulation: m.population, nationalPopulation }));
    }
    const usedRows: { code: string; persons: number }[] = await manager.query(
      `SELECT municipality_code AS code, sum(persons)::int AS persons FROM link_decision
        WHERE period = $1 AND superseded_at IS NULL AND NOT (household_id = ANY($2::uuid[]))
        GROUP BY municipality_code`,
      [period, excluded],
    );
    const used = new Map(usedRows.map((r) => [r.code, r.persons]));
    return {
      period,
      nationalTotal,
      task,
      used,
      left: (code) => (nationalTotal === null ? null : (task.get(code) ?? 0) - (used.get(code) ?? 0)),
    };
  }
}
