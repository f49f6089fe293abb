import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'isco_group' })
@Check('chk_isco_group_level', '"level" BETWEEN 1 AND 4')
export class IscoGroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;

  @Column({ name: 'label_nl', type: 'text' })
  labelNl: string;
}
