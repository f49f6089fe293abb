import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { housingTask, Policy } from '@kansrijk/scoring';
import { ReferenceIndex, type ReferenceSnapshot } from '../reference/reference-index.service';

/** R11 per municipality for one period: the task, what current decisions use, and what is left. */
export interface PeriodCapacity {
  period: string;
  /** null when no national total is known for the period (stored or in the policy). */
  nationalTotal: number | null;
  task: ReadonlyMap<string, number>;
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
  /** Tasks per national total, for one reference snapshot (see `tasks`). */
  private taskCache?: { of: ReferenceSnapshot; byTotal: Map<number, Map<string, number>> };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
  ) {}

  /**
   * `excludeHouseholdId(s)`: decisions of these households are left out (they are being re-decided or re-planned).
   * One statement (national total, persons placed), so a caller can run it beside its own lookups;
   * read through `manager` inside a transaction that must see its own decisions. Populations come
   * from the reference snapshot: the municipality table changes only with the shipped data, at a
   * restart, and aggregating its 342 rows in every statement doubled the statement's time.
   */
  async forPeriod(period: string, policy: Policy, manager: EntityManager = this.ds.manager, excludeHouseholdId?: string, excludeHouseholdIds: string[] = []): Promise<PeriodCapacity> {
    const excluded = excludeHouseholdId ? [excludeHouseholdId, ...excludeHouseholdIds] : excludeHouseholdIds;
    const [[row], ref]: [{ total: number | null; used: [string, number][] | null }[], ReferenceSnapshot] = await Promise.all([
      manager.query(
        `SELECT (SELECT total FROM housing_national_total WHERE period = $1) AS total,
                (SELECT json_agg(json_build_array(code, persons)) FROM (
                   SELECT municipality_code AS code, sum(persons)::int AS persons FROM link_decision
                    WHERE period = $1 AND superseded_at IS NULL AND NOT (household_id = ANY($2::uuid[]))
                    GROUP BY municipality_code) u) AS used`,
        [period, excluded],
      ),
      this.reference.snapshot(),
    ]);
    const nationalTotal: number | null = policy.params.nationalHousingTotal ?? row.total ?? null;
    const task = nationalTotal === null ? new Map<string, number>() : this.tasks(ref, nationalTotal);
    const used = new Map(row.used ?? []);
    return {
      period,
      nationalTotal,
      task,
      used,
      left: (code) => (nationalTotal === null ? null : (task.get(code) ?? 0) - (used.get(code) ?? 0)),
    };
  }

  /** The housing task per municipality for a national total, kept for the last few totals of this snapshot (callers only read it). */
  private tasks(ref: ReferenceSnapshot, nationalTotal: number): Map<string, number> {
    if (this.taskCache?.of !== ref) this.taskCache = { of: ref, byTotal: new Map() };
    let task = this.taskCache.byTotal.get(nationalTotal);
    if (!task) {
      const municipalities = [...ref.municipalities.values()];
      const nationalPopulation = municipalities.reduce((s, m) => s + m.population, 0);
      task = new Map(municipalities.map((m) => [m.code, housingTask({ nationalTotal, municipalityPopulation: m.population, nationalPopulation })]));
      // What-if totals are many and arbitrary: keep a handful.
      if (this.taskCache.byTotal.size >= 16) this.taskCache.byTotal.clear();
      this.taskCache.byTotal.set(nationalTotal, task);
    }
    return task;
  }
}
