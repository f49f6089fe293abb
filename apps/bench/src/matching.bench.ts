/**
 * Matching index (issue 5): a synthetic national set of 100,000 open vacancies and 20,000
 * candidates, located in real postcode areas (CBS PC4 centroids, drawn by population, spread over
 * the area), with real ESCO occupations and their skills. Prints the index build time, top-10 job
 * and candidate latencies, the reachable-vacancy summary of a household over all 342
 * municipalities, and upsert/remove latencies. Figures only; never fails on timing.
 */
import * as os from 'os';
import { loadMunicipalities, loadOccupationSkills, loadOccupations, loadPostcodeAreas } from '@kansrijk/reference-data';
import { MatchingIndex } from '@kansrijk/matching';
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
import { mulberry32 as rng } from '../../cli/src/demo/random';


const N_VACANCIES = 100_000;
const N_CANDIDATES = 20_000;
const ON_DATE = '2025-09-01';

/** Share of vacancies by ISCO major group: the sectors that hire newcomers weigh more (domain brief §7). */
const MAJOR_WEIGHT: Record<string, number> = { '0': 0.1, '1': 0.4, '2': 1.2, '3': 1.2, '4': 1, '5': 2, '6': 0.5, '7': 2, '8': 2, '9': 3 };
const SECTOR_BY_MAJOR: Record<string, string> = { '1': 'management', '2': 'zakelijke dienstverlening', '3': 'techniek', '4': 'administratie', '5': 'horeca en zorg', '6': 'landbouw', '7': 'bouw en industrie', '8': 'logistiek', '9': 'schoonmaak en logistiek', '0': 'defensie' };
/** Candidates' maximum travel distance, km, and its share (most newcomers travel by public transport or bicycle). */
const TRAVEL: [number, number][] = [
  [10, 0.1],
  [15, 0.15],
  [20, 0.2],
  [25, 0.15],
  [30, 0.2],
  [40, 0.1],
  [50, 0.07],
  [75, 0.03],
];

export interface MatchingWorld {
  context: JobMatchContext;
  vacancies: VacancyProfile[];
  candidates: CandidateProfile[];
  municipalities: MunicipalityProfile[];
  /** Draws one more vacancy (for the upsert figures). */
  newVacancy: (id: string) => VacancyProfile;
}

function cumulative(weights: number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    c[i] = s;
  });
  return c;
}

function drawIndex(cum: Float64Array, u: number): number {
  const x = u * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildMatchingWorld(seed = 42): MatchingWorld {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

  const muniRecords = loadMunicipalities();
  const regionOf = new Map(muniRecords.map((m) => [m.code, m.regionCode]));
  const municipalities: MunicipalityProfile[] = muniRecords.map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, provinceCode: m.provinceCode, centroid: m.centroid, population: m.population }));
  const areas = loadPostcodeAreas().filter((a) => a.population > 0);
  const areaCum = cumulative(areas.map((a) => a.population));
  /** A point in a postcode area drawn by population: its centroid moved up to the area's radius. */
  const place = () => {
    const a = areas[drawIndex(areaCum, r())];
    const radiusKm = Math.sqrt(a.areaKm2 / Math.PI) * Math.sqrt(r());
    const angle = 2 * Math.PI * r();
    const lat = a.centroid.lat + (radiusKm * Math.sin(angle)) / 111.195;
    const lon = a.centroid.lon + (radiusKm * Math.cos(angle)) / (111.195 * Math.cos((a.centroid.lat * Math.PI) / 180));
    return { location: { lat, lon }, regionCode: regionOf.get(a.municipalityCode) ?? 'AM01' };
  };

  const occupations = loadOccupations().filter((o) => /^\d{4}$/.test(o.iscoCode));
  const entries = new Map<string, { iscoCode: string; essentialSkills: string[]; optionalSkills: string[] }>();
  for (const o of occupations) entries.set(o.id, { iscoCode: o.iscoCode, essentialSkills: [], optionalSkills: [] });
  for (const rel of loadOccupationSkills()) {
    const e = entries.get(rel.occupationId);
    if (e) (rel.relation === 'essential' ? e.essentialSkills : e.optionalSkills).push(rel.skillId);
  }
  const catalogue = new InMemoryOccupationCatalogue([...entries.entries()] as [string, OccupationEntry][]);
  const occIds = occupations.map((o) => o.id);
  const occCum = cumulative(occupations.map((o) => MAJOR_WEIGHT[o.iscoCode[0]] ?? 1));
  const drawOcc = () => occIds[drawIndex(occCum, r())];
  const allSkills = [...new Set([...entries.values()].flatMap((e) => e.essentialSkills))];
  const subset = (xs: readonly string[], share: number, max: number) => xs.filter(() => r() < share).slice(0, max);

  // Illustrative labour demand: a tension per labour-market region and ISCO sub-major group.
  const regions = [...new Set(muniRecords.map((m) => m.regionCode))];
  const rows: LabourDemandRow[] = [];
  const subMajors = [...new Set(occupations.map((o) => o.iscoCode.slice(0, 2)))];
  for (const regionCode of regions) for (const g of subMajors) rows.push({ regionCode, iscoGroup: g, tension: r() * 2.5 });
  const labourDemand = new InMemoryLabourDemand(rows);

  const onDay = parseIsoDay(ON_DATE);
  const day = (offset: number) => formatIsoDay(onDay + offset);
  const levels: EducationLevel[] = ['PRIMARY', 'SECONDARY', 'MBO', 'HBO', 'WO'];
  const travelCum = cumulative(TRAVEL.map(([, w]) => w));

  const newVacancy = (id: string): VacancyProfile => {
    const occ = drawOcc();
    const e = entries.get(occ)!;
    const where = place();
    const listsSkills = r() >= 0.1;
    return {
      id,
      iscoCode: e.iscoCode,
      escoOccupationId: occ,
      essentialSkills: listsSkills ? subset(e.essentialSkills, 0.6 + 0.4 * r(), 25) : [],
      optionalSkills: listsSkills ? subset(e.optionalSkills, 0.3 * r(), 5) : [],
      minDutchLevel: CEFR_LEVELS[int(0, 4)],
      englishSuffices: r() < 0.3,
      minEnglishLevel: null,
      diplomaRequirement: r() < 0.3 ? { level: pick(levels), regulatedProfession: r() < 0.03 ? 'BIG:verpleegkundige' : null } : null,
      hoursPerWeek: pick([8, 12, 16, 20, 24, 24, 32, 32, 36, 38, 40, 40]),
      contractMonths: r() < 0.3 ? null : int(3, 24),
      monthlyWage: r() < 0.3 ? null : int(2000, 4500),
      location: where.location,
      regionCode: where.regionCode,
      startDate: day(int(-10, 120)),
      languageCoaching: r() < 0.3,
      jobCoach: r() < 0.2,
      workPermitWillingness: r() < 0.6,
      sector: SECTOR_BY_MAJOR[e.iscoCode[0]] ?? null,
    };
  };
  const vacancies = Array.from({ length: N_VACANCIES }, (_, i) => newVacancy(`vac-${String(i).padStart(6, '0')}`));

  const candidates: CandidateProfile[] = Array.from({ length: N_CANDIDATES }, (_, i) => {
    const u = r();
    const legalStatus = u < 0.35 ? 'ASYLUM_SEEKER' : u < 0.9 ? 'STATUS_HOLDER' : 'DISPLACED_UKRAINE';
    const held = Array.from({ length: r() < 0.25 ? 0 : int(1, 3) }, () => {
      const id = drawOcc();
      return { escoId: id, iscoCode: entries.get(id)!.iscoCode, years: Math.round(r() * 150) / 10 };
    });
    const first = held[0] ? entries.get(held[0].escoId!)! : null;
    const skills = [...new Set([...(first ? subset(first.essentialSkills, 0.3 + 0.4 * r(), 20) : []), ...Array.from({ length: int(0, 5) }, () => pick(allSkills))])];
    return {
      id: `cand-${String(i).padStart(5, '0')}`,
      birthDate: day(-int(18 * 365, 60 * 365)),
      legalStatus,
      applicationDate: legalStatus === 'ASYLUM_SEEKER' ? day(-int(30, 700)) : null,
      permitDate: legalStatus === 'STATUS_HOLDER' ? day(-int(0, 500)) : null,
      wDocumentIssued: legalStatus === 'ASYLUM_SEEKER' ? day(-int(0, 300)) : null,
      wDocumentExpiry: legalStatus === 'ASYLUM_SEEKER' ? day(int(30, 400)) : null,
      livesInReception: legalStatus !== 'DISPLACED_UKRAINE' && r() < 0.8,
      dublinOrReturnDecision: legalStatus === 'ASYLUM_SEEKER' && r() < 0.05,
      location: place().location,
      dutchLevel: CEFR_LEVELS[int(0, 4)],
      englishLevel: CEFR_LEVELS[int(0, 6)],
      integrationRoute: pick(['B1', 'EDUCATION', 'Z', null] as const),
      diplomas: Array.from({ length: int(0, 2) }, () => ({ level: pick(levels), status: pick(['SELF_REPORTED', 'EVALUATED', 'RECOGNISED'] as const), iscoCode: pick(held)?.iscoCode ?? null })),
      occupations: held,
      skills,
      hoursAvailable: pick([16, 20, 24, 24, 32, 32, 36, 40, 40]),
      maxTravelKm: TRAVEL[drawIndex(travelCum, r())][0],
      ties: [],
    };
  });

  return { context: { policy: DEFAULT_POLICY, onDate: ON_DATE, catalogue, labourDemand }, vacancies, candidates, municipalities, newVacancy };
}

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 2)} ms`;
const line = (label: string, samples: number[], extra = '') => {
  const p = percentiles(samples);
  console.log(`${label}: p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}, max ${ms(p.max)} (n=${samples.length})${extra}`);
};

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

/** CPU time of this process, ms: next to wall time it shows how much a busy machine adds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const load = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;

/** Prints the matching index figures (see the file comment). */
export async function matchingBench(): Promise<void> {
  console.log(load());
  const [world, tWorld] = time(() => buildMatchingWorld());
  console.log(`data: ${world.vacancies.length.toLocaleString('en-US')} open vacancies, ${world.candidates.length.toLocaleString('en-US')} candidates, ${world.municipalities.length} municipalities (generated in ${tWorld.toFixed(0)} ms)`);

  const index = new MatchingIndex({ context: world.context });
  const [, tBuild] = time(() => index.build({ vacancies: world.vacancies, candidates: world.candidates }));
  console.log(`index build (prepare every profile, point trees, ISCO and skill postings): ${tBuild.toFixed(0)} ms`);
  const context = index.context;
  const r = rng(7);

  // topJobsForCandidate, k = 10, eligible only, no other filter.
  const ids = world.candidates.map((c) => c.id);
  for (let i = 0; i < 200; i++) index.topJobsForCandidate({ candidate: ids[Math.floor(r() * ids.length)], k: 10, context }); // warm-up
  const jobTimes: number[] = [];
  const byTravel = new Map<number, number[]>();
  let matched = 0;
  for (let i = 0; i < 1000; i++) {
    const c = world.candidates[Math.floor(r() * world.candidates.length)];
    const [res, t] = time(() => index.topJobsForCandidate({ candidate: c.id, k: 10, context }));
    jobTimes.push(t);
    matched += res.matched;
    const list = byTravel.get(c.maxTravelKm) ?? [];
    list.push(t);
    byTravel.set(c.maxTravelKm, list);
  }
  line('topJobsForCandidate top-10 (1,000 random candidates, eligible only)', jobTimes, `; ${Math.round(matched / 1000).toLocaleString('en-US')} eligible pairs per candidate on average`);
  for (const [km, ts] of [...byTravel.entries()].sort((a, b) => a[0] - b[0])) {
    const p = percentiles(ts);
    console.log(`  maxTravelKm ${km}: p50 ${ms(p.p50)}, p95 ${ms(p.p95)} (n=${ts.length})`);
  }
  const inelTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = ids[Math.floor(r() * ids.length)];
    inelTimes.push(time(() => index.topJobsForCandidate({ candidate: c, k: 10, context, filter: { includeIneligible: true } }))[1]);
  }
  line('topJobsForCandidate top-10 with ineligible (to 2× maxTravelKm)', inelTimes);
  const filtTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = ids[Math.floor(r() * ids.length)];
    filtTimes.push(time(() => index.topJobsForCandidate({ candidate: c, k: 10, context, filter: { iscoGroups: ['9'], minHours: 16 } }))[1]);
  }
  line('topJobsForCandidate top-10, ISCO group 9 and >= 16 h', filtTimes);

  // topCandidatesForVacancy, k = 10.
  const vids = world.vacancies.map((v) => v.id);
  for (let i = 0; i < 100; i++) index.topCandidatesForVacancy({ vacancy: vids[Math.floor(r() * vids.length)], k: 10, context });
  const candTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const v = vids[Math.floor(r() * vids.length)];
    candTimes.push(time(() => index.topCandidatesForVacancy({ vacancy: v, k: 10, context }))[1]);
  }
  line('topCandidatesForVacancy top-10 (1,000 random vacancies)', candTimes);

  // reachableSummary: households of 1-3 adults (status holders) over all 342 municipalities.
  const holders = world.candidates.filter((c) => c.legalStatus === 'STATUS_HOLDER');
  const household = (n: number) => Array.from({ length: n }, () => holders[Math.floor(r() * holders.length)]);
  const [, tCold] = time(() => index.reachableSummary({ adults: household(2), municipalities: world.municipalities, context }));
  console.log(`reachableSummary, first call (builds the grid and the per-municipality discs): ${ms(tCold)}`);
  for (let i = 0; i < 30; i++) index.reachableSummary({ adults: household(2), municipalities: world.municipalities, context });
  console.log(load());
  for (const n of [1, 2, 3]) {
    const ts: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 200; i++) {
      const adults = household(n);
      const c0 = cpuMs();
      ts.push(time(() => index.reachableSummary({ adults, municipalities: world.municipalities, context }))[1]);
      cpu.push(cpuMs() - c0);
    }
    const c = percentiles(cpu);
    line(`reachableSummary, ${n} adult${n > 1 ? 's' : ''} × ${world.municipalities.length} municipalities`, ts, `; CPU time p50 ${ms(c.p50)}, p95 ${ms(c.p95)}`);
  }
  console.log(load());

  // Upserts and removals, each followed at once by a query that must see it.
  const upserts: number[] = [];
  const removals: number[] = [];
  const seen: number[] = [];
  for (let i = 0; i < 6000; i++) {
    const v = world.newVacancy(`new-${i}`);
    upserts.push(time(() => index.upsertVacancy(v))[1]);
    const gone = vids[Math.floor(r() * vids.length)];
    removals.push(time(() => index.removeVacancy(gone))[1]);
    if (i % 10 === 0) {
      seen.push(time(() => index.topCandidatesForVacancy({ vacancy: v.id, k: 10, context }))[1]);
    }
  }
  line('upsertVacancy (new id)', upserts, `; ${upserts.filter((t) => t > 5).length} over 5 ms (the point tree is rebuilt when 5% of it has been added since)`);
  line('removeVacancy', removals);
  const candUpserts: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const c = { ...world.candidates[Math.floor(r() * world.candidates.length)], maxTravelKm: 25 };
    candUpserts.push(time(() => index.upsertCandidate(c))[1]);
  }
  line('upsertCandidate (replacing)', candUpserts);
  const after: number[] = [];
  for (let i = 0; i < 300; i++) after.push(time(() => index.topJobsForCandidate({ candidate: ids[Math.floor(r() * ids.length)], k: 10, context }))[1]);
  line('topJobsForCandidate top-10 after 12,000 vacancy changes', after);
  const adults = household(2);
  line('reachableSummary, 2 adults, after the changes', Array.from({ length: 50 }, () => time(() => index.reachableSummary({ adults, municipalities: world.municipalities, context }))[1]));
  console.log(`index size now: ${index.size.vacancies.toLocaleString('en-US')} vacancies, ${index.size.candidates.toLocaleString('en-US')} candidates`);
}
