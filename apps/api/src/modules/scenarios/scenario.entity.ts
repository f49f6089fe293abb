import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { JobEntity } from '../jobs/job.entity';

/**
 * A what-if run: its inputs (cohort selector, period, the policy override and both policy
 * versions) and its results (metrics of baseline and variant and their difference). Its status,
 * progress and error are its job's (same id), which a worker thread runs. Kept so an evaluator
 * can retrieve and export it later.
 */
@Entity({ name: 'scenario' })
export class ScenarioEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @OneToOne(() => JobEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'FK_scenario_job' })
  job?: JobEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('idx_scenario_created_by')
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'on_date', type: 'date' })
  onDate: string;

  /** The cohort selector as given, and the household ids it resolved to. */
  @Column({ type: 'jsonb' })
  cohort: { selector: Record<string, unknown>; householdIds: string[]; notStatusHolders?: number };

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
