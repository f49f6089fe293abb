import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Outcome models loaded by an admin (`loadOutcomeModel`), newest last; the one with `active`
 * is the model every API process uses (each reloads it when the change feed says so). Kept,
 * not overwritten, so the trail shows which model served when.
 */
@Entity({ name: 'outcome_model' })
export class OutcomeModelEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  version: string;

  /** The model file as loaded (format kansrijk.outcome-model). */
  @Column({ type: 'jsonb' })
  model: Record<string, unknown>;

  @Index('idx_outcome_model_active')
  @Column({ type: 'boolean', default: false })
  active: boolean;

  @Column({ name: 'loaded_by', type: 'uuid', nullable: true })
  loadedBy: string | null;

  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt: Date;

  @Column({ name: 'unloaded_at', type: 'timestamptz', nullable: true })
  unloadedAt: Date | null;
}
