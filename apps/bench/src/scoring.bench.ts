/**
 * Job-pair scoring throughput (issue 3): 2,000 candidates × 5,000 vacancies with realistic
 * profiles (ESCO-like catalogue of 3,000 occupations over 14,000 skills, 10-30 skills per
 * vacancy, 0-3 held occupations per candidate, a mix of asylum seekers, status holders and
 * people from Ukraine across the Netherlands). Prints pairs per second on one core for the fast
 * path (`scorePrepared`) and for the explained results (`explainPrepared` on prepared profiles,
 * `scoreJobMatch` from raw profiles). Figures only; never fails on timing.
 */
import {
  CEFR_LEVELS,
  DEFAULT_POLICY,
  InMemoryLabourDemand,
  InMemoryOccupationCatalogue,
  explainPrepared,
  formatIsoDay,
  parseIsoDay,
  prepareCandidate,
  prepareJobContext,
  prepareVacancy,
  scoreJobMatch,
  scorePrepared,
  type CandidateProfile,
  type EducationLevel,
  type LabourDemandRow,
  type OccupationEntry,
  type PairScore,
  type VacancyProfile,
} from '@kansrijk/scoring';
import { mulberry32 as rng } from '../../cli/src/demo/random';


const N_CANDIDATES = 2_000;
const N_VACANCIES = 5_000;
const N_OCCUPATIONS = 3_000;
const N_SKILLS = 14_000;
const ON_DATE = '2025-09-01';

function buildWorld(seed = 42) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  // Skills are skewed: a few transversal skills are common, most are occupation-specific.
  const skill = () => `skill-${Math.floor(N_SKILLS * r() ** 2)}`;
  const distinct = (n: number, make: () => string) => {
    const s = new Set<string>();
    while (s.size < n) s.add(make());
    return [...s];
  };

  const occIds: string[] = [];
  const entries: Record<string, OccupationEntry> = {};
  for (let i = 0; i < N_OCCUPATIONS; i++) {
    const id = `occ-${i}`;
    occIds.push(id);
    entries[id] = { iscoCode: String(1000 + int(0, 8999)).padStart(4, '0'), essentialSkills: distinct(int(10, 30), skill), optionalSkills: distinct(int(5, 15), skill) };
  }
  const catalogue = new InMemoryOccupationCatalogue(entries);

  const regions = Array.from({ length: 35 }, (_, i) => `AM${String(i + 1).padStart(2, '0')}`);
  const rows: LabourDemandRow[] = [];
  for (const regionCode of regions) {
    for (let g = 1; g <= 9; g++) rows.push({ regionCode, iscoGroup: String(g), tension: r() * 2 });
    for (let k = 0; k < 200; k++) rows.push({ regionCode, iscoGroup: entries[pick(occIds)].iscoCode.slice(0, int(2, 4)), tension: r() * 3 });
  }
  const labourDemand = new InMemoryLabourDemand(rows);

  const onDay = parseIsoDay(ON_DATE);
  const day = (offset: number) => formatIsoDay(onDay + offset);
  const place = () => ({ lat: 50.8 + r() * 2.6, lon: 3.5 + r() * 3.6 });
  const levels: EducationLevel[] = ['PRIMARY', 'SECONDARY', 'MBO', 'HBO', 'WO'];

  const candidates: CandidateProfile[] = Array.from({ length: N_CANDIDATES }, (_, i) => {
    const u = r();
    const legalStatus = u < 0.4 ? 'ASYLUM_SEEKER' : u < 0.9 ? 'STATUS_HOLDER' : 'DISPLACED_UKRAINE';
    const occupations = Array.from({ length: int(0, 3) }, () => {
      const id = pick(occIds);
      return { escoId: id, iscoCode: entries[id].iscoCode, years: r() * 15 };
    });
    return {
      id: `cand-${i}`,
      birthDate: day(-int(17 * 365, 60 * 365)),
      legalStatus,
      applicationDate: legalStatus === 'ASYLUM_SEEKER' ? day(-int(30, 700)) : null,
      permitDate: legalStatus === 'STATUS_HOLDER' ? day(-int(0, 500)) : null,
      wDocumentIssued: legalStatus === 'ASYLUM_SEEKER' ? day(-int(0, 300)) : null,
      wDocumentExpiry: legalStatus === 'ASYLUM_SEEKER' ? day(int(30, 400)) : null,
      livesInReception: legalStatus !== 'DISPLACED_UKRAINE' && r() < 0.8,
      dublinOrReturnDecision: legalStatus === 'ASYLUM_SEEKER' && r() < 0.05,
      location: place(),
      dutchLevel: CEFR_LEVELS[int(0, 4)],
      englishLevel: CEFR_LEVELS[int(0, 6)],
      integrationRoute: pick(['B1', 'EDUCATION', 'Z', null] as const),
      diplomas: Array.from({ length: int(0, 2) }, () => ({ level: pick(levels), status: pick(['SELF_REPORTED', 'EVALUATED', 'RECOGNISED'] as const), iscoCode: pick(occupations)?.iscoCode ?? null })),
      occupations,
      skills: distinct(int(5, 20), skill),
      hoursAvailable: int(8, 40),
      maxTravelKm: int(10, 80),
      ties: [],
    };
  });

  const vacancies: VacancyProfile[] = Array.from({ length: N_VACANCIES }, (_, i) => {
    const occ = pick(occIds);
    const e = entries[occ];
    const essential = e.essentialSkills.slice(0, int(10, Math.min(20, e.essentialSkills.length)));
    const optional = [...e.optionalSkills.slice(0, int(0, 5)), ...distinct(int(0, 5), skill)];
    return {
      id: `vac-${i}`,
      iscoCode: e.iscoCode,
      escoOccupationId: occ,
      essentialSkills: essential,
      optionalSkills: optional,
      minDutchLevel: CEFR_LEVELS[int(0, 4)],
      englishSuffices: r() < 0.3,
      minEnglishLevel: null,
      diplomaRequirement: r() < 0.4 ? { level: pick(levels), regulatedProfession: r() < 0.05 ? 'BIG:verpleegkundige' : null } : null,
      hoursPerWeek: int(8, 40),
      contractMonths: r() < 0.3 ? null : int(3, 24),
      monthlyWage: r() < 0.3 ? null : int(1200, 4000),
      location: place(),
      regionCode: pick(regions),
      startDate: day(int(-10, 120)),
      languageCoaching: r() < 0.3,
      jobCoach: r() < 0.2,
      workPermitWillingness: r() < 0.6,
      sector: null,
    };
  });
  return { catalogue, labourDemand, candidates, vacancies };
}

function rate(pairs: number, ms: number): string {
  return `${Math.round((pairs / ms) * 1000).toLocaleString('en-US')} pairs/s`;
}

/** Prints job-pair scores per second on one core: fast path and explained results. */
export async function scoringBench(): Promise<void> {
  const t0 = performance.now();
  const world = buildWorld();
  const ctx = prepareJobContext({ policy: DEFAULT_POLICY, onDate: ON_DATE, catalogue: world.catalogue, labourDemand: world.labourDemand });
  const t1 = performance.now();
  const pcs = world.candidates.map((c) => prepareCandidate(c, ctx));
  const pvs = world.vacancies.map((v) => prepareVacancy(v, ctx));
  const t2 = performance.now();
  const skillsPerVacancy = pvs.reduce((a, v) => a + v.essential.length + v.optional.length, 0) / pvs.length;
  console.log(`data: ${N_CANDIDATES.toLocaleString('en-US')} candidates × ${N_VACANCIES.toLocaleString('en-US')} vacancies, ${skillsPerVacancy.toFixed(1)} skills per vacancy on average; built in ${(t1 - t0).toFixed(0)} ms`);
  console.log(`prepare: ${(t2 - t1).toFixed(0)} ms for ${(N_CANDIDATES + N_VACANCIES).toLocaleString('en-US')} profiles (policy ${DEFAULT_POLICY.version})`);

  const out: PairScore = { eligible: false, score: 0, failedGates: 0 };
  const fastPass = (cands: typeof pcs) => {
    let sum = 0;
    let eligible = 0;
    for (const pc of cands) {
      for (const pv of pvs) {
        scorePrepared(pc, pv, ctx, out);
        sum += out.score;
        if (out.eligible) eligible++;
      }
    }
    return { sum, eligible };
  };
  fastPass(pcs.slice(0, 100)); // warm-up: let the JIT settle
  const t3 = performance.now();
  const fast = fastPass(pcs);
  const t4 = performance.now();
  const pairs = N_CANDIDATES * N_VACANCIES;
  console.log(`fast path scorePrepared: ${rate(pairs, t4 - t3)} (${pairs.toLocaleString('en-US')} pairs in ${((t4 - t3) / 1000).toFixed(2)} s; ${((100 * fast.eligible) / pairs).toFixed(1)}% eligible, mean score ${(fast.sum / pairs).toFixed(4)})`);

  // Explained results on a sample of pairs; the scores must equal the fast path's.
  const sample = 50_000;
  let mismatches = 0;
  const t5 = performance.now();
  for (let k = 0; k < sample; k++) {
    const pc = pcs[(k * 7919) % N_CANDIDATES];
    const pv = pvs[(k * 104_729) % N_VACANCIES];
    const r = explainPrepared(pc, pv, ctx);
    if (r.score !== scorePrepared(pc, pv, ctx, out).score) mismatches++;
  }
  const t6 = performance.now();
  console.log(`explained explainPrepared (prepared profiles, incl. one fast call each for the check): ${rate(sample, t6 - t5)}; scores identical to the fast path: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differ)`}`);

  const raw = 10_000;
  const t7 = performance.now();
  for (let k = 0; k < raw; k++) {
    scoreJobMatch({ candidate: world.candidates[(k * 7919) % N_CANDIDATES], vacancy: world.vacancies[(k * 104_729) % N_VACANCIES], context: ctx });
  }
  const t8 = performance.now();
  console.log(`explained scoreJobMatch (raw profiles, prepared per call): ${rate(raw, t8 - t7)}`);
}
