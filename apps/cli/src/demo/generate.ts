/**
 * Synthetic, deterministic demo records in plausible proportions (domain brief section 7):
 * people and vacancies in real postcode areas weighted by population, occupations from
 * ESCO weighted toward the sectors that hire newcomers now or lack staff. Every record is
 * marked synthetic. The proportions are illustrative, not statistics.
 */
import { MunicipalityRecord, OccupationRecord, PostcodeAreaRecord } from '@kansrijk/reference-data';
import { addDays, Random, WeightedTable } from './random';

/** Weight of an ISCO code in the demo (sectors named in the domain brief weigh more). */
export function sectorWeight(isco: string): number {
  const hot: [string, number][] = [
    ['51', 6], ['94', 6], ['91', 6], ['83', 4], ['93', 5], ['4321', 4], ['71', 4], ['61', 2], ['92', 3],
    ['22', 3], ['32', 3], ['53', 4], ['21', 2], ['31', 2], ['72', 3], ['74', 3], ['25', 2], ['35', 2],
  ];
  for (const [prefix, w] of hot) if (isco.startsWith(prefix)) return w;
  return 0.3;
}

export interface DemoWorld {
  postcodes: WeightedTable<PostcodeAreaRecord>;
  municipalities: WeightedTable<MunicipalityRecord>;
  occupations: WeightedTable<OccupationRecord>;
  essential: Map<string, string[]>;
  optional: Map<string, string[]>;
  allSkills: string[];
  today: string;
}

const CEFR_DUTCH: [string, number][] = [['NONE', 25], ['A1', 30], ['A2', 25], ['B1', 13], ['B2', 5], ['C1', 2]];
const CEFR_ENGLISH: [string, number][] = [['NONE', 30], ['A1', 15], ['A2', 20], ['B1', 20], ['B2', 10], ['C1', 5]];
const COUNTRIES: [string, number][] = [['SY', 30], ['ER', 12], ['TR', 10], ['AF', 9], ['YE', 6], ['IQ', 5], ['SO', 4], ['IR', 4], ['SD', 3], ['ET', 2], ['MA', 2], ['CD', 2], ['GE', 2]];

export function makeCandidate(r: Random, w: DemoWorld, i: number, seed: number, status: 'ASYLUM_SEEKER' | 'STATUS_HOLDER' | 'DISPLACED_UKRAINE', birthDate: string): Record<string, unknown> {
  const pc = w.postcodes.pick(r);
  const occupations = Array.from({ length: r.weighted([[0, 25], [1, 55], [2, 20]] as const) }, () => {
    const o = w.occupations.pick(r);
    return { occupationId: o.id, years: r.int(0, 12) };
  });
  const fromOccupations = occupations.flatMap((o) => r.sample(w.essential.get(o.occupationId) ?? [], r.int(1, 4)));
  const skills = [...new Set([...fromOccupations, ...r.sample(w.allSkills, r.int(0, 2))])];
  let dates: Record<string, unknown> = {};
  if (status === 'ASYLUM_SEEKER') {
    const applied = addDays(w.today, -r.int(70, 720));
    const issued = addDays(applied, r.int(10, 60));
    dates = { applicationDate: applied, wDocumentIssued: issued, wDocumentExpiry: addDays(issued, 365), livesInReception: true, dublinOrReturnDecision: r.chance(0.05) };
  } else if (status === 'STATUS_HOLDER') {
    const permit = addDays(w.today, -r.int(0, 540));
    dates = { applicationDate: addDays(permit, -r.int(180, 600)), permitDate: permit, livesInReception: r.chance(0.8) };
  } else {
    dates = { livesInReception: false };
  }
  const ties: Record<string, unknown>[] = [];
  if (status === 'STATUS_HOLDER' && r.chance(0.3)) {
    const kind = r.weighted([['FAMILY', 50], ['WORK', 27], ['EDUCATION', 13], ['MEDICAL', 10]] as const);
    const m = w.municipalities.pick(r);
    ties.push(
      kind === 'WORK'
        ? { kind, municipalityCode: m.code, hoursPerWeek: r.int(4, 32), contractMonths: r.int(3, 18), monthlyWage: r.int(900, 2800), signedContract: r.chance(0.8), payslip: r.chance(0.7) }
        : kind === 'FAMILY'
          ? { kind, municipalityCode: m.code, firstDegree: r.chance(0.8) }
          : { kind, municipalityCode: m.code },
    );
  }
  const diplomaLevel = r.weighted([['PRIMARY', 15], ['SECONDARY', 30], ['MBO', 25], ['HBO', 18], ['WO', 12]] as const);
  return {
    externalId: `demo-${seed}-c${i}`,
    name: `Demo persoon ${i}`,
    birthDate,
    legalStatus: status,
    ...dates,
    location: { postcode: pc.pc4 },
    dutchLevel: status === 'DISPLACED_UKRAINE' ? r.weighted([['NONE', 40], ['A1', 40], ['A2', 20]] as const) : r.weighted(CEFR_DUTCH),
    englishLevel: r.weighted(CEFR_ENGLISH),
    integrationRoute: status === 'STATUS_HOLDER' ? r.weighted([['B1', 60], ['EDUCATION', 15], ['Z', 25]] as const) : undefined,
    diplomas: r.chance(0.5)
      ? [{ level: diplomaLevel, status: r.weighted([['NONE', 10], ['SELF_REPORTED', 50], ['EVALUATED', 35], ['RECOGNISED', 5]] as const) }]
      : [],
    occupations,
    skills,
    hoursAvailable: r.weighted([[16, 15], [24, 20], [32, 30], [36, 15], [40, 20]] as const),
    maxTravelKm: r.weighted([[10, 15], [20, 25], [30, 25], [40, 20], [60, 15]] as const),
    ties,
    monitoring: {
      gender: r.weighted([['MALE', 60], ['FEMALE', 38], ['X', 2]] as const),
      countryOfBirth: status === 'DISPLACED_UKRAINE' ? 'UA' : r.weighted(COUNTRIES),
      nationality: status === 'DISPLACED_UKRAINE' ? 'UA' : r.weighted(COUNTRIES),
    },
    synthetic: true,
  };
}

export function makeVacancy(r: Random, w: DemoWorld, i: number, seed: number, employerExternalId: string, employerName: string): Record<string, unknown> {
  const o = w.occupations.pick(r);
  const essential = r.sample(w.essential.get(o.id) ?? [], r.int(3, 8));
  const optional = r.sample((w.optional.get(o.id) ?? []).filter((s) => !essential.includes(s)), r.int(0, 3));
  const englishSuffices = r.chance(0.3);
  return {
    externalId: `demo-${seed}-v${i}`,
    employer: { externalId: employerExternalId, name: employerName, synthetic: true },
    title: o.labelNl.slice(0, 200),
    occupationId: o.id,
    essentialSkills: essential,
    optionalSkills: optional,
    minDutchLevel: r.weighted([['NONE', 15], ['A1', 25], ['A2', 30], ['B1', 20], ['B2', 10]] as const),
    englishSuffices,
    minEnglishLevel: englishSuffices ? r.weighted([['A2', 30], ['B1', 50], ['B2', 20]] as const) : undefined,
    hoursPerWeek: r.weighted([[12, 10], [16, 10], [24, 20], [32, 30], [36, 10], [40, 20]] as const),
    contractMonths: r.chance(0.2) ? undefined : r.weighted([[3, 10], [6, 30], [12, 40], [24, 20]] as const),
    monthlyWage: r.int(2250, 4200),
    location: { postcode: w.postcodes.pick(r).pc4 },
    startDate: addDays(w.today, r.int(0, 120)),
    languageCoaching: r.chance(0.25),
    jobCoach: r.chance(0.15),
    workPermitWillingness: r.chance(0.4),
    synthetic: true,
  };
}
