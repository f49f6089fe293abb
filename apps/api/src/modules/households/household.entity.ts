import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { CandidateEntity } from '../candidates/candidate.entity';

/** R16: the unit of placement. `size` counts every person, also children without a record. */
@Entity({ name: 'household' })
@Unique('uq_household_source_external_id', ['source', 'externalId'])
@Check('chk_household_size', '"size" BETWEEN 1 AND 20')
export class HouseholdEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('idx_household_tenant')
  @Column({ type: 'varchar', length: 64, nullable: true })
  tenant: string | null;

  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Column({ type: 'smallint' })
  size: number;

  /** When the household entered the linking queue (order of today's one-by-one practice). */
  @Column({ name: 'arrival_date', type: 'date', nullable: true })
  arrivalDate: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A candidate belongs to at most one household. */
@Entity({ name: 'household_member' })
export class HouseholdMemberEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'fk_household_member_household' })
  household?: HouseholdEntity;

  @Index('uq_household_member_candidate', { unique: true })
  @PrimaryColumn({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => CandidateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_household_member_candidate' })
  candidate?: CandidateEntity;
}
