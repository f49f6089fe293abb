import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HouseholdEntity } from '../households/household.entity';
import { MunicipalityEntity } from '../reference/entities/municipality.entity';

/**
 * An adviser's link of a household to a municipality (R19: kept with the reason and
 * whether it followed the top suggestion). The persons it links count against the
 * municipality's housing task for the period (R11); a later decision for the same
 * household supersedes it and frees that capacity.
 */
@Entity({ name: 'link_decision' })
@Index('idx_link_decision_capacity', ['period', 'municipalityCode'])
@Check('chk_link_decision_persons', '"persons" BETWEEN 1 AND 20')
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

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
