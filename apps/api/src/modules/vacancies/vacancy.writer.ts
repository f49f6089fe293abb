import { EntityManager } from 'typeorm';
import { bulkUpsert, pgArrayLiteral, savedInInputOrder } from '../../database/bulk-upsert';
import { upsertEmployers } from '../employers/employers.service';
import { SavedRow } from '../records/import';
import { VacancyRow } from './vacancy-rules';

/**
 * Writes vacancy rows (inline employers first, once per externalId), one statement per
 * chunk, upserting on (source, externalId) so a re-import updates and racing imports
 * end with one record.
 */
/** A written vacancy: its id, whether it was new, and the employer written with it inline (else null). */
export type SavedVacancy = SavedRow & { employerId: string | null };

export async function writeVacancies(manager: EntityManager, rows: VacancyRow[], owner: { tenant: string | null; source: string }): Promise<SavedVacancy[]> {
  if (rows.length === 0) return [];
  const inline = new Map<string, VacancyRow['employer']>();
  for (const r of rows) if (r.employer?.externalId && !inline.has(r.employer.externalId)) inline.set(r.employer.externalId, r.employer);
  const inlineIds = await upsertEmployers(manager, [...inline.values()].map((e) => e!), owner);
  const employerByExternal = new Map([...inline.keys()].map((k, i) => [k, inlineIds[i]]));
  const employerOf = (r: VacancyRow) => r.employerId ?? employerByExternal.get(r.employer!.externalId!)!;

  const col = (name: string, type: string, values: unknown[], expression?: string) => ({ name, type, values, expression });
  const same = (name: string, type: string, value: unknown) => ({ name, type, values: [value], same: true });
  const returned = await bulkUpsert<{ id: string; external_id: string | null; inserted: boolean }>(manager, {
    table: 'vacancy',
    conflict: ['source', 'external_id'],
    keepOnConflict: ['id', 'created_at', 'status', 'closed_at'],
    returning: 'id, external_id, (xmax = 0) AS inserted',
    columns: [
      col('id', 'uuid', rows.map((r) => r.id)),
      same('tenant', 'text', owner.tenant),
      same('source', 'text', owner.source),
      col('external_id', 'text', rows.map((r) => r.externalId)),
      col('employer_id', 'uuid', rows.map(employerOf)),
      col('title', 'text', rows.map((r) => r.title)),
      col('description', 'text', rows.map((r) => r.description)),
      col('occupation_id', 'uuid', rows.map((r) => r.occupationId)),
      col('isco_code', 'text', rows.map((r) => r.iscoCode)),
      col('essential_skill_ids', 'text', rows.map((r) => pgArrayLiteral(r.essentialSkillIds)), '$::uuid[]'),
      col('optional_skill_ids', 'text', rows.map((r) => pgArrayLiteral(r.optionalSkillIds)), '$::uuid[]'),
      col('min_dutch_level', 'text', rows.map((r) => r.minDutchLevel)),
      col('english_suffices', 'bool', rows.map((r) => r.englishSuffices)),
      col('min_english_level', 'text', rows.map((r) => r.minEnglishLevel)),
      col('diploma_level', 'text', rows.map((r) => r.diplomaLevel)),
      col('regulated_profession', 'text', rows.map((r) => r.regulatedProfession)),
      col('hours_per_week', 'int', rows.map((r) => r.hoursPerWeek)),
      col('contract_months', 'int', rows.map((r) => r.contractMonths)),
      col('monthly_wage', 'numeric', rows.map((r) => r.monthlyWage)),
      col('postcode', 'text', rows.map((r) => r.location.postcode)),
      col('lat', 'float8', rows.map((r) => r.location.lat)),
      col('lon', 'float8', rows.map((r) => r.location.lon)),
      col('municipality_code', 'text', rows.map((r) => r.location.municipalityCode)),
      col('region_code', 'text', rows.map((r) => r.location.regionCode)),
      col('start_date', 'date', rows.map((r) => r.startDate)),
      col('language_coaching', 'bool', rows.map((r) => r.languageCoaching)),
      col('job_coach', 'bool', rows.map((r) => r.jobCoach)),
      col('work_permit_willingness', 'bool', rows.map((r) => r.workPermitWillingness)),
      col('sector', 'text', rows.map((r) => r.sector)),
      col('synthetic', 'bool', rows.map((r) => r.synthetic)),
      same('updated_at', 'timestamptz', new Date()),
    ],
  });
  return savedInInputOrder(rows, returned).map((s, i) => ({ ...s, employerId: rows[i].employer ? employerOf(rows[i]) : null }));
}
