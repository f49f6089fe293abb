import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { EmployerEntity } from '../employers/employer.entity';
import { IscoGroupEntity } from '../reference/entities/isco-group.entity';
import { MunicipalityEntity } from '../reference/entities/municipality.entity';
import { OccupationEntity } from '../reference/entities/occupation.entity';

const CEFR = `('NONE','A1','A2','B1','B2','C1','C2')`;

@Entity({ name: 'vacancy' })
@Unique('uq_vacancy_source_external_id', ['source', 'externalId'])
@Check('chk_vacancy_status', `"status" IN ('OPEN', 'CLOSED')`)
@Check('chk_vacancy_hours', '"hours_per_week" BETWEEN 1 AND 60')
@Check('chk_vacancy_contract', '"contract_months" IS NULL OR "contract_months" BETWEEN 1 AND 120')
@Check('chk_vacancy_wage', '"monthly_wage" IS NULL OR "monthly_wage" >= 0')
@Check('chk_vacancy_dutch', `"min_dutch_level" IN ${CEFR}`)
@Check('chk_vacancy_english', `"min_english_level" IS NULL OR "min_english_level" IN ${CEFR}`)
@Check('chk_vacancy_diploma', `"diploma_level" IS NULL OR "diploma_level" IN ('NONE','PRIMARY','SECONDARY','MBO','HBO','WO')`)
@Index('idx_vacancy_open_region', ['status', 'regionCode'])
export class VacancyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('idx_vacancy_tenant')
  @Column({ type: 'varchar', length: 64, nullable: true })
  tenant: string | null;

  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Index('idx_vacancy_employer')
  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @ManyToOne(() => EmployerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'fk_vacancy_employer' })
  employer?: EmployerEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'occupation_id', type: 'uuid', nullable: true })
  occupationId: string | null;

  @ManyToOne(() => OccupationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'occupation_id', foreignKeyConstraintName: 'fk_vacancy_occupation' })
  occupation?: OccupationEntity;

  @Index('idx_vacancy_isco')
  @Column({ name: 'isco_code', type: 'varchar', length: 4 })
  iscoCode: string;

  @ManyToOne(() => IscoGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'isco_code', foreignKeyConstraintName: 'fk_vacancy_isco_group' })
  iscoGroup?: IscoGroupEntity;

  @Column({ name: 'essential_skill_ids', type: 'uuid', array: true, default: () => "'{}'" })
  essentialSkillIds: string[];

  @Column({ name: 'optional_skill_ids', type: 'uuid', array: true, default: () => "'{}'" })
  optionalSkillIds: string[];

  @Column({ name: 'min_dutch_level', type: 'varchar', length: 4 })
  minDutchLevel: string;

  @Column({ name: 'english_suffices', type: 'boolean', default: false })
  englishSuffices: boolean;

  @Column({ name: 'min_english_level', type: 'varchar', length: 4, nullable: true })
  minEnglishLevel: string | null;

  @Column({ name: 'diploma_level', type: 'varchar', length: 10, nullable: true })
  diplomaLevel: string | null;

  @Column({ name: 'regulated_profession', type: 'varchar', length: 100, nullable: true })
  regulatedProfession: string | null;

  @Column({ name: 'hours_per_week', type: 'smallint' })
  hoursPerWeek: number;

  @Column({ name: 'contract_months', type: 'smallint', nullable: true })
  contractMonths: number | null;

  @Column({ name: 'monthly_wage', type: 'numeric', precision: 10, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  monthlyWage: number | null;

  @Column({ type: 'char', length: 4, nullable: true })
  postcode: string | null;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Index('idx_vacancy_municipality')
  @Column({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code', foreignKeyConstraintName: 'fk_vacancy_municipality' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'language_coaching', type: 'boolean', default: false })
  languageCoaching: boolean;

  @Column({ name: 'job_coach', type: 'boolean', default: false })
  jobCoach: boolean;

  @Column({ name: 'work_permit_willingness', type: 'boolean', default: false })
  workPermitWillingness: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sector: string | null;

  @Column({ type: 'varchar', length: 6, default: 'OPEN' })
  status: 'OPEN' | 'CLOSED';

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
