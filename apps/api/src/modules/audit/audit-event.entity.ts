import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * R19/R20: the append-only audit trail. A database trigger refuses UPDATE and DELETE
 * (only the retention purge may delete entries older than the retention period). A person
 * appears here only by their random pseudonym, never by name or id, so erasing a
 * candidate leaves nothing that points back at them.
 */
@Entity({ name: 'audit_event' })
@Index('idx_audit_event_at', ['at'])
@Index('idx_audit_event_action', ['action', 'at'])
@Index('idx_audit_event_actor', ['actorKeyId', 'at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_tenant', type: 'varchar', length: 64, nullable: true })
  actorTenant: string | null;

  /** What happened, e.g. `candidate.read`, `candidate.erased`, `suggestions.jobs`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  /** Candidate pseudonyms, or ids of non-personal records (vacancies, households). */
  @Index('idx_audit_event_subject_refs', { synchronize: false }) // GIN, hand-written in migration AuditIndexes
  @Column({ name: 'subject_refs', type: 'text', array: true, default: () => "'{}'" })
  subjectRefs: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
