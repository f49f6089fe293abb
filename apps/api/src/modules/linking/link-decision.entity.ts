import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HouseholdEntity } from '../households/household.entity';
import { MunicipalityEntity } from '../reference/entities/municipality.entity';

/** A rule check as kept with a decision, in both languages. */
export interface StoredCheck {
  rule: string;
  passed: boolean;
  reasonNl: string;
  reasonEn: string;
}

/**
 * An adviser's link of a household to a municipality (R19: kept with the reason and
 * whether it followed the top suggestion). The persons it links count against the
 * municipality's housing task for the period (R11); a later decision for the same
 * household supersedes it and frees that capacity.
 */
@Entity({ name: 'link_decision' })
@Index('idx_link_decision_capacity', ['period', 'municipalityCode'])
@Index('idx_link_decision_period_decided', ['period', 'decidedAt'])
@Check('chk_link_decision_persons', '"persons" BETWEEN 1 AND 20')
@Check('chk_link_decision_override', `NOT "override" OR ("justification" IS NOT NULL AND cardinality("overridden_rules") > 0)`)
export class LinkDecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('idx_link_decision_household')
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'fk_link_decision_household' })
  household?: HouseholdEntity;

  @Column({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code', foreignKeyConstraintName: 'fk_link_decision_municipality' })
  municipality?: MunicipalityEntity;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** Persons of the household at the time of the decision (R11 counts persons). */
  @Column({ type: 'smallint' })
  persons: number;

  @Column({ type: 'text' })
  reason: string;

  /** The served suggestion list (audit event id) the adviser decided from, if any. */
  @Column({ name: 'suggestion_id', type: 'bigint', nullable: true })
  suggestionId: string | null;

  /** The municipality that list ranked first, and whether the decision followed it. */
  @Column({ name: 'top_suggestion', type: 'varchar', length: 6, nullable: true })
  topSuggestion: string | null;

  @Column({ name: 'followed_top_suggestion', type: 'boolean', nullable: true })
  followedTopSuggestion: boolean | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /** Human oversight: the adviser departed from a hard rule (R11, R12), with a justification. */
  @Column({ type: 'boolean', default: false })
  override: boolean;

  @Column({ name: 'overridden_rules', type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  overriddenRules: string[];

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  /** The rule checks the decision was taken against: the broken hard rules it overrode, and a re-link's R15 checks. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  checks: StoredCheck[];

  /** R15: the decision moved an already linked household to another municipality. */
  @Column({ type: 'boolean', default: false })
  relink: boolean;

  /** R15: the job and circumstances the re-link rests on, as given. */
  @Column({ type: 'jsonb', nullable: true })
  relinking: Record<string, unknown> | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
