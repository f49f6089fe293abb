/**
 * Test support: seeded random worlds for the matching index (vacancies, candidates,
 * municipalities, an ESCO-like catalogue and labour demand), written from the domain brief and
 * the scoring library's input types only.
 */
import {
  CEFR_LEVELS,
  DEFAULT_POLICY,
  InMemoryLabourDemand,
  InMemoryOccupationCatalogue,
  formatIsoDay,
  parseIsoDay,
  type CandidateProfile,
  type EducationLevel,
  type JobMatchContext,
  type LabourDemandRow,
  type MunicipalityProfile,
  type OccupationEntry,
  type VacancyProfile,
} from '@kansrijk/scoring';

/** Deterministic 32-bit PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ON_DATE = '2025-09-01';

/** The Netherlands' bounding box. */
export const NL = { minLat: 50.75, maxLat: 53.55, minLon: 3.36, maxLon: 7.23 };

const LEVELS: EducationLevel[] = ['PRIMARY', 'SECONDARY', 'MBO', 'HBO', 'WO'];
const SECTORS = ['zorg', 'Zorg ', 'logistiek', 'horeca', 'bouw', 'ICT', null];
const PROFESSIONS = ['BIG:verpleegkundige', 'BIG:arts'];
const REGIONS = ['AM01', 'AM02', 'AM03', 'AM04', 'AM05', 'AM06'];
const CITIES = [
  { lat: 52.37, lon: 4.9 },
  { lat: 51.92, lon: 4.48 },
  { lat: 52.09, lon: 5.12 },
  { lat: 51.44, lon: 5.47 },
  { lat: 53.22, lon: 6.57 },
];

export interface RandomWorld {
  context: JobMatchContext;
  vacancies: VacancyProfile[];
  candidates: CandidateProfile[];
  municipalities: MunicipalityProfile[];
  /** Makes one more vacancy or candidate with a fresh id. */
  vacancy: (id: string) => VacancyProfile;
  candidate: (id: string) => CandidateProfile;
  random: () => number;
}

export interface WorldSize {
  vacancies: number;
  candidates: number;
  municipalities?: number;
  /** Share of vacancies placed just outside the grid (east of 7.6° E), default 0.005. */
  strays?: number;
}

export function randomWorld(seed: number, size: WorldSize): RandomWorld {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const distinct = (n: number, make: () => string) => {
    const s = new Set<string>();
    for (let i = 0; i < n * 3 && s.size < n; i++) s.add(make());
    return [...s];
  };
  // Skewed skills: a few transversal ones appear in many occupations.
  const skill = () => `s${Math.floor(250 * r() ** 2)}`;
  const iscoUnits = ['2221', '2222', '2223', '3221', '5120', '5131', '5141', '7112', '7115', '8322', '8332', '9112', '9121', '9333', '9334', '2511', '2512'];
  const occIds: string[] = [];
  const entries: Record<string, OccupationEntry> = {};
  for (let i = 0; i < 60; i++) {
    const id = `occ${i}`;
    occIds.push(id);
    entries[id] = { iscoCode: pick(iscoUnits), essentialSkills: distinct(int(4, 12), skill), optionalSkills: distinct(int(2, 6), skill) };
  }
  const catalogue = new InMemoryOccupationCatalogue(entries);
  const rows: LabourDemandRow[] = [];
  for (const regionCode of REGIONS) {
    for (let g = 1; g <= 9; g++) rows.push({ regionCode, iscoGroup: String(g), tension: r() * 2 });
    for (const u of iscoUnits) if (r() < 0.5) rows.push({ regionCode, iscoGroup: u.slice(0, int(2, 4)), tension: r() * 3 });
  }
  const labourDemand = new InMemoryLabourDemand(rows);
  const onDay = parseIsoDay(ON_DATE);
  const day = (offset: number) => formatIsoDay(onDay + offset);
  const strayShare = size.strays ?? 0.005;

  const place = () => {
    const u = r();
    if (u < strayShare) return { lat: 51 + r() * 1.5, lon: 7.7 + r() * 0.5 };
    if (u < 0.5) {
      const c = pick(CITIES);
      return { lat: c.lat + (r() - 0.5) * 0.4, lon: c.lon + (r() - 0.5) * 0.6 };
    }
    return { lat: NL.minLat + r() * (NL.maxLat - NL.minLat), lon: NL.minLon + r() * (NL.maxLon - NL.minLon) };
  };
  const locations: { lat: number; lon: number }[] = [];
  const location = () => {
    // Now and then exactly where an earlier point is (same building, same postcode centroid).
    const p = locations.length > 0 && r() < 0.05 ? { ...pick(locations) } : place();
    locations.push(p);
    return p;
  };

  const vacancy = (id: string): VacancyProfile => {
    const occ = pick(occIds);
    const e = entries[occ];
    const listsSkills = r() < 0.85;
    return {
      id,
      iscoCode: r() < 0.9 ? e.iscoCode : e.iscoCode.slice(0, 3),
      escoOccupationId: r() < 0.8 ? occ : null,
      essentialSkills: listsSkills ? e.essentialSkills.filter(() => r() < 0.7) : [],
      optionalSkills: listsSkills ? [...e.optionalSkills.filter(() => r() < 0.4), ...distinct(int(0, 2), skill)] : [],
      minDutchLevel: CEFR_LEVELS[int(0, 4)],
      englishSuffices: r() < 0.3,
      minEnglishLevel: r() < 0.5 ? null : CEFR_LEVELS[int(1, 5)],
      diplomaRequirement: r() < 0.3 ? { level: pick(LEVELS), regulatedProfession: r() < 0.15 ? pick(PROFESSIONS) : null } : null,
      // 4 to 44: light work for 13- to 15-year-olds is at most 12 hours, young workers' at most 40 (R9.5).
      hoursPerWeek: r() < 0.1 ? 12.5 + int(0, 4) * 6.25 : int(4, 44),
      contractMonths: r() < 0.3 ? null : int(1, 24),
      monthlyWage: r() < 0.3 ? null : int(1200, 4200),
      location: location(),
      regionCode: pick(REGIONS),
      startDate: day(int(-20, 200)),
      languageCoaching: r() < 0.3,
      jobCoach: r() < 0.2,
      workPermitWillingness: r() < 0.7,
      sector: pick(SECTORS),
    };
  };

  const candidate = (id: string): CandidateProfile => {
    const u = r();
    const legalStatus = u < 0.4 ? 'ASYLUM_SEEKER' : u < 0.85 ? 'STATUS_HOLDER' : 'DISPLACED_UKRAINE';
    const heldIds = Array.from({ length: int(0, 3) }, () => pick(occIds));
    const held = heldIds.map((o) => ({ escoId: r() < 0.8 ? o : null, iscoCode: entries[o].iscoCode, years: r() * 12 }));
    const first = heldIds.length > 0 ? entries[heldIds[0]] : null;
    const applicationMonthsAgo = r() * 14;
    return {
      id,
      // From 12: children and young workers meet the working-age gate (R9.5).
      birthDate: day(-int(12 * 365, 62 * 365)),
      legalStatus,
      applicationDate: legalStatus === 'ASYLUM_SEEKER' && r() < 0.95 ? day(-Math.round(applicationMonthsAgo * 30.4)) : null,
      permitDate: legalStatus === 'STATUS_HOLDER' ? day(-int(0, 500)) : null,
      wDocumentIssued: legalStatus === 'ASYLUM_SEEKER' ? day(-int(0, 300)) : null,
      wDocumentExpiry: legalStatus === 'ASYLUM_SEEKER' && r() < 0.95 ? day(int(-10, 420)) : null,
      livesInReception: legalStatus !== 'DISPLACED_UKRAINE' && r() < 0.85,
      dublinOrReturnDecision: legalStatus === 'ASYLUM_SEEKER' && r() < 0.05,
      location: location(),
      dutchLevel: CEFR_LEVELS[int(0, 5)],
      englishLevel: CEFR_LEVELS[int(0, 6)],
      integrationRoute: pick(['B1', 'EDUCATION', 'Z', null] as const),
      diplomas: Array.from({ length: int(0, 2) }, () => ({
        level: pick(LEVELS),
        status: pick(['SELF_REPORTED', 'EVALUATED', 'RECOGNISED'] as const),
        iscoCode: held[0]?.iscoCode ?? null,
        regulatedProfession: r() < 0.2 ? pick(PROFESSIONS) : null,
      })),
      occupations: held,
      skills: [...(first ? first.essentialSkills.filter(() => r() < 0.5) : []), ...distinct(int(0, 6), skill)],
      hoursAvailable: r() < 0.1 ? 12.5 + int(0, 4) * 6.25 : int(8, 44),
      maxTravelKm: pick([0, 5, 10, 15, 25, 40, 60, 90, 150]),
      ties: [],
    };
  };

  const vacancies = Array.from({ length: size.vacancies }, (_, i) => vacancy(`v${String(i).padStart(5, '0')}`));
  const candidates = Array.from({ length: size.candidates }, (_, i) => candidate(`c${String(i).padStart(4, '0')}`));
  const municipalities: MunicipalityProfile[] = Array.from({ length: size.municipalities ?? 30 }, (_, i) => {
    // Some at a city, one exactly on a vacancy, one near the grid's edge, the rest anywhere.
    const centroid = i === 0 ? { ...vacancies[0].location } : i < 4 ? { ...CITIES[i] } : i === 4 ? { lat: 50.76, lon: 7.2 } : place();
    return { code: `GM${String(i).padStart(4, '0')}`, name: `Gemeente ${i}`, regionCode: pick(REGIONS), provinceCode: 'PV20', centroid, population: int(5000, 800000) };
  });
  return { context: { policy: DEFAULT_POLICY, onDate: ON_DATE, catalogue, labourDemand }, vacancies, candidates, municipalities, vacancy, candidate, random: r };
}
