import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An ESCO v1.1.1 skill or knowledge concept; `id` is the ESCO uuid. */
@Entity({ name: 'skill' })
export class SkillEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** 'skill/competence' or 'knowledge'. */
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'reuse_level', type: 'text' })
  reuseLevel: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;

  @Column({ name: 'label_folded', type: 'text' })
  labelFolded: string;
}
