import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { MunicipalityEntity } from '../reference/entities/municipality.entity';

const CEFR = `('NONE','A1','A2','B1','B2','C1','C2')`;

/** A diploma as stored (R6). */
export interface StoredDiploma {
  level: string;
  status: string;
  iscoCode: string | null;
  regulatedProfession: string | null;
}

/** An occupation held (R7): ESCO id when known, always its ISCO code. */
export interface StoredOccupation {
  occupationId: string | null;
  iscoCode: string;
  years: number;
}

/** A tie to a place (R12), with its location resolved at write time. */
export interface StoredTie {
  kind: string;
  municipalityCode: string;
  postcode: string | null;
  lat: number;
  lon: number;
  /** false when no location was given and lat/lon are the municipality's centroid. */
  located: boolean;
  firstDegree: boolean | null;
  hoursPerWeek: number | null;
  contractMonths: number | null;
  monthlyWage: number | null;
  signedContract: boolean;
  payslip: boolean;
  iscoCode: string | null;
}

export interface StoredPreferences {
  municipalityCodes: string[];
  regionCodes: string[];
  iscoGroups: string[];
}

/**
 * A candidate: the scoring profile (R5–R8, R12) plus contact data. Monitoring attributes
 * (R17) live in `candidate_monitoring`, apart from this profile. `pseudonym` is the only
 * way the audit trail refers to the person.
 */
@Entity({ name: 'candidate' })
@Unique('uq_candidate_source_external_id', ['source', 'externalId'])
@Check('chk_candidate_status', `"legal_status" IN ('ASYLUM_SEEKER', 'STATUS_HOLDER', 'DISPLACED_UKRAINE')`)
@Check('chk_candidate_dutch', `"dutch_level" IN ${CEFR}`)
@Check('chk_candidate_english', `"english_level" IN ${CEFR}`)
@Check('chk_candidate_route', `"integration_route" IS NULL OR "integration_route" IN ('B1', 'EDUCATION', 'Z')`)
@Check('chk_candidate_hours', '"hours_available" BETWEEN 1 AND 60')
@Check('chk_candidate_travel', '"max_travel_km" BETWEEN 1 AND 300')
@Check('chk_candidate_permit_after_application', '"permit_date" IS NULL OR "application_date" IS NULL OR "permit_date" >= "application_date"')
@Check('chk_candidate_w_document', '"w_document_expiry" IS NULL OR "w_document_issued" IS NULL OR "w_document_expiry" > "w_document_issued"')
export class CandidateEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('idx_candidate_tenant')
  @Column({ type: 'varchar', length: 64, nullable: true })
  tenant: string | null;

  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Index('uq_candidate_pseudonym', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  pseudonym: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'legal_status', type: 'varchar', length: 20 })
  legalStatus: string;

  @Column({ name: 'application_date', type: 'date', nullable: true })
  applicationDate: string | null;

  @Column({ name: 'permit_date', type: 'date', nullable: true })
  permitDate: string | null;

  @Column({ name: 'w_document_issued', type: 'date', nullable: true })
  wDocumentIssued: string | null;

  @Column({ name: 'w_document_expiry', type: 'date', nullable: true })
  wDocumentExpiry: string | null;

  @Column({ name: 'lives_in_reception', type: 'boolean' })
  livesInReception: boolean;

  @Column({ name: 'dublin_or_return_decision', type: 'boolean', default: false })
  dublinOrReturnDecision: boolean;

  @Column({ type: 'char', length: 4, nullable: true })
  postcode: string | null;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Index('idx_candidate_municipality')
  @Column({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code', foreignKeyConstraintName: 'fk_candidate_municipality' })
  municipality?: MunicipalityEntity;

  @Index('idx_candidate_region')
  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode: string;

  @Column({ name: 'dutch_level', type: 'varchar', length: 4 })
  dutchLevel: string;

  @Column({ name: 'english_level', type: 'varchar', length: 4 })
  englishLevel: string;

  @Column({ name: 'integration_route', type: 'varchar', length: 10, nullable: true })
  integrationRoute: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  diplomas: StoredDiploma[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  occupations: StoredOccupation[];

  /** Every ISCO prefix (1 to 4 digits) of the occupations held, for filtering by group. */
  @Index('idx_candidate_isco_groups', { synchronize: false })
  @Column({ name: 'isco_groups', type: 'text', array: true, default: () => "'{}'" })
  iscoGroups: string[];

  @Column({ name: 'skill_ids', type: 'uuid', array: true, default: () => "'{}'" })
  skillIds: string[];

  @Column({ name: 'hours_available', type: 'smallint' })
  hoursAvailable: number;

  @Column({ name: 'max_travel_km', type: 'smallint' })
  maxTravelKm: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  preferences: StoredPreferences;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  ties: StoredTie[];

  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
