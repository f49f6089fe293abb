import {
  DEFAULT_POLICY,
  JOB_GATES,
  applyPolicyOverride,
  distanceKm,
  explainPrepared,
  formatIsoDay,
  parseIsoDay,
  prepareCandidate,
  prepareVacancy,
  type CandidateProfile,
  type PreparedJobContext,
  type VacancyProfile,
} from '@kansrijk/scoring';
import { MatchingIndex } from './matching-index';
import { MatchingInputError } from './matching-input-error';
import { bruteTopCandidates, bruteTopJobs } from './testing/brute-force';
import { ON_DATE, randomWorld, rng, type RandomWorld } from './testing/random-world';
import type { CandidateFilter, JobFilter } from './types';

/** Brute-force inputs over exactly the profiles the index holds, prepared afresh. */
function bruteInputs(ctx: PreparedJobContext, vacancies: Iterable<VacancyProfile>, candidates: Iterable<CandidateProfile>) {
  return { pvs: [...vacancies].map((v) => prepareVacancy(v, ctx)), pcs: [...candidates].map((c) => prepareCandidate(c, ctx)) };
}

describe('MatchingIndex on a random national set (3,000 vacancies, 300 candidates)', () => {
  let world: RandomWorld;
  let index: MatchingIndex;
  let ctx: PreparedJobContext;
  let brute: ReturnType<typeof bruteInputs>;

  beforeAll(() => {
    world = randomWorld(1, { vacancies: 3000, candidates: 300 });
    index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    ctx = index.context;
    brute = bruteInputs(ctx, world.vacancies, world.candidates);
  });

  it('holds every profile', () => {
    expect(index.size).toEqual({ vacancies: 3000, candidates: 300 });
  });

  it('the top 10 jobs of every candidate are exactly those of scoring every pair (ids, order, scores, totals)', () => {
    let nonEmpty = 0;
    for (const pc of brute.pcs) {
      const got = index.topJobsForCandidate({ candidate: pc.id, k: 10, context: world.context });
      const want = bruteTopJobs(ctx, pc, brute.pvs, 10);
      expect(got.items).toEqual(want.items);
      expect(got.matched).toBe(want.matched);
      if (want.items.length > 0) nonEmpty++;
    }
    // The data must exercise the ranking, not only empty lists.
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it.each([1, 3, 50, 400])('k = %i: exactly the brute-force top k', (k) => {
    for (const pc of brute.pcs.slice(0, 80)) {
      expect(index.topJobsForCandidate({ candidate: pc.id, k, context: ctx }).items).toEqual(bruteTopJobs(ctx, pc, brute.pvs, k).items);
    }
  });

  const jobFilters: [string, JobFilter][] = [
    ['maxDistanceKm below the travel maximum', { maxDistanceKm: 12 }],
    ['maxDistanceKm above the travel maximum (capped by it)', { maxDistanceKm: 500 }],
    ['maxDistanceKm 0', { maxDistanceKm: 0 }],
    ['minHours', { minHours: 24 }],
    ['maxHours', { maxHours: 20 }],
    ['minHours and maxHours', { minHours: 12.5, maxHours: 25 }],
    ['one ISCO unit group (the ISCO index path)', { iscoGroups: ['5120'] }],
    ['overlapping ISCO groups', { iscoGroups: ['9', '91', '222'] }],
    ['ISCO groups covering most vacancies (the spatial path)', { iscoGroups: ['2', '5', '7', '8', '9'] }],
    ['sector, ignoring case and spaces', { sector: ' zorg' }],
    ['minScore', { minScore: 0.55 }],
    ['includeIneligible (to twice the travel maximum)', { includeIneligible: true }],
    ['includeIneligible with maxDistanceKm', { includeIneligible: true, maxDistanceKm: 30 }],
    ['includeIneligible with minScore and hours', { includeIneligible: true, minScore: 0.4, maxHours: 32 }],
    ['everything at once', { maxDistanceKm: 60, minHours: 8, maxHours: 40, iscoGroups: ['2', '5', '9'], minScore: 0.3 }],
  ];
  it.each(jobFilters)('filter %s: exactly the brute-force list and total', (_name, filter) => {
    for (const pc of brute.pcs.slice(0, 120)) {
      const got = index.topJobsForCandidate({ candidate: pc.id, k: 10, context: ctx, filter });
      const want = bruteTopJobs(ctx, pc, brute.pvs, 10, filter);
      expect(got.items).toEqual(want.items);
      expect(got.matched).toBe(want.matched);
    }
  });

  it('the top 10 candidates of a vacancy are exactly those of scoring every pair', () => {
    let nonEmpty = 0;
    for (const pv of brute.pvs.slice(0, 400)) {
      const got = index.topCandidatesForVacancy({ vacancy: pv.id, k: 10, context: ctx });
      const want = bruteTopCandidates(ctx, pv, brute.pcs, 10);
      expect(got.items).toEqual(want.items);
      expect(got.matched).toBe(want.matched);
      if (want.items.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  const candidateFilters: [string, CandidateFilter][] = [
    ['maxDistanceKm', { maxDistanceKm: 20 }],
    ['minHours and maxHours (hours available)', { minHours: 20, maxHours: 36 }],
    ['iscoGroups (held occupations)', { iscoGroups: ['22', '9'] }],
    ['minScore', { minScore: 0.5 }],
    ['includeIneligible', { includeIneligible: true }],
    ['includeIneligible with maxDistanceKm', { includeIneligible: true, maxDistanceKm: 40, minScore: 0.3 }],
  ];
  it.each(candidateFilters)('candidate filter %s: exactly the brute-force list and total', (_name, filter) => {
    for (const pv of brute.pvs.slice(0, 150)) {
      const got = index.topCandidatesForVacancy({ vacancy: pv.id, k: 8, context: ctx, filter });
      const want = bruteTopCandidates(ctx, pv, brute.pcs, 8, filter);
      expect(got.items).toEqual(want.items);
      expect(got.matched).toBe(want.matched);
    }
  });

  it('takes a candidate or a vacancy not held in the index, raw or prepared, and ranks it the same', () => {
    const outsider = world.candidate('outsider');
    const want = bruteTopJobs(ctx, prepareCandidate(outsider, ctx), brute.pvs, 10);
    expect(index.topJobsForCandidate({ candidate: outsider, k: 10, context: ctx }).items).toEqual(want.items);
    expect(index.topJobsForCandidate({ candidate: prepareCandidate(outsider, world.context), k: 10, context: ctx }).items).toEqual(want.items);
    const vac = world.vacancy('outsider-v');
    expect(index.topCandidatesForVacancy({ vacancy: vac, k: 10, context: ctx }).items).toEqual(bruteTopCandidates(ctx, prepareVacancy(vac, ctx), brute.pcs, 10).items);
  });

  it("every item's explanation (explainPrepared on the index's prepared profiles) has the item's score", () => {
    for (const pc of brute.pcs.slice(0, 40)) {
      const res = index.topJobsForCandidate({ candidate: pc.id, k: 5, context: ctx, filter: { includeIneligible: true } });
      for (const item of res.items) {
        const pv = index.preparedVacancy(item.vacancyId, res.context);
        expect(pv).toBeDefined();
        const ex = explainPrepared(res.candidate, pv!, res.context);
        expect(ex.score).toBe(item.score);
        expect(ex.eligible).toBe(item.eligible);
      }
    }
  });

  it('ranks under another policy (what-if) exactly as brute force under that policy, and keeps the primary one', () => {
    const policy = applyPolicyOverride(DEFAULT_POLICY, { name: 'what-if', jobWeights: { skills: 0.6 }, params: { asylumWorkWaitMonths: 4 } });
    const whatIf = { ...world.context, policy };
    const res = index.topJobsForCandidate({ candidate: brute.pcs[0].id, k: 10, context: whatIf });
    expect(res.context.policy.version).toBe(policy.version);
    const b = bruteInputs(res.context, world.vacancies, world.candidates);
    for (const pc of b.pcs.slice(0, 60)) {
      expect(index.topJobsForCandidate({ candidate: pc.id, k: 10, context: whatIf }).items).toEqual(bruteTopJobs(res.context, pc, b.pvs, 10).items);
    }
    expect(index.context).toBe(ctx);
    expect(index.topJobsForCandidate({ candidate: brute.pcs[0].id, k: 10, context: world.context }).context).toBe(ctx);
  });

  it('refuses bad input with the field named', () => {
    const q = (args: Partial<Parameters<MatchingIndex['topJobsForCandidate']>[0]>) => () => index.topJobsForCandidate({ candidate: brute.pcs[0].id, k: 10, context: ctx, ...args });
    expect(q({ k: 0 })).toThrow(MatchingInputError);
    expect(q({ k: 2.5 })).toThrow(/^k: /);
    expect(q({ filter: { iscoGroups: ['2a'] } })).toThrow(/filter.iscoGroups\[0\]/);
    expect(q({ filter: { iscoGroups: ['22222'] } })).toThrow(MatchingInputError);
    expect(q({ filter: { maxDistanceKm: -1 } })).toThrow(/filter.maxDistanceKm/);
    expect(q({ filter: { minHours: 30, maxHours: 20 } })).toThrow(/filter.maxHours/);
    expect(q({ candidate: 'nobody' })).toThrow(/candidate: no candidate with id "nobody"/);
    expect(() => index.topCandidatesForVacancy({ vacancy: 'closed', k: 3, context: ctx })).toThrow(/vacancy: no open vacancy/);
  });
});

describe('MatchingIndex under upserts and removals', () => {
  it('after thousands of random creates, updates, closes and deletes every answer equals brute force over the current set', () => {
    const world = randomWorld(2, { vacancies: 1500, candidates: 150 });
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    const ctx = index.context;
    const vacancies = new Map(world.vacancies.map((v) => [v.id, v]));
    const candidates = new Map(world.candidates.map((c) => [c.id, c]));
    const r = rng(99);
    const pickKey = <T>(m: Map<string, T>) => [...m.keys()][Math.floor(r() * m.size)];
    const spyCompact = jest.spyOn(index as unknown as { compactVacancies: () => void }, 'compactVacancies');
    let next = 0;
    const check = () => {
      const b = bruteInputs(ctx, vacancies.values(), candidates.values());
      expect(index.size).toEqual({ vacancies: vacancies.size, candidates: candidates.size });
      for (const pc of b.pcs.filter((_, i) => i % 5 === 0)) {
        expect(index.topJobsForCandidate({ candidate: pc.id, k: 7, context: ctx }).items).toEqual(bruteTopJobs(ctx, pc, b.pvs, 7).items);
        const f = { includeIneligible: true, maxDistanceKm: 25 };
        expect(index.topJobsForCandidate({ candidate: pc.id, k: 7, context: ctx, filter: f }).items).toEqual(bruteTopJobs(ctx, pc, b.pvs, 7, f).items);
      }
      for (const pv of b.pvs.filter((_, i) => i % 40 === 0)) {
        expect(index.topCandidatesForVacancy({ vacancy: pv.id, k: 7, context: ctx }).items).toEqual(bruteTopCandidates(ctx, pv, b.pcs, 7).items);
      }
    };
    for (let step = 0; step < 12_000; step++) {
      const u = r();
      if (u < 0.3) {
        const v = world.vacancy(`new${next++}`);
        vacancies.set(v.id, v);
        index.upsertVacancy(v);
      } else if (u < 0.55 && vacancies.size > 0) {
        // An update: new hours, skills and sometimes a new place.
        const id = pickKey(vacancies);
        const fresh = world.vacancy(id);
        const v = r() < 0.5 ? fresh : { ...(vacancies.get(id) as VacancyProfile), hoursPerWeek: fresh.hoursPerWeek, essentialSkills: fresh.essentialSkills };
        vacancies.set(id, v);
        index.upsertVacancy(v);
      } else if (u < 0.85 && vacancies.size > 0) {
        const id = pickKey(vacancies);
        vacancies.delete(id);
        expect(index.removeVacancy(id)).toBe(true);
        expect(index.removeVacancy(id)).toBe(false);
      } else if (u < 0.93) {
        const c = world.candidate(r() < 0.5 && candidates.size > 0 ? pickKey(candidates) : `newc${next++}`);
        candidates.set(c.id, c);
        index.upsertCandidate(c);
      } else if (candidates.size > 0) {
        const id = pickKey(candidates);
        candidates.delete(id);
        expect(index.removeCandidate(id)).toBe(true);
      }
      if (step % 3000 === 2999) check();
    }
    check();
    // The run went through point-tree rebuilds and at least one renumbering of the slots.
    expect(spyCompact).toHaveBeenCalled();
  });

  it('a closed vacancy disappears from suggestions at once; a new one appears at once', () => {
    const world = randomWorld(3, { vacancies: 800, candidates: 40 });
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    const holder = world.candidates.find((c) => c.legalStatus === 'STATUS_HOLDER' && c.maxTravelKm >= 10 && c.hoursAvailable >= 20) as CandidateProfile;
    // A vacancy that fits perfectly: here, the candidate's own skills, no requirements.
    const perfect: VacancyProfile = {
      ...world.vacancy('perfect'),
      location: { ...holder.location },
      essentialSkills: holder.skills.length > 0 ? holder.skills : ['s1'],
      optionalSkills: [],
      minDutchLevel: 'NONE',
      diplomaRequirement: null,
      hoursPerWeek: 16,
      contractMonths: null,
      startDate: ON_DATE,
    };
    const before = index.topJobsForCandidate({ candidate: holder.id, k: 5, context: world.context });
    expect(before.items.map((i) => i.vacancyId)).not.toContain('perfect');
    index.upsertVacancy(perfect);
    const after = index.topJobsForCandidate({ candidate: holder.id, k: 5, context: world.context });
    expect(after.items[0].vacancyId).toBe('perfect');
    expect(after.matched).toBe(before.matched + 1);
    expect(index.topCandidatesForVacancy({ vacancy: 'perfect', k: 50, context: world.context }).items.map((i) => i.candidateId)).toContain(holder.id);
    expect(index.removeVacancy('perfect')).toBe(true);
    const closed = index.topJobsForCandidate({ candidate: holder.id, k: 5, context: world.context, filter: { includeIneligible: true } });
    expect(closed.items.map((i) => i.vacancyId)).not.toContain('perfect');
    expect(index.topJobsForCandidate({ candidate: holder.id, k: 5, context: world.context })).toMatchObject({ items: before.items, matched: before.matched });
    expect(() => index.topCandidatesForVacancy({ vacancy: 'perfect', k: 5, context: world.context })).toThrow(MatchingInputError);
  });
});

describe('rule cases', () => {
  const onDay = parseIsoDay(ON_DATE);
  const day = (offset: number) => formatIsoDay(onDay + offset);
  const base = randomWorld(4, { vacancies: 1, candidates: 1 });
  const here = { lat: 52.09, lon: 5.12 };
  const job = (id: string, over: Partial<VacancyProfile>): VacancyProfile => ({
    ...base.vacancy(id),
    location: here,
    hoursPerWeek: 20,
    monthlyWage: null,
    contractMonths: null,
    workPermitWillingness: true,
    diplomaRequirement: null,
    ...over,
  });
  const person = (over: Partial<CandidateProfile>): CandidateProfile => ({
    ...base.candidate('p'),
    location: here,
    hoursAvailable: 32,
    maxTravelKm: 10,
    livesInReception: true,
    dublinOrReturnDecision: false,
    birthDate: '1990-01-01',
    wDocumentIssued: day(-100),
    wDocumentExpiry: day(400),
    ...over,
  });

  it('R1.2 with R1.5: an asylum seeker 5 months into the procedure gets no vacancy that starts before the right to work', () => {
    // Applied 5 months ago: the 6-month wait (R1.2) ends on 1 October; the permit takes 5 weeks
    // from today (R1.5), so work can start on 6 October at the earliest.
    const seeker = person({ id: 'seeker', legalStatus: 'ASYLUM_SEEKER', applicationDate: '2025-04-01' });
    const earliest = Math.max(parseIsoDay('2025-10-01'), onDay + 5 * 7);
    expect(formatIsoDay(earliest)).toBe('2025-10-06');
    const vacancies = [
      job('starts-today', { startDate: ON_DATE }),
      job('starts-in-2-weeks', { startDate: day(14) }),
      job('starts-when-wait-ends', { startDate: '2025-10-01' }),
      job('starts-day-before-earliest', { startDate: formatIsoDay(earliest - 1) }),
      job('starts-at-earliest', { startDate: formatIsoDay(earliest) }),
      job('starts-in-3-months', { startDate: day(92) }),
    ];
    const index = new MatchingIndex({ context: base.context });
    index.build({ vacancies, candidates: [seeker] });
    const ids = index.topJobsForCandidate({ candidate: 'seeker', k: 10, context: base.context }).items.map((i) => i.vacancyId);
    expect(ids.sort()).toEqual(['starts-at-earliest', 'starts-in-3-months']);
    const all = index.topJobsForCandidate({ candidate: 'seeker', k: 10, context: base.context, filter: { includeIneligible: true } }).items;
    for (const i of all) expect(i.eligible).toBe(ids.includes(i.vacancyId));
    for (const i of all.filter((x) => !x.eligible)) expect(i.failedGates & JOB_GATES.RIGHT_TO_WORK).not.toBe(0);
    // The other direction agrees.
    expect(index.topCandidatesForVacancy({ vacancy: 'starts-in-2-weeks', k: 5, context: base.context }).items).toEqual([]);
    expect(index.topCandidatesForVacancy({ vacancy: 'starts-when-wait-ends', k: 5, context: base.context }).items).toEqual([]);
    expect(index.topCandidatesForVacancy({ vacancy: 'starts-at-earliest', k: 5, context: base.context }).items.map((i) => i.candidateId)).toEqual(['seeker']);
  });

  it('R9.2 hours: more hours than the person has is ineligible, listed only with includeIneligible', () => {
    const p = person({ id: 'p32', legalStatus: 'STATUS_HOLDER', hoursAvailable: 32 });
    const index = new MatchingIndex({ context: base.context });
    index.build({ vacancies: [job('h32', { hoursPerWeek: 32 }), job('h36', { hoursPerWeek: 36 })], candidates: [p] });
    expect(index.topJobsForCandidate({ candidate: 'p32', k: 5, context: base.context }).items.map((i) => i.vacancyId)).toEqual(['h32']);
    const all = index.topJobsForCandidate({ candidate: 'p32', k: 5, context: base.context, filter: { includeIneligible: true } }).items;
    expect(all.find((i) => i.vacancyId === 'h36')).toMatchObject({ eligible: false, failedGates: JOB_GATES.HOURS });
  });

  it('R9.4 distance: within the maximum travel distance with the 1 m tolerance, not beyond', () => {
    const kmPerDegLat = 6371 * (Math.PI / 180);
    const at = (km: number) => ({ lat: here.lat + km / kmPerDegLat, lon: here.lon });
    const p = person({ id: 'p10', legalStatus: 'DISPLACED_UKRAINE', maxTravelKm: 10 });
    const vs = [job('9.9km', { location: at(9.9) }), job('10.0005km', { location: at(10.0005) }), job('10.01km', { location: at(10.01) })];
    expect(distanceKm(here, vs[1].location)).toBeGreaterThan(10);
    expect(distanceKm(here, vs[1].location)).toBeLessThan(10.001);
    const index = new MatchingIndex({ context: base.context });
    index.build({ vacancies: vs, candidates: [p] });
    expect(
      index
        .topJobsForCandidate({ candidate: 'p10', k: 5, context: base.context })
        .items.map((i) => i.vacancyId)
        .sort(),
    ).toEqual(['10.0005km', '9.9km']);
    const far = index.topJobsForCandidate({ candidate: 'p10', k: 5, context: base.context, filter: { includeIneligible: true } }).items.find((i) => i.vacancyId === '10.01km');
    expect(far).toMatchObject({ eligible: false, failedGates: JOB_GATES.DISTANCE });
    expect(far?.distanceKm).toBeCloseTo(10.01, 6);
    // A vacancy's candidates: each candidate's own maximum counts.
    const near = person({ id: 'p5', legalStatus: 'STATUS_HOLDER', maxTravelKm: 5 });
    index.upsertCandidate(near);
    expect(index.topCandidatesForVacancy({ vacancy: '9.9km', k: 5, context: base.context }).items.map((i) => i.candidateId)).toEqual(['p10']);
  });

  it('R9.3: a regulated profession needs a recognised diploma for it', () => {
    const nurse = person({ id: 'nurse', legalStatus: 'STATUS_HOLDER', diplomas: [{ level: 'HBO', status: 'RECOGNISED', regulatedProfession: 'BIG:verpleegkundige' }] });
    const other = person({ id: 'other', legalStatus: 'STATUS_HOLDER', diplomas: [{ level: 'HBO', status: 'EVALUATED', regulatedProfession: 'BIG:verpleegkundige' }] });
    const index = new MatchingIndex({ context: base.context });
    index.build({ vacancies: [job('ward', { diplomaRequirement: { level: 'HBO', regulatedProfession: 'BIG:verpleegkundige' } })], candidates: [nurse, other] });
    expect(index.topCandidatesForVacancy({ vacancy: 'ward', k: 5, context: base.context }).items.map((i) => i.candidateId)).toEqual(['nurse']);
    expect(index.topJobsForCandidate({ candidate: 'other', k: 5, context: base.context }).items).toEqual([]);
  });
});
