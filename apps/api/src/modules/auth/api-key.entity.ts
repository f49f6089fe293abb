import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../common/auth/role';

/**
 * An API key. Only a sha256 of the secret is stored; the key itself is shown once at
 * creation. Keys are random (256 bits), so a fast hash is enough: nothing to brute-force.
 */
@Entity({ name: 'api_key' })
@Check('chk_api_key_role', `"role" IN ('ADMIN', 'ADVISER', 'PLATFORM', 'EVALUATOR')`)
@Check('chk_api_key_tenant', `("role" = 'PLATFORM') = ("tenant" IS NOT NULL)`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The public part of the key (`kr_<prefix>_…`), for lookup and for logs. */
  @Index('uq_api_key_prefix', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** The platform tenant a PLATFORM key is bound to; null for every other role. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  tenant: string | null;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
