import { DataSource, EntityManager } from 'typeorm';

/** A data source or a transaction's manager: inside a transaction, read through it (PGlite serialises). */
export type Queryable = DataSource | EntityManager;
import type { CandidateProfile, OccupationEntry } from '@kansrijk/scoring';
import { InMemoryOccupationCatalogue } from '@kansrijk/scoring';
import { CandidateEntity } from '../candidates/candidate.entity';
import { VacancyEntity } from '../vacancies/vacancy.entity';
import type { LoadedVacancy } from './held-records';
import { toCandidateProfile, toVacancyProfile } from './profile.mapper';

/**
 * Raw selects whose aliases are the entities' property names, so the rows go straight
 * through the entity → profile mappers without TypeORM hydrating 100,000 entities.
 */
const VACANCY_COLUMNS = `id, isco_code AS "iscoCode", occupation_id AS "occupationId", essential_skill_ids AS "essentialSkillIds",
  optional_skill_ids AS "optionalSkillIds", min_dutch_level AS "minDutchLevel", english_suffices AS "englishSuffices",
  min_english_level AS "minEnglishLevel", diploma_level AS "diplomaLevel", regulated_profession AS "regulatedProfession",
  hours_per_week AS "hoursPerWeek", contract_months AS "contractMonths", monthly_wage::float8 AS "monthlyWage", lat, lon,
  region_code AS "regionCode", to_char(start_date, 'YYYY-MM-DD') AS "startDate", language_coaching AS "languageCoaching",
  job_coach AS "jobCoach", work_permit_willingness AS "workPermitWillingness", sector, status`;

/** What suggestions show of a vacancy beyond its profile, with its employer's current name. */
const VACANCY_FACT_COLUMNS = `title, employer_id AS "employerId", municipality_code AS "municipalityCode", tenant,
  (SELECT e.name FROM employer e WHERE e.id = vacancy.employer_id) AS "employerName"`;

const CANDIDATE_COLUMNS = `id, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", legal_status AS "legalStatus",
  to_char(application_date, 'YYYY-MM-DD') AS "applicationDate", to_char(permit_date, 'YYYY-MM-DD') AS "permitDate",
  to_char(w_document_issued, 'YYYY-MM-DD') AS "wDocumentIssued", to_char(w_document_expiry, 'YYYY-MM-DD') AS "wDocumentExpiry",
  lives_in_reception AS "livesInReception", dublin_or_return_decision AS "dublinOrReturnDecision", lat, lon,
  dutch_level AS "dutchLevel", english_level AS "englishLevel", integration_route AS "integrationRoute", diplomas, occupations,
  skill_ids AS "skillIds", hours_available AS "hoursAvailable", max_travel_km AS "maxTravelKm", preferences, ties, tenant, pseudonym`;

type VacancyRow = VacancyEntity & { status: string; employerName: string | null; tenant: string | null };

const toLoadedVacancy = (r: VacancyRow): LoadedVacancy & { employerName: string | null } => ({
  profile: toVacancyProfile(r),
  title: r.title,
  employerId: r.employerId,
  employerName: r.employerName,
  municipalityCode: r.municipalityCode,
  tenant: r.tenant,
  status: r.status,
});

/** Vacancies with their profile, status and shown facts: the open ones, or those of `ids` whatever their status. */
export async function loadVacancies(ds: Queryable, ids?: string[]): Promise<(LoadedVacancy & { employerName: string | null })[]> {
  const rows: VacancyRow[] = ids
    ? await ds.query(`SELECT ${VACANCY_COLUMNS}, ${VACANCY_FACT_COLUMNS} FROM vacancy WHERE id = ANY($1::uuid[])`, [ids])
    : await ds.query(`SELECT ${VACANCY_COLUMNS}, ${VACANCY_FACT_COLUMNS} FROM vacancy WHERE status = 'OPEN'`);
  return rows.map(toLoadedVacancy);
}

/**
 * One page of open vacancies by id (keyset: those after `afterId`), for a reader that must not
 * hold the embedded database's single session for the whole table at once.
 */
export async function loadOpenVacancyPage(ds: Queryable, afterId: string | null, limit: number): Promise<(LoadedVacancy & { employerName: string | null })[]> {
  const rows: VacancyRow[] = await ds.query(
    `SELECT ${VACANCY_COLUMNS}, ${VACANCY_FACT_COLUMNS} FROM vacancy WHERE status = 'OPEN' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map(toLoadedVacancy);
}

/** Employers' current names. */
export function loadEmployerNames(ds: Queryable, ids: string[]): Promise<{ id: string; name: string }[]> {
  return ds.query('SELECT id, name FROM employer WHERE id = ANY($1::uuid[])', [ids]);
}

/** Candidates as scoring profiles (R17: the monitoring table is not read), with their tenant and pseudonym. */
export async function loadCandidateProfiles(ds: Queryable, ids?: string[]): Promise<{ profile: CandidateProfile; tenant: string | null; pseudonym: string }[]> {
  const rows: (CandidateEntity & { tenant: string | null })[] = ids
    ? await ds.query(`SELECT ${CANDIDATE_COLUMNS} FROM candidate WHERE id = ANY($1::uuid[])`, [ids])
    : await ds.query(`SELECT ${CANDIDATE_COLUMNS} FROM candidate`);
  return rows.map((r) => ({ profile: toCandidateProfile(r), tenant: r.tenant, pseudonym: r.pseudonym }));
}

/** ESCO occupations with their ISCO code and essential and optional skills (R7). */
export async function loadOccupationCatalogue(ds: Queryable): Promise<InMemoryOccupationCatalogue> {
  const occupations: { id: string; isco_code: string }[] = await ds.query('SELECT id, isco_code FROM occupation');
  const entries = new Map<string, OccupationEntry & { essentialSkills: string[]; optionalSkills: string[] }>();
  for (const o of occupations) entries.set(o.id, { iscoCode: o.isco_code, essentialSkills: [], optionalSkills: [] });
  const relations: { o: string; s: string; r: string }[] = await ds.query('SELECT occupation_id AS o, skill_id AS s, relation AS r FROM occupation_skill');
  for (const rel of relations) {
    const e = entries.get(rel.o);
    if (!e) continue; // the one relation-only occupation of the shipped data (see NOTICE)
    (rel.r === 'essential' ? e.essentialSkills : e.optionalSkills).push(rel.s);
  }
  return new InMemoryOccupationCatalogue(entries);
}

/** A household with its members as scoring profiles and their pseudonyms (members by id), or null when there is none. */
export async function loadHousehold(
  ds: Queryable,
  id: string,
): Promise<{ id: string; tenant: string | null; size: number; members: { profile: CandidateProfile; pseudonym: string }[] } | null> {
  // One statement: the household, and (lateral, so the candidate's own columns need no prefix) its
  // members, in a stable order (by id; a lookup by a list of ids returns rows in whatever order
  // the table holds them, which changes when a member's record is updated).
  const rows: ({ householdId: string; householdTenant: string | null; householdSize: number; pseudonym: string | null } & CandidateEntity)[] = await ds.query(
    `SELECT h.id AS "householdId", h.tenant AS "householdTenant", h.size AS "householdSize", c.*
       FROM household h
       LEFT JOIN LATERAL (
         SELECT ${CANDIDATE_COLUMNS}, pseudonym FROM candidate
          WHERE id IN (SELECT candidate_id FROM household_member WHERE household_id = h.id)
       ) c ON true
      WHERE h.id = $1
      ORDER BY c.id`,
    [id],
  );
  if (rows.length === 0) return null;
  const [h] = rows;
  return {
    id: h.householdId,
    tenant: h.householdTenant,
    size: h.householdSize,
    members: rows.filter((r) => r.id !== null).map((r) => ({ profile: toCandidateProfile(r), pseudonym: r.pseudonym as string })),
  };
}
