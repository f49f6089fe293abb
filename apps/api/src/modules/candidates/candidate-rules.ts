import { randomUUID } from 'crypto';
import { FieldProblem } from '../../common/errors/domain-errors';
import { ReferenceSnapshot, resolveLocation } from '../reference/reference-index.service';
import { ResolvedLocation } from '../records/location';
import { StoredDiploma, StoredOccupation, StoredPreferences, StoredTie } from './candidate.entity';
import { CandidateInput } from './dto/candidate.input';

/** The columns of a candidate row, ready to write (monitoring apart). */
export interface CandidateRow {
  id: string;
  externalId: string | null;
  pseudonym: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  birthDate: string;
  legalStatus: string;
  applicationDate: string | null;
  permitDate: string | null;
  wDocumentIssued: string | null;
  wDocumentExpiry: string | null;
  livesInReception: boolean;
  dublinOrReturnDecision: boolean;
  location: ResolvedLocation;
  dutchLevel: string;
  englishLevel: string;
  integrationRoute: string | null;
  diplomas: StoredDiploma[];
  occupations: StoredOccupation[];
  iscoGroups: string[];
  skillIds: string[];
  hoursAvailable: number;
  maxTravelKm: number;
  preferences: StoredPreferences;
  ties: StoredTie[];
  synthetic: boolean;
  monitoring: { nationality: string | null; countryOfBirth: string | null; gender: string | null } | null;
}

/** A new random pseudonym: the only handle the audit trail keeps of a person. */
export const newPseudonym = (): string => `p_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** All ISCO prefixes (1 to 4 digits) of some codes, for group filters. */
export function iscoPrefixes(codes: string[]): string[] {
  const out = new Set<string>();
  for (const c of codes) for (let i = 1; i <= c.length; i++) out.add(c.slice(0, i));
  return [...out].sort();
}

/**
 * The checks a class cannot express: references into the reference tables, dates that
 * must agree with each other, the location. `path` prefixes every field (`input`,
 * `input[17]`). Returns the row to write, or the problems; never a half-checked row.
 */
export function checkCandidate(
  input: CandidateInput,
  ref: ReferenceSnapshot,
  opts: { path: string; today: string; id?: string; pseudonym?: string },
): { row?: CandidateRow; problems: FieldProblem[] } {
  const { path, today } = opts;
  const problems: FieldProblem[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field: `${path}.${field}`, rule, message });

  // Dates (R1, R2): each in order with the others, none in the future.
  const notFuture = (field: keyof CandidateInput) => {
    const v = input[field] as string | undefined;
    if (v && v > today) problem(field, 'notInFuture', `${field} ${v} is in the future`);
  };
  (['birthDate', 'applicationDate', 'permitDate', 'wDocumentIssued'] as const).forEach(notFuture);
  if (input.applicationDate && input.applicationDate < input.birthDate) {
    problem('applicationDate', 'notBeforeBirth', `applicationDate ${input.applicationDate} is before birthDate ${input.birthDate}`);
  }
  if (input.permitDate && input.applicationDate && input.permitDate < input.applicationDate) {
    problem('permitDate', 'notBeforeApplication', `permitDate ${input.permitDate} is before applicationDate ${input.applicationDate}`);
  }
  if (input.wDocumentIssued && input.applicationDate && input.wDocumentIssued < input.applicationDate) {
    problem('wDocumentIssued', 'notBeforeApplication', `wDocumentIssued ${input.wDocumentIssued} is before applicationDate ${input.applicationDate}`);
  }
  if (input.wDocumentExpiry && input.wDocumentIssued && input.wDocumentExpiry <= input.wDocumentIssued) {
    problem('wDocumentExpiry', 'afterIssue', `wDocumentExpiry ${input.wDocumentExpiry} must be after wDocumentIssued ${input.wDocumentIssued}`);
  }
  if (input.wDocumentExpiry && !input.wDocumentIssued) {
    problem('wDocumentIssued', 'isDefined', 'wDocumentIssued is required when wDocumentExpiry is given');
  }
  // The status decides which dates must be there (R1: application; R2: permit).
  if (input.legalStatus === 'ASYLUM_SEEKER') {
    if (!input.applicationDate) problem('applicationDate', 'requiredForStatus', 'applicationDate is required for an ASYLUM_SEEKER (R1.2)');
    if (input.permitDate) problem('permitDate', 'notForStatus', 'an ASYLUM_SEEKER has no permitDate; with a residence permit the status is STATUS_HOLDER');
  }
  if (input.legalStatus === 'STATUS_HOLDER' && !input.permitDate) {
    problem('permitDate', 'requiredForStatus', 'permitDate is required for a STATUS_HOLDER (R2)');
  }

  const location = resolveLocation(ref, input.location, `${path}.location`);
  if (Array.isArray(location)) problems.push(...location);

  const occupations: StoredOccupation[] = [];
  (input.occupations ?? []).forEach((o, i) => {
    const f = `occupations[${i}]`;
    let isco = o.iscoCode ?? null;
    if (o.occupationId) {
      const occ = ref.occupations.get(o.occupationId);
      if (!occ) problem(`${f}.occupationId`, 'exists', `occupationId ${o.occupationId} is not an ESCO occupation`);
      else if (isco && isco !== occ.iscoCode) problem(`${f}.iscoCode`, 'matchesOccupation', `iscoCode ${isco} does not match the occupation's ISCO code ${occ.iscoCode}`);
      else isco = occ.iscoCode;
    } else if (!isco) {
      problem(f, 'occupationOrIsco', `${f} needs an occupationId or an iscoCode`);
    } else if (!ref.iscoCodes.has(isco)) {
      problem(`${f}.iscoCode`, 'exists', `iscoCode ${isco} is not an ISCO-08 unit group`);
    }
    if (isco) occupations.push({ occupationId: o.occupationId ?? null, iscoCode: isco, years: o.years });
  });

  const skillIds = [...new Set(input.skills ?? [])];
  skillIds.forEach((s) => {
    if (!ref.skills.has(s)) problem(`skills[${(input.skills ?? []).indexOf(s)}]`, 'exists', `skill ${s} is not an ESCO skill`);
  });

  const diplomas: StoredDiploma[] = (input.diplomas ?? []).map((d, i) => {
    if (d.iscoCode && !ref.iscoCodes.has(d.iscoCode)) problem(`diplomas[${i}].iscoCode`, 'exists', `iscoCode ${d.iscoCode} is not an ISCO-08 group`);
    return { level: d.level, status: d.status, iscoCode: d.iscoCode ?? null, regulatedProfession: d.regulatedProfession ?? null };
  });

  const ties: StoredTie[] = [];
  (input.ties ?? []).forEach((t, i) => {
    const f = `ties[${i}]`;
    const m = ref.municipalities.get(t.municipalityCode);
    if (!m) {
      problem(`${f}.municipalityCode`, 'exists', `municipalityCode ${t.municipalityCode} is not a municipality`);
      return;
    }
    if (t.kind !== 'WORK') {
      for (const k of ['hoursPerWeek', 'contractMonths', 'monthlyWage', 'signedContract', 'payslip', 'iscoCode'] as const) {
        if (t[k] != null) problem(`${f}.${k}`, 'onlyForWork', `${k} applies only to a WORK tie`);
      }
    }
    if (t.kind !== 'FAMILY' && t.firstDegree != null) problem(`${f}.firstDegree`, 'onlyForFamily', 'firstDegree applies only to a FAMILY tie');
    if (t.iscoCode && !ref.iscoCodes.has(t.iscoCode)) problem(`${f}.iscoCode`, 'exists', `iscoCode ${t.iscoCode} is not an ISCO-08 group`);
    let place = { postcode: null as string | null, lat: m.lat, lon: m.lon, located: false };
    if (t.location) {
      const loc = resolveLocation(ref, t.location, `${path}.${f}.location`);
      if (Array.isArray(loc)) {
        problems.push(...loc);
        return;
      }
      if (loc.municipalityCode !== t.municipalityCode) {
        problem(`${f}.location`, 'insideMunicipality', `the tie's location lies in ${loc.municipalityCode}, not in ${t.municipalityCode}`);
        return;
      }
      place = { postcode: loc.postcode, lat: loc.lat, lon: loc.lon, located: true };
    }
    ties.push({
      kind: t.kind,
      municipalityCode: t.municipalityCode,
      ...place,
      firstDegree: t.firstDegree ?? null,
      hoursPerWeek: t.hoursPerWeek ?? null,
      contractMonths: t.contractMonths ?? null,
      monthlyWage: t.monthlyWage ?? null,
      signedContract: t.signedContract ?? false,
      payslip: t.payslip ?? false,
      iscoCode: t.iscoCode ?? null,
    });
  });

  const prefs = input.preferences ?? {};
  (prefs.municipalityCodes ?? []).forEach((c, i) => {
    if (!ref.municipalities.has(c)) problem(`preferences.municipalityCodes[${i}]`, 'exists', `${c} is not a municipality`);
  });
  (prefs.regionCodes ?? []).forEach((c, i) => {
    if (!ref.regions.has(c) && !ref.provinces.has(c)) problem(`preferences.regionCodes[${i}]`, 'exists', `${c} is not a labour-market region or province`);
  });
  (prefs.iscoGroups ?? []).forEach((c, i) => {
    if (!ref.iscoCodes.has(c)) problem(`preferences.iscoGroups[${i}]`, 'exists', `${c} is not an ISCO-08 group`);
  });

  if (problems.length > 0 || Array.isArray(location)) return { problems };
  return {
    problems,
    row: {
      id: opts.id ?? randomUUID(),
      externalId: input.externalId ?? null,
      pseudonym: opts.pseudonym ?? newPseudonym(),
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      notes: input.notes ?? null,
      birthDate: input.birthDate,
      legalStatus: input.legalStatus,
      applicationDate: input.applicationDate ?? null,
      permitDate: input.permitDate ?? null,
      wDocumentIssued: input.wDocumentIssued ?? null,
      wDocumentExpiry: input.wDocumentExpiry ?? null,
      livesInReception: input.livesInReception ?? input.legalStatus !== 'DISPLACED_UKRAINE',
      dublinOrReturnDecision: input.dublinOrReturnDecision ?? false,
      location,
      dutchLevel: input.dutchLevel,
      englishLevel: input.englishLevel ?? 'NONE',
      integrationRoute: input.integrationRoute ?? null,
      diplomas,
      occupations,
      iscoGroups: iscoPrefixes(occupations.map((o) => o.iscoCode)),
      skillIds,
      hoursAvailable: input.hoursAvailable,
      maxTravelKm: input.maxTravelKm,
      preferences: {
        municipalityCodes: prefs.municipalityCodes ?? [],
        regionCodes: prefs.regionCodes ?? [],
        iscoGroups: prefs.iscoGroups ?? [],
      },
      ties,
      synthetic: input.synthetic ?? false,
      monitoring: input.monitoring
        ? { nationality: input.monitoring.nationality ?? null, countryOfBirth: input.monitoring.countryOfBirth ?? null, gender: input.monitoring.gender ?? null }
        : null,
    },
  };
}
