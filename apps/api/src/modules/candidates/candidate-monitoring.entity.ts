import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CandidateEntity } from './candidate.entity';

/**
 * R17: attributes kept only for fairness reporting, in their own table, apart from the
 * scoring profile. Nothing that scores reads this table; it goes with the candidate.
 * Only what the disparity reports need is collected (data minimisation): no ethnicity,
 * religion or mother tongue.
 */
@Entity({ name: 'candidate_monitoring' })
@Check('chk_candidate_monitoring_gender', `"gender" IS NULL OR "gender" IN ('FEMALE', 'MALE', 'X')`)
export class CandidateMonitoringEntity {
  @PrimaryColumn({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @OneToOne(() => CandidateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_monitoring_candidate' })
  candidate?: CandidateEntity;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  nationality: string | null;

  /** ISO 3166-1 alpha-2: the "origin" of the disparity reports. */
  @Column({ name: 'country_of_birth', type: 'char', length: 2, nullable: true })
  countryOfBirth: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  gender: string | null;
}
