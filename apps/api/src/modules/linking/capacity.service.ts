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

  /**
   * `excludeHouseholdId(s)`: decisions of these households are left out (they are being re-decided or re-planned).
   * One statement (national total, populations, persons placed), so a caller can run it beside its
   * own lookups; read through `manager` inside a transaction that must see its own decisions.
   */
  async forPeriod(period: string, policy: Policy, manager: EntityManager = this.ds.manager, excludeHouseholdId?: string, excludeHouseholdIds: string[] = []): Promise<PeriodCapacity> {
    const excluded = excludeHouseholdId ? [excludeHouseholdId, ...excludeHouseholdIds] : excludeHouseholdIds;
    const [row]: { total: number | null; populations: [string, number][] | null; used: [string, number][] | null }[] = await manager.query(
      `SELECT (SELECT total FROM housing_national_total WHERE period = $1) AS total,
              (SELECT json_agg(json_build_array(code, population)) FROM municipality) AS populations,
              (SELECT json_agg(json_build_array(code, persons)) FROM (
                 SELECT municipality_code AS code, sum(persons)::int AS persons FROM link_decision
                  WHERE period = $1 AND superseded_at IS NULL AND NOT (household_id = ANY($2::uuid[]))
                  GROUP BY municipality_code) u) AS used`,
      [period, excluded],
    );
    const nationalTotal: number | null = policy.params.nationalHousingTotal ?? row.total ?? null;
    const municipalities = row.populations ?? [];
    const nationalPopulation = municipalities.reduce((s, [, population]) => s + population, 0);
    const task = new Map<string, number>();
    if (nationalTotal !== null) {
      for (const [code, population] of municipalities) task.set(code, housingTask({ nationalTotal, municipalityPopulation: population, nationalPopulation }));
    }
    const used = new Map(row.used ?? []);
    return {
      period,
      nationalTotal,
      task,
      used,
      left: (code) => (nationalTotal === null ? null : (task.get(code) ?? 0) - (used.get(code) ?? 0)),
    };
  }
}
