import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The change feed (outbox): one row per committed change to records the in-memory
 * matching index holds, written in the same transaction as the change. Other API
 * processes read it after a NOTIFY (server) or by polling (embedded database, whose
 * wire server does not deliver notifications between connections). Rows are short-lived.
 */
@Entity({ name: 'record_change' })
export class RecordChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The process that made the change (it applied it already). */
  @Column({ type: 'varchar', length: 64 })
  origin: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  op: string;

  @Column({ type: 'text', array: true })
  ids: string[];
}
