import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'employer' })
@Unique('uq_employer_source_external_id', ['source', 'externalId'])
export class EmployerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The platform tenant that owns the record; null for records of COA or an admin. */
  @Index('idx_employer_tenant')
  @Column({ type: 'varchar', length: 64, nullable: true })
  tenant: string | null;

  /** Where the record came from; `externalId` is unique per source. */
  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Dutch Chamber of Commerce number (8 digits). */
  @Column({ name: 'kvk_number', type: 'char', length: 8, nullable: true })
  kvkNumber: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sector: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
