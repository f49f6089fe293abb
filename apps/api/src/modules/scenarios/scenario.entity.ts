import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A what-if run (issue 6): its inputs (cohort selector, period, the policy override and
 * both policy versions), its progress, and its results (metrics of baseline and variant
 * and their difference). Kept so an evaluator can retrieve and export it later.
 */
@Entity({ name: 'scenario' })
@Check('chk_scenario_status', `"status" IN ('RUNNING', 'DONE', 'FAILED')`)
export class ScenarioEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  status: 'RUNNING' | 'DONE' | 'FAILED';

  @Column({ type: 'double precision', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Index('idx_scenario_created_by')
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'on_date', type: 'date' })
  onDate: string;

  /** The cohort selector as given, and the household ids it resolved to. */
  @Column({ type: 'jsonb' })
  cohort: { selector: Record<string, unknown>; householdIds: string[] };

  @Column({ name: 'policy_override', type: 'jsonb' })
  policyOverride: Record<string, unknown>;

  @Column({ name: 'balance_tolerance', type: 'double precision', nullable: true })
  balanceTolerance: number | null;

  @Column({ name: 'baseline_policy_version', type: 'varchar', length: 80 })
  baselinePolicyVersion: string;

  @Column({ name: 'variant_policy_version', type: 'varchar', length: 80 })
  variantPolicyVersion: string;

  /** { baseline, variant, difference, changedHouseholds } when DONE. */
  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown> | null;
}
