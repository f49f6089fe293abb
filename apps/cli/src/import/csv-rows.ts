/**
 * Turns operator files (CSV or JSON Lines) into API inputs, row by row, catching what the
 * GraphQL layer would refuse for a whole batch (a word where a number belongs, an unknown
 * level) so that one bad line costs one row, not a batch.
 */
import { CefrLevel, EducationLevelEnum, IntegrationRouteEnum, LegalStatusEnum } from '../../../api/src/modules/records/enums';

export type Kind = 'vacancies' | 'candidates';

export interface ParsedRow {
  line: number;
  input?: Record<string, unknown>;
  error?: string;
}

/** Header → the canonical column name: `Hours per week`, `hours_per_week`, `hoursPerWeek` all give `hoursperweek`. */
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

class RowError extends Error {}

function reader(rec: Record<string, string>) {
  const get = (...names: string[]): string | undefined => {
    for (const n of names) {
      const v = rec[norm(n)];
      if (v !== undefined && v.trim() !== '') return v.trim();
    }
    return undefined;
  };
  const num = (name: string, int = false): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || (int && !Number.isInteger(n))) throw new RowError(`${name}: "${v}" is not ${int ? 'a whole number' : 'a number'}`);
    return n;
  };
  const bool = (name: string): boolean | undefined => {
    const v = get(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (['true', '1', 'yes', 'ja', 'y', 'j'].includes(v)) return true;
    if (['false', '0', 'no', 'nee', 'n'].includes(v)) return false;
    throw new RowError(`${name}: "${v}" is not yes/no`);
  };
  const oneOf = <T extends string>(name: string, values: Record<string, T>): T | undefined => {
    const v = get(name)?.toUpperCase();
    if (v === undefined) return undefined;
    if (!(Object.values(values) as string[]).includes(v)) throw new RowError(`${name}: "${v}" must be one of ${Object.values(values).join(', ')}`);
    return v as T;
  };
  const list = (name: string): string[] | undefined => get(name)?.split('|').map((s) => s.trim()).filter(Boolean);
  const location = () => {
    const postcode = get('postcode');
    const lat = num('lat');
    const lon = num('lon');
    return postcode ? { postcode } : lat !== undefined || lon !== undefined ? { lat, lon } : undefined;
  };
  return { get, num, bool, oneOf, list, location };
}

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function vacancyFromCsv(rec: Record<string, string>): Record<string, unknown> {
  const r = reader(rec);
  const employerName = r.get('employer_name');
  const diplomaLevel = r.oneOf('diploma_level', EducationLevelEnum);
  return clean({
    externalId: r.get('external_id', 'id'),
    employerId: r.get('employer_id'),
    employer: employerName ? clean({ externalId: r.get('employer_external_id'), name: employerName, kvkNumber: r.get('employer_kvk', 'kvk_number'), sector: r.get('sector') }) : undefined,
    title: r.get('title'),
    description: r.get('description'),
    occupationId: r.get('occupation_id', 'esco_occupation_id'),
    iscoCode: r.get('isco_code', 'isco'),
    essentialSkills: r.list('essential_skills'),
    optionalSkills: r.list('optional_skills'),
    minDutchLevel: r.oneOf('min_dutch_level', CefrLevel),
    englishSuffices: r.bool('english_suffices'),
    minEnglishLevel: r.oneOf('min_english_level', CefrLevel),
    diplomaRequirement: diplomaLevel ? clean({ level: diplomaLevel, regulatedProfession: r.get('regulated_profession') }) : undefined,
    hoursPerWeek: r.num('hours_per_week', true),
    contractMonths: r.num('contract_months', true),
    monthlyWage: r.num('monthly_wage'),
    location: r.location(),
    startDate: r.get('start_date'),
    languageCoaching: r.bool('language_coaching'),
    jobCoach: r.bool('job_coach'),
    workPermitWillingness: r.bool('work_permit_willingness'),
    sector: r.get('sector'),
  });
}

function candidateFromCsv(rec: Record<string, string>): Record<string, unknown> {
  const r = reader(rec);
  // occupations: "occupation-uuid-or-ISCO:years|…"
  const occupations = r.list('occupations')?.map((o) => {
    const [id, years] = o.split(':');
    const y = Number(years ?? '0');
    if (!Number.isFinite(y)) throw new RowError(`occupations: "${o}" must be id:years`);
    return /^\d{4}$/.test(id) ? { iscoCode: id, years: y } : { occupationId: id, years: y };
  });
  return clean({
    externalId: r.get('external_id', 'id'),
    name: r.get('name'),
    email: r.get('email'),
    phone: r.get('phone'),
    birthDate: r.get('birth_date'),
    legalStatus: r.oneOf('legal_status', LegalStatusEnum),
    applicationDate: r.get('application_date'),
    permitDate: r.get('permit_date'),
    wDocumentIssued: r.get('w_document_issued'),
    wDocumentExpiry: r.get('w_document_expiry'),
    livesInReception: r.bool('lives_in_reception'),
    location: r.location(),
    dutchLevel: r.oneOf('dutch_level', CefrLevel),
    englishLevel: r.oneOf('english_level', CefrLevel),
    integrationRoute: r.oneOf('integration_route', IntegrationRouteEnum),
    occupations,
    skills: r.list('skills'),
    hoursAvailable: r.num('hours_available', true),
    maxTravelKm: r.num('max_travel_km', true),
  });
}

/** One CSV record (already split into columns with the header) → an input or a row error. */
export function fromCsvRecord(kind: Kind, line: number, record: Record<string, string>): ParsedRow {
  const normalised = Object.fromEntries(Object.entries(record).map(([k, v]) => [norm(k), v]));
  try {
    return { line, input: kind === 'vacancies' ? vacancyFromCsv(normalised) : candidateFromCsv(normalised) };
  } catch (err) {
    if (err instanceof RowError) return { line, error: err.message };
    throw err;
  }
}

/** One JSON line → an input (the API's input shape) or a row error. */
export function fromJsonLine(line: number, text: string): ParsedRow | null {
  if (text.trim() === '') return null;
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, error: 'a line must hold one JSON object' };
    return { line, input: value };
  } catch (err) {
    return { line, error: `not JSON: ${(err as Error).message}` };
  }
}
