/**
 * Turns operator files (CSV or JSON Lines) into API inputs, row by row, catching what the
 * GraphQL layer would refuse for a whole batch (a word where a number belongs, an unknown
 * level) so that one bad line costs one row, not a batch.
 */
import { CefrLevel, DiplomaStatusEnum, EducationLevelEnum, GenderEnum, IntegrationRouteEnum, LegalStatusEnum, TieKindEnum } from '../../../api/src/modules/records/enums';

export type Kind = 'vacancies' | 'candidates';

export interface ParsedRow {
  line: number;
  input?: Record<string, unknown>;
  /** Every problem of the row, each naming its column (a row with any is not sent). */
  errors?: string[];
}

/** Header → the canonical column name: `Hours per week`, `hours_per_week`, `hoursPerWeek` all give `hoursperweek`. */
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads one record's columns. A bad value is noted (column and why) and read as absent, so one
 * pass finds every problem of a row, not only the first.
 */
function reader(rec: Record<string, string>, problems: string[]) {
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
    if (!Number.isFinite(n) || (int && !Number.isInteger(n))) {
      problems.push(`${name}: "${v}" is not ${int ? 'a whole number' : 'a number'}`);
      return undefined;
    }
    return n;
  };
  const bool = (name: string): boolean | undefined => {
    const v = get(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (['true', '1', 'yes', 'ja', 'y', 'j'].includes(v)) return true;
    if (['false', '0', 'no', 'nee', 'n'].includes(v)) return false;
    problems.push(`${name}: "${v}" is not yes/no`);
    return undefined;
  };
  const isOneOf = <T extends string>(name: string, raw: string, values: Record<string, T>): T | undefined => {
    const v = raw.trim().toUpperCase();
    if ((Object.values(values) as string[]).includes(v)) return v as T;
    problems.push(`${name}: "${raw.trim()}" must be one of ${Object.values(values).join(', ')}`);
    return undefined;
  };
  const oneOf = <T extends string>(name: string, values: Record<string, T>): T | undefined => {
    const v = get(name);
    return v === undefined ? undefined : isOneOf(name, v, values);
  };
  const list = (name: string): string[] | undefined => get(name)?.split('|').map((s) => s.trim()).filter(Boolean);
  /** A cell holding JSON (an array or an object, as in the API's input). */
  const json = <T>(name: string, shape: 'array' | 'object'): T | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    try {
      const parsed = JSON.parse(v) as unknown;
      if (shape === 'array' ? Array.isArray(parsed) : parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as T;
      problems.push(`${name}: must be a JSON ${shape}`);
    } catch (err) {
      problems.push(`${name}: not JSON (${(err as Error).message})`);
    }
    return undefined;
  };
  const location = () => {
    const postcode = get('postcode');
    const lat = num('lat');
    const lon = num('lon');
    return postcode ? { postcode } : lat !== undefined || lon !== undefined ? { lat, lon } : undefined;
  };
  return { get, num, bool, oneOf, isOneOf, list, json, location };
}

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function vacancyFromCsv(rec: Record<string, string>, problems: string[]): Record<string, unknown> {
  const r = reader(rec, problems);
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

function candidateFromCsv(rec: Record<string, string>, problems: string[]): Record<string, unknown> {
  const r = reader(rec, problems);
  // occupations: "occupation-uuid-or-ISCO:years|…"
  const occupations = r.list('occupations')?.map((o) => {
    const [id, years] = o.split(':');
    const y = Number(years ?? '0');
    if (!Number.isFinite(y)) problems.push(`occupations: "${o}" must be id:years`);
    return /^\d{4}$/.test(id) ? { iscoCode: id, years: y } : { occupationId: id, years: y };
  });
  // diplomas (R6): "LEVEL:STATUS[:ISCO[:regulated profession]]|…", e.g. "MBO:EVALUATED:5120|HBO:RECOGNISED:2221:BIG:verpleegkundige", or a JSON array.
  const diplomas = r.get('diplomas')?.startsWith('[')
    ? r.json<Record<string, unknown>[]>('diplomas', 'array')
    : r.list('diplomas')?.map((d) => {
        const [level, status, isco, ...profession] = d.split(':');
        return clean({
          level: r.isOneOf('diplomas', level ?? '', EducationLevelEnum),
          status: r.isOneOf('diplomas', status ?? '', DiplomaStatusEnum),
          iscoCode: isco || undefined,
          regulatedProfession: profession.length ? profession.join(':') : undefined,
        });
      });
  // ties (R12): "KIND:GMxxxx|…" for family, education and medical ties, or a JSON array of the API's tie
  // objects (a work tie needs hoursPerWeek, contractMonths, signedContract, payslip).
  const ties = r.get('ties')?.startsWith('[')
    ? r.json<Record<string, unknown>[]>('ties', 'array')
    : r.list('ties')?.map((t) => {
        const [kind, municipalityCode] = t.split(':');
        if (!municipalityCode) problems.push(`ties: "${t}" must be KIND:GMxxxx`);
        return { kind: r.isOneOf('ties', kind ?? '', TieKindEnum), municipalityCode };
      });
  // preferences (R13): a JSON object in "preferences", or one column per list.
  const preferences =
    r.json<Record<string, unknown>>('preferences', 'object') ??
    (r.get('preferred_municipalities', 'preferred_regions', 'preferred_isco_groups')
      ? clean({ municipalityCodes: r.list('preferred_municipalities'), regionCodes: r.list('preferred_regions'), iscoGroups: r.list('preferred_isco_groups') })
      : undefined);
  // monitoring (R17): reporting only, stored apart, never scored.
  const gender = r.oneOf('gender', GenderEnum);
  const monitoring = r.get('nationality', 'country_of_birth') || gender ? clean({ nationality: r.get('nationality'), countryOfBirth: r.get('country_of_birth'), gender }) : undefined;
  return clean({
    externalId: r.get('external_id', 'id'),
    name: r.get('name'),
    email: r.get('email'),
    phone: r.get('phone'),
    notes: r.get('notes'),
    birthDate: r.get('birth_date'),
    legalStatus: r.oneOf('legal_status', LegalStatusEnum),
    applicationDate: r.get('application_date'),
    permitDate: r.get('permit_date'),
    wDocumentIssued: r.get('w_document_issued'),
    wDocumentExpiry: r.get('w_document_expiry'),
    livesInReception: r.bool('lives_in_reception'),
    dublinOrReturnDecision: r.bool('dublin_or_return_decision'),
    location: r.location(),
    dutchLevel: r.oneOf('dutch_level', CefrLevel),
    englishLevel: r.oneOf('english_level', CefrLevel),
    integrationRoute: r.oneOf('integration_route', IntegrationRouteEnum),
    diplomas,
    occupations,
    skills: r.list('skills'),
    hoursAvailable: r.num('hours_available', true),
    maxTravelKm: r.num('max_travel_km', true),
    preferences,
    ties,
    monitoring,
  });
}

/** One CSV record (already split into columns with the header) → an input or a row error. */
export function fromCsvRecord(kind: Kind, line: number, record: Record<string, string>): ParsedRow {
  const normalised = Object.fromEntries(Object.entries(record).map(([k, v]) => [norm(k), v]));
  const problems: string[] = [];
  const input = kind === 'vacancies' ? vacancyFromCsv(normalised, problems) : candidateFromCsv(normalised, problems);
  return problems.length ? { line, errors: problems } : { line, input };
}

/** One JSON line → an input (the API's input shape) or a row error. */
export function fromJsonLine(line: number, text: string): ParsedRow | null {
  if (text.trim() === '') return null;
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, errors: ['a line must hold one JSON object'] };
    return { line, input: value };
  } catch (err) {
    return { line, errors: [`not JSON: ${(err as Error).message}`] };
  }
}
