import { prepareCandidate, prepareVacancy, type CandidateProfile, type PreparedJobContext, type VacancyProfile } from '@kansrijk/scoring';
import { MatchingIndex } from './matching-index';
import { MatchingInputError } from './matching-input-error';
import { movedCandidate } from './reachable-engine';
import { bruteReachable } from './testing/brute-force';
import { randomWorld, rng } from './testing/random-world';

describe('reachableSummary (R14, R16) equals brute force exactly', () => {
  const world = randomWorld(11, { vacancies: 2500, candidates: 60, municipalities: 36, strays: 0.02 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: world.candidates });
  const ctx: PreparedJobContext = index.context;
  const pvs = world.vacancies.map((v) => prepareVacancy(v, ctx));
  // Adults of every status and travel distance, passed as profiles (not held in the index).
  const adults: CandidateProfile[] = Array.from({ length: 14 }, (_, i) => world.candidate(`adult${i}`));

  it('moving a prepared candidate changes exactly what preparing the moved profile changes', () => {
    for (const c of [...world.candidates, ...adults]) {
      const pc = prepareCandidate(c, ctx);
      for (const m of world.municipalities.slice(0, 5)) {
        expect(movedCandidate(pc, m.centroid.lat, m.centroid.lon)).toEqual(prepareCandidate({ ...c, location: { ...m.centroid } }, ctx));
      }
    }
  });

  it.each([
    ['the policy radius (50 km) and the best 5', undefined, undefined],
    ['10 km and the best 1', 10, 1],
    ['120 km and the best 20', 120, 20],
    ['0 km (only the centroid itself)', 0, 3],
  ])('per municipality and adult: count and mean of the best scores, %s', (_name, radiusKm, bestOf) => {
    const got = index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx, radiusKm, bestOf });
    const want = bruteReachable(ctx, adults, world.municipalities, pvs, radiusKm ?? 50, bestOf ?? 5);
    expect(got.municipalities.map((m) => m.municipalityCode)).toEqual(world.municipalities.map((m) => m.code));
    expect(got.municipalities.map((m) => m.reachable)).toEqual(want);
    if (radiusKm !== 0) {
      // The data exercise it: many (municipality, adult) pairs with vacancies, some without.
      const counts = want.flatMap((w) => w.adults.map((a) => a.eligibleVacancies));
      expect(counts.filter((n) => n > 5).length).toBeGreaterThan(counts.length / 8);
      expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
    }
  });

  it('takes adults by id and prepared, with the same result', () => {
    const held = world.candidates.slice(0, 4);
    const byProfile = index.reachableSummary({ adults: held, municipalities: world.municipalities, context: ctx });
    expect(index.reachableSummary({ adults: held.map((c) => c.id), municipalities: world.municipalities, context: ctx })).toEqual(byProfile);
    expect(index.reachableSummary({ adults: held.map((c) => prepareCandidate(c, ctx)), municipalities: world.municipalities, context: ctx })).toEqual(byProfile);
    expect(byProfile.municipalities.map((m) => m.reachable)).toEqual(bruteReachable(ctx, held, world.municipalities, pvs, 50, 5));
  });

  it('several radii at once (one pass per adult) give what each radius gives alone', () => {
    const radii = [50, 8];
    const sessions = index.reachableSessions({ adults, municipalities: world.municipalities, context: ctx, radii });
    const all = world.municipalities.map((_, i) => i);
    // Read every session after opening them all: they share one pass per adult. Bounds first (a
    // completion reads blocks that tighten later bounds), then the exact rows.
    const bounds = sessions.map((s) => adults.map((_, a) => all.map((i) => s.bestUpper(a, i))));
    const got = sessions.map((s, r) => ({ counts: s.counts, rows: s.complete(all), bounds: bounds[r] }));
    radii.forEach((radiusKm, r) => {
      expect(got[r].rows.map((m) => m.reachable)).toEqual(bruteReachable(ctx, adults, world.municipalities, pvs, radiusKm, 5));
      const alone = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx, radiusKm });
      expect(got[r].counts).toEqual(alone.counts);
      expect(got[r].bounds).toEqual(adults.map((_, a) => all.map((i) => alone.bestUpper(a, i))));
      got[r].rows.forEach((row, i) => row.reachable.adults.forEach((x, a) => expect(got[r].bounds[a][i]).toBeGreaterThanOrEqual(x.meanBestScore - 1e-12)));
    });
    expect(() => sessions[0].complete([0])).toThrow(/another summary began/);
  });

  it('a narrower radius takes the wider one\'s mean of the best where all its candidates lie within reach, and is still exact', () => {
    const radii = [50, 30, 20];
    const all = world.municipalities.map((_, i) => i);
    const want = radii.map((radiusKm) => bruteReachable(ctx, adults, world.municipalities, pvs, radiusKm, 5));
    // Widest first: the narrower sessions find the wider ones' means.
    const sessions = index.reachableSessions({ adults, municipalities: world.municipalities, context: ctx, radii });
    const rows = sessions.map((s) => s.complete(all));
    radii.forEach((_, r) => expect(rows[r].map((m) => m.reachable)).toEqual(want[r]));
    expect(sessions[0].work.fromWider).toBe(0);
    expect(sessions[1].work.fromWider).toBeGreaterThan(0);
    expect(sessions[2].work.fromWider).toBeGreaterThan(0);
    // Where a narrower session takes a mean, its bound is that exact mean (it holds and is tight).
    const bounded = sessions[1].work.bounded;
    const bounds = adults.map((_, a) => all.map((i) => sessions[1].bestUpper(a, i)));
    bounds.forEach((row, a) => row.forEach((b, i) => expect(b).toBeGreaterThanOrEqual(want[1][i].adults[a].meanBestScore - 1e-12)));
    expect(bounds.flat().filter((b, k) => b === want[1][k % all.length].adults[Math.floor(k / all.length)].meanBestScore && b > 0).length).toBeGreaterThan(0);
    expect(sessions[1].work.bounded - bounded).toBeLessThan(adults.length * all.length);
    // Narrowest first: nothing wider is known yet, and every mean is computed.
    const reversed = index.reachableSessions({ adults, municipalities: world.municipalities, context: ctx, radii });
    const narrowFirst = [2, 1, 0].map((r) => reversed[r].complete(all));
    expect(narrowFirst.map((x) => x.map((m) => m.reachable))).toEqual([want[2], want[1], want[0]]);
    expect(reversed.map((s) => s.work.fromWider)).toEqual([0, 0, 0]);
  });

  it('a narrower radius takes the wider one\'s bound where its n highest values lie within reach: the same number it reads itself', () => {
    const radii = [50, 30];
    const all = world.municipalities.map((_, i) => i);
    const alone = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx, radiusKm: 30 });
    const own = adults.map((_, a) => all.map((i) => alone.bestUpper(a, i)));
    const withCounts = own.flat().filter((_, k) => alone.counts[Math.floor(k / all.length)][k % all.length] > 0).length;
    // Widest first: the narrower session finds some of its bounds among the wider one's.
    const sessions = index.reachableSessions({ adults, municipalities: world.municipalities, context: ctx, radii });
    adults.forEach((_, a) => all.forEach((i) => sessions[0].bestUpper(a, i)));
    const narrow = adults.map((_, a) => all.map((i) => sessions[1].bestUpper(a, i)));
    expect(narrow).toEqual(own);
    expect(sessions[1].work.fromWider).toBeGreaterThan(0);
    expect(sessions[1].work.bounded).toBeLessThan(withCounts);
    expect(sessions[1].work.bounded + sessions[1].work.fromWider).toBe(withCounts);
    // Narrowest first: nothing wider is known yet, every bound is read.
    const reversed = index.reachableSessions({ adults, municipalities: world.municipalities, context: ctx, radii });
    expect(adults.map((_, a) => all.map((i) => reversed[1].bestUpper(a, i)))).toEqual(own);
    expect(reversed[1].work).toEqual({ completed: 0, bounded: withCounts, fromWider: 0 });
  });

  it('refuses a bad radius, bestOf or centroid', () => {
    const q = (over: object) => () => index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx, ...over });
    expect(q({ radiusKm: -1 })).toThrow(MatchingInputError);
    expect(q({ bestOf: 0 })).toThrow(/bestOf/);
    expect(q({ municipalities: [{ ...world.municipalities[0], centroid: { lat: NaN, lon: 5 } }] })).toThrow(/municipalities\[0\].centroid/);
  });
});

describe('reachableSummary stays exact as vacancies come and go', () => {
  it('after creates, updates and closes (first one by one, then past a grid rebuild) it equals brute force over the current set', () => {
    const world = randomWorld(12, { vacancies: 1500, candidates: 10, municipalities: 25, strays: 0.02 });
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    const ctx = index.context;
    const adults = Array.from({ length: 6 }, (_, i) => world.candidate(`a${i}`));
    const current = new Map<string, VacancyProfile>(world.vacancies.map((v) => [v.id, v]));
    const r = rng(5);
    const check = () => {
      const pvs = [...current.values()].map((v) => prepareVacancy(v, ctx));
      expect(index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx }).municipalities.map((m) => m.reachable)).toEqual(
        bruteReachable(ctx, adults, world.municipalities, pvs, 50, 5),
      );
    };
    check(); // builds the grid
    let next = 0;
    for (const batch of [100, 300, 900]) {
      for (let i = 0; i < batch; i++) {
        const u = r();
        const ids = [...current.keys()];
        if (u < 0.4) {
          const v = world.vacancy(`n${next++}`);
          current.set(v.id, v);
          index.upsertVacancy(v);
        } else if (u < 0.7) {
          const id = ids[Math.floor(r() * ids.length)];
          const v = world.vacancy(id);
          current.set(id, v);
          index.upsertVacancy(v);
        } else {
          const id = ids[Math.floor(r() * ids.length)];
          current.delete(id);
          index.removeVacancy(id);
        }
      }
      check();
    }
  });
});

describe('reachableSummary for adults whose gates do not depend on dates (R2, R3)', () => {
  it('adults with the same hours and recognised professions share gates and counts, not scores; a change to the vacancies is seen', () => {
    const world = randomWorld(15, { vacancies: 2000, candidates: 10, municipalities: 30, strays: 0.02 });
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies: world.vacancies, candidates: world.candidates });
    const ctx = index.context;
    // Status holders and people from Ukraine in two groups of equal hours and professions, with
    // their own skills, occupations and travel distances; an asylum seeker among them.
    const like = (id: string, over: Partial<CandidateProfile>): CandidateProfile => ({ ...world.candidate(id), ...over });
    const adults = [
      like('h1', { legalStatus: 'STATUS_HOLDER', hoursAvailable: 24, maxTravelKm: 15 }),
      like('h2', { legalStatus: 'STATUS_HOLDER', hoursAvailable: 24, maxTravelKm: 60 }),
      like('h3', { legalStatus: 'DISPLACED_UKRAINE', hoursAvailable: 24, maxTravelKm: 15 }),
      like('h4', { legalStatus: 'STATUS_HOLDER', hoursAvailable: 36, maxTravelKm: 40, diplomas: [{ level: 'HBO', status: 'RECOGNISED', iscoCode: null, regulatedProfession: 'BIG:verpleegkundige' }] }),
      like('h5', { legalStatus: 'STATUS_HOLDER', hoursAvailable: 36, maxTravelKm: 40, diplomas: [] }),
      like('a1', { legalStatus: 'ASYLUM_SEEKER', hoursAvailable: 24, maxTravelKm: 15 }),
    ];
    const current = new Map<string, VacancyProfile>(world.vacancies.map((v) => [v.id, v]));
    const check = () => {
      const pvs = [...current.values()].map((v) => prepareVacancy(v, ctx));
      const want = bruteReachable(ctx, adults, world.municipalities, pvs, 50, 5);
      // Twice: the second session reads the gates and counts the first one kept.
      for (let round = 0; round < 2; round++) {
        expect(index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx }).municipalities.map((m) => m.reachable)).toEqual(want);
      }
      // One adult at a time, in another order: nothing of another adult's pass leaks in.
      for (const k of [4, 0, 2]) {
        expect(index.reachableSummary({ adults: [adults[k]], municipalities: world.municipalities, context: ctx }).municipalities.map((m) => m.reachable)).toEqual(want.map((w) => ({ adults: [w.adults[k]] })));
      }
      return want;
    };
    const before = check();
    // Same hours and professions, other travel distance: other counts.
    expect(before.map((w) => w.adults[0].eligibleVacancies)).not.toEqual(before.map((w) => w.adults[1].eligibleVacancies));
    const r = rng(9);
    for (let i = 0; i < 40; i++) {
      const ids = [...current.keys()];
      const id = ids[Math.floor(r() * ids.length)];
      if (i % 3 === 0) {
        current.delete(id);
        index.removeVacancy(id);
      } else {
        const v = { ...world.vacancy(i % 3 === 1 ? id : `late${i}`), hoursPerWeek: 20 };
        current.set(v.id, v);
        index.upsertVacancy(v);
      }
    }
    const after = check();
    expect(after).not.toEqual(before);
  });
});

describe('reachableSummary with many vacancies of all but the same score', () => {
  it('stays exact with 40 copies of one vacancy at one address (near-ties are all scored exactly)', () => {
    const world = randomWorld(13, { vacancies: 400, candidates: 5, municipalities: 8 });
    const template = { ...world.vacancy('tpl'), hoursPerWeek: 8, diplomaRequirement: null, startDate: '2025-12-01', minDutchLevel: 'NONE' as const };
    const copies: VacancyProfile[] = Array.from({ length: 40 }, (_, i) => ({
      ...template,
      id: `copy${String(i).padStart(2, '0')}`,
      location: { lat: world.municipalities[1].centroid.lat + 0.01, lon: world.municipalities[1].centroid.lon },
    }));
    const vacancies = [...world.vacancies, ...copies];
    const index = new MatchingIndex({ context: world.context });
    index.build({ vacancies, candidates: [] });
    const ctx = index.context;
    const adults = [{ ...world.candidate('x'), legalStatus: 'STATUS_HOLDER' as const, hoursAvailable: 40, maxTravelKm: 30 }];
    const pvs = vacancies.map((v) => prepareVacancy(v, ctx));
    for (const bestOf of [1, 5, 30]) {
      expect(index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx, bestOf }).municipalities.map((m) => m.reachable)).toEqual(
        bruteReachable(ctx, adults, world.municipalities, pvs, 50, bestOf),
      );
    }
  });
});

describe('reachableSession: exact counts and a bound at once, the best scores on demand', () => {
  const world = randomWorld(14, { vacancies: 2500, candidates: 20, municipalities: 40, strays: 0.02 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: world.candidates });
  const ctx = index.context;
  const adults = Array.from({ length: 8 }, (_, i) => world.candidate(`s${i}`));

  it.each([
    ['50 km, best 5', undefined, undefined],
    ['15 km, best 1', 15, 1],
    ['90 km, best 12', 90, 12],
    ['40 km, best 40 (more than a block keeps one by one)', 40, 40],
    ['5 km, best 8 (often fewer vacancies than that)', 5, 8],
  ])('counts equal the summary, every bound holds, and any subset in any order completes to the summary rows (%s)', (_name, radiusKm, bestOf) => {
    const want = index.reachableSummary({ adults, municipalities: world.municipalities, context: ctx, radiusKm, bestOf }).municipalities;
    const session = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx, radiusKm, bestOf });
    let slack = 0;
    want.forEach((row, i) =>
      row.reachable.adults.forEach((a, k) => {
        expect(session.counts[k][i]).toBe(a.eligibleVacancies);
        expect(session.bestUpper(k, i)).toBeGreaterThanOrEqual(a.meanBestScore);
        if (a.eligibleVacancies === 0) expect(session.bestUpper(k, i)).toBe(0);
        // The bound that holds anywhere: never below the one read around this municipality.
        expect(session.anywhereUpper(k, i)).toBeGreaterThanOrEqual(session.bestUpper(k, i));
        if (a.eligibleVacancies === 0) expect(session.anywhereUpper(k, i)).toBe(0);
        slack += session.bestUpper(k, i) - a.meanBestScore;
      }),
    );
    // A bound worth having: on average well under the 0-to-1 range it replaces.
    expect(slack / (want.length * adults.length)).toBeLessThan(0.25);
    const r = rng(3);
    const picks = world.municipalities.map((_, i) => i).filter(() => r() < 0.4);
    picks.reverse();
    expect(session.complete(picks)).toEqual(picks.map((i) => want[i]));
    // Completing reads (and scores) more of the vacancies: the bounds asked afterwards still hold.
    want.forEach((row, i) => row.reachable.adults.forEach((a, k) => expect(session.bestUpper(k, i)).toBeGreaterThanOrEqual(a.meanBestScore)));
    want.forEach((row, i) => row.reachable.adults.forEach((a, k) => expect(session.anywhereUpper(k, i)).toBeGreaterThanOrEqual(a.meanBestScore)));
    // Asked again, or for the rest, the same.
    expect(session.complete(picks)).toEqual(picks.map((i) => want[i]));
    const rest = world.municipalities.map((_, i) => i).filter((i) => !picks.includes(i));
    expect(session.complete(rest)).toEqual(rest.map((i) => want[i]));
  });

  it('bounds the mean of the best n by the mean of the n highest vacancy bounds, not by the highest alone', () => {
    const bounds = (bestOf: number) => {
      const session = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx, bestOf });
      return { counts: session.counts, upper: adults.map((_, k) => world.municipalities.map((_m, i) => session.bestUpper(k, i))) };
    };
    const one = bounds(1);
    const five = bounds(5);
    let lower = 0;
    let pairs = 0;
    adults.forEach((_, k) =>
      world.municipalities.forEach((_m, i) => {
        expect(five.upper[k][i]).toBeLessThanOrEqual(one.upper[k][i]);
        if (five.counts[k][i] >= 5) {
          pairs++;
          if (five.upper[k][i] < one.upper[k][i]) lower++;
        }
      }),
    );
    expect(pairs).toBeGreaterThan(0);
    expect(lower).toBeGreaterThan(pairs / 2);
  });

  it('refuses to answer after the vacancies changed or a newer session began, and refuses a bad position', () => {
    const s1 = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx });
    expect(() => s1.complete([world.municipalities.length])).toThrow(/positions/);
    expect(() => s1.anywhereUpper(0, -1)).toThrow(/positions/);
    expect(() => s1.anywhereUpper(adults.length, 0)).toThrow(/adult/);
    index.reachableSession({ adults: adults.slice(0, 1), municipalities: world.municipalities, context: ctx });
    expect(() => s1.complete([0])).toThrow(/another summary began/);
    const s2 = index.reachableSession({ adults, municipalities: world.municipalities, context: ctx });
    index.upsertVacancy(world.vacancy('late'));
    expect(() => s2.complete([0])).toThrow(/vacancies changed/);
  });
});
