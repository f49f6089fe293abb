import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OccupationEntity } from './occupation.entity';

/**
 * One folded search term of an occupation: a Dutch or English label (kind 0), a Dutch
 * alternative label (1), or its ISCO or ESCO code (2). Kept apart so one LIKE over a
 * narrow table ranks exact, prefix and substring matches across all of them.
 */
@Entity({ name: 'occupation_search_term' })
export class OccupationSearchTermEntity {
  @PrimaryColumn({ name: 'occupation_id', type: 'uuid' })
  occupationId: string;

  @ManyToOne(() => OccupationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occupation_id', foreignKeyConstraintName: 'fk_occupation_search_term_occupation' })
  occupation?: OccupationEntity;

  @Index('idx_occupation_search_term_term')
  @PrimaryColumn({ type: 'text' })
  term: string;

  @Column({ type: 'smallint' })
  kind: number;
}
