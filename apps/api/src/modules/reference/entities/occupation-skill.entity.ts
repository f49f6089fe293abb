import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SkillEntity } from './skill.entity';

/**
 * ESCO: a skill is essential or optional for an occupation. `occupation_id` has no
 * foreign key on purpose: the shipped relations file names one occupation
 * (a9e54177-a185-404d-b6e6-15663d31137e, 67 relations) that the occupations file lacks;
 * the rows are kept as shipped and simply never join.
 */
@Entity({ name: 'occupation_skill' })
@Check('chk_occupation_skill_relation', `"relation" IN ('essential', 'optional')`)
export class OccupationSkillEntity {
  @PrimaryColumn({ name: 'occupation_id', type: 'uuid' })
  occupationId: string;

  @Index('idx_occupation_skill_skill')
  @PrimaryColumn({ name: 'skill_id', type: 'uuid' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_occupation_skill_skill' })
  skill?: SkillEntity;

  @Column({ type: 'varchar', length: 9 })
  relation: 'essential' | 'optional';
}
