import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IscoGroupEntity } from './isco-group.entity';

/** An ESCO v1.1.1 occupation; `id` is the ESCO uuid. */
@Entity({ name: 'occupation' })
export class OccupationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'esco_code', type: 'text' })
  escoCode: string;

  @Index('idx_occupation_isco')
  @Column({ name: 'isco_code', type: 'varchar', length: 4 })
  iscoCode: string;

  @ManyToOne(() => IscoGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'isco_code', foreignKeyConstraintName: 'fk_occupation_isco_group' })
  iscoGroup?: IscoGroupEntity;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;

  @Column({ name: 'label_nl', type: 'text' })
  labelNl: string;

  @Column({ name: 'alt_labels_nl', type: 'text', array: true })
  altLabelsNl: string[];
}
