import { compileOutcomeModel, fitOutcomeModel, generateHistory, prepareHouseholdOutlook } from '@kansrijk/outcome';
import { applyPolicyOverride, hardTiePoints, linkValues, prepareLink, satisfiesHardTies, toPolicyOverride, type CandidateProfile, type Policy } from '@kansrijk/scoring';
import { MatchingIndex } from '../index/matching-index';
import { greedyChoices } from '../placement/greedy';
import { solveLazily } from '../placement/lazy-solve';
import { solvePlacement } from '../placement/solve-placement';
import type { PlacementProblem } from '../placement/types';
import { randomWorld } from '../index/testing/random-world';
import { CohortScorer, type CohortHouseholdInput, type SideScores } from './cohort-scores';

/**
 * The cohort's pair scores equal scoring every pair in full (every adult's reachable vacancies
 * at every allowed municipality, then linkValues), exactly where they are marked exact and never
 * below where they are a bound; refining makes the rest exact.
 */
describe('CohortScorer', () => {
  const world = randomWorld(23, { vacancies: 1500, candidates: 0, municipalities: 30 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: [] });
  const base = world.context.policy;
  const variant = (o: Record<string, unknown>): Policy => applyPolicyOverride(base, toPolicyOverride(o));
  const tie = (m: number, kind: 'FAMILY' | 'MEDICAL') => ({ kind, municipalityCode: world.municipalities[m].code, location: world.municipalities[m].centroid, firstDegree: true });
  // Households of one to three members; some with a hard tie; a child now and then.
  const households: CohortHouseholdInput[] = Array.from({ length: 24 }, (_, i) => {
    const members: CandidateProfile[] = Array.from({ length: 1 + (i % 3) }, (_, j) => world.candidate(`h${i}m${j}`));
    if (i % 4 === 0) members[0] = { ...members[0], ties: [tie(i % world.municipalities.length, 'FAMILY')] };
    if (i % 7 === 3) members[0] = { ...members[0], birthDate: '2015-05-05' };
    return { id: `hh${String(i).padStart(2, '0')}`, persons: members.length + (i % 2), members };
  });
  const onDate = world.context.onDate;
  const ctxOf = (policy: Policy) => ({ ...world.context, policy });

  /** Every allowed, eligible pair scored in full: household index, municipality index, score, reachable sum. */
  const full = (policy: Policy) => {
    const out: { hh: number; mun: number; score: number; reachable: number }[] = [];
    const limit = `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;
    households.forEach((h, i) => {
      const household = { id: h.id, members: h.members, size: h.persons };
      const points = hardTiePoints({ household, policy });
      const allowed = world.municipalities.filter((m) => satisfiesHardTies({ points, municipality: m, radiusKm: policy.params.tieRadiusKm }));
      const adults = h.members.filter((m) => m.birthDate <= limit);
      const summary = adults.length ? index.reachableSummary({ adults, municipalities: allowed, context: ctxOf(policy), radiusKm: policy.params.tieRadiusKm }) : null;
      allowed.forEach((m, j) => {
        const reachable = summary?.municipalities[j].reachable ?? { adults: [] };
        const v = linkValues({ household, municipality: m, context: { policy, onDate, capacityLeft: null, labourDemand: world.context.labourDemand, reachable } });
        if (v.eligible) out.push({ hh: i, mun: world.municipalities.indexOf(m), score: v.score, reachable: reachable.adults.reduce((s, a) => s + a.eligibleVacancies, 0) });
      });
    });
    return out;
  };
  const rows = (s: SideScores) => Array.from(s.pairs.hh, (hh, k) => ({ hh, mun: s.pairs.mun[k], score: s.pairs.score[k], exact: s.exact[k] === 1, reachable: s.reachableSum[k] }));

  it.each([
    ['the same policy twice', {}],
    ['a tie radius of 30 km (same job scoring, another reach)', { tieRadiusKm: 30 }],
    ['other link weights (same job scoring and reach)', { linkWeights: { vacancyQuality: 0.3 } }],
    ['no asylum wait (other job scoring)', { asylumWorkWaitMonths: 0 }],
  ])('%s: exact pairs equal full scoring, the others are bounds, and refining makes them exact', (_name, override) => {
    const sides = [base, variant(override)].map((policy) => ({ policy, context: ctxOf(policy) }));
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 3 });
    const scored = scorer.scoreAll();
    scored.forEach((side, s) => {
      const want = full(sides[s].policy);
      const got = rows(side);
      expect(got.map(({ hh, mun }) => [hh, mun])).toEqual(want.map(({ hh, mun }) => [hh, mun]));
      got.forEach((g, k) => {
        expect(g.reachable).toBe(want[k].reachable);
        if (g.exact) expect(g.score).toBe(want[k].score);
        else expect(g.score).toBeGreaterThanOrEqual(want[k].score - 1e-12);
      });
      // Some of each, so both paths are exercised.
      expect(got.filter((g) => g.exact).length).toBeGreaterThan(0);
      expect(got.filter((g) => !g.exact).length).toBeGreaterThan(0);
      scorer.refine(s, Int32Array.from(got.map((_, k) => k).filter((k) => !got[k].exact)));
      expect(rows(side).map((g) => [g.score, g.exact])).toEqual(want.map((w) => [w.score, true]));
    });
  });

  it('refining one pair of a household also settles every bounded pair of it whose bound is above the lowest score found, and leaves other households alone', () => {
    const sides = [{ policy: base, context: ctxOf(base) }];
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 });
    const [side] = scorer.scoreAll();
    const want = full(base);
    const before = rows(side);
    // A household with several bounded pairs: refine its lowest-bound one.
    const hh = before.find((g) => before.filter((x) => x.hh === g.hh && !x.exact).length >= 3)!.hh;
    const mine = before.map((g, k) => ({ ...g, k })).filter((g) => g.hh === hh && !g.exact);
    const lowest = mine.reduce((a, b) => (b.score < a.score ? b : a));
    scorer.refine(0, Int32Array.from([lowest.k]));
    const after = rows(side);
    const floor = want[lowest.k].score;
    // The case means something only if another bounded pair of the household lies above the floor.
    expect(mine.filter((g) => g.k !== lowest.k && g.score > floor).length).toBeGreaterThan(0);
    let completed = 0;
    after.forEach((g, k) => {
      if (g.hh !== hh) return expect([g.exact, g.score]).toEqual([before[k].exact, before[k].score]);
      if (before[k].exact) return;
      // At or below the floor: still the bound. Above it: exact now at its true score, so no
      // later plan prefers it to the pair refined (its bound was already the closer one).
      if (before[k].score <= floor) return expect([g.exact, g.score]).toEqual([false, before[k].score]);
      completed++;
      expect([g.exact, g.score]).toEqual([true, want[k].score]);
    });
    expect(completed).toBeGreaterThan(0);
  });

  it('refining with scope `pairs` makes exactly the given pairs exact, nothing else', () => {
    const sides = [{ policy: base, context: ctxOf(base) }];
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 });
    const [side] = scorer.scoreAll();
    const want = full(base);
    const before = rows(side);
    const hh = before.find((g) => before.filter((x) => x.hh === g.hh && !x.exact).length >= 3)!.hh;
    const asked = before.map((g, k) => ({ ...g, k })).filter((g) => g.hh === hh && !g.exact);
    const lowest = asked.reduce((a, b) => (b.score < a.score ? b : a));
    scorer.refine(0, Int32Array.from([lowest.k]), { mode: 'pairs' });
    rows(side).forEach((g, k) => expect([g.exact, g.score]).toEqual(k === lowest.k ? [true, want[k].score] : [before[k].exact, before[k].score]));
  });

  it('refining with scope `best` completes a household\'s pairs best bound first, only until the best of them is known', () => {
    const sides = [{ policy: base, context: ctxOf(base) }];
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 });
    const [side] = scorer.scoreAll();
    const want = full(base);
    const before = rows(side);
    let leftBounded = 0;
    for (const hh of new Set(before.map((g) => g.hh))) {
      const asked = before.map((g, k) => ({ ...g, k })).filter((g) => g.hh === hh && !g.exact);
      if (asked.length < 2) continue;
      // As a greedy turn asks: the best exact score the household has already, and its bounded pairs.
      const atLeast = Math.max(...before.filter((g) => g.hh === hh && g.exact).map((g) => g.score));
      scorer.refine(0, Int32Array.from(asked.map((g) => g.k)), { mode: 'best', atLeast });
      const after = rows(side);
      const top = asked.reduce((a, b) => (b.score > a.score ? b : a));
      expect(after[top.k].exact).toBe(true);
      const best = Math.max(atLeast, ...asked.filter((g) => after[g.k].exact).map((g) => after[g.k].score));
      for (const g of asked) {
        if (after[g.k].exact) expect(after[g.k].score).toBe(want[g.k].score);
        else {
          // Left bounded: its bound (unchanged) is below the best known, so it cannot be the best.
          expect(after[g.k].score).toBe(before[g.k].score);
          expect(after[g.k].score).toBeLessThan(best);
          leftBounded++;
        }
      }
    }
    // Pairs of no household asked for stay as they were; and the scope did leave some bounded.
    rows(side).forEach((g, k) => {
      if (before[k].exact) expect([g.exact, g.score]).toEqual([true, before[k].score]);
    });
    expect(leftBounded).toBeGreaterThan(0);
  });

  it('every pair left bounded carries the closer bound, read from the blocks around its municipality', () => {
    const sides = [{ policy: base, context: ctxOf(base) }];
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 });
    const [side] = scorer.scoreAll();
    const want = full(base);
    let checked = 0;
    let belowFlat = 0;
    side.households.forEach((h, i) => {
      const ks = rows(side).flatMap((g, k) => (g.hh === i && !g.exact ? [k] : []));
      if (ks.length === 0) return;
      const municipalities = ks.map((k) => world.municipalities[side.pairs.mun[k]]);
      const [session] = index.reachableSessions({ adults: h.adults, municipalities, context: ctxOf(base), radii: [base.params.tieRadiusKm] });
      const link = prepareLink({ household: { id: h.id, members: h.members, size: h.persons }, context: { policy: base, onDate, labourDemand: world.context.labourDemand } });
      const summary = (p: number, upper: (a: number, p: number) => number) => ({
        adults: h.adults.map((a, j) => ({ candidateId: a.id, eligibleVacancies: session.counts[j][p], meanBestScore: upper(j, p) })),
      });
      ks.forEach((k, p) => {
        const closer = link.score({ municipality: municipalities[p], reachable: summary(p, session.bestUpper) });
        const flat = link.score({ municipality: municipalities[p], reachable: summary(p, session.anywhereUpper) });
        expect(side.pairs.score[k]).toBeLessThanOrEqual(closer + 1e-12);
        expect(side.pairs.score[k]).toBeGreaterThanOrEqual(want[k].score - 1e-12);
        checked++;
        if (closer < flat - 1e-9) belowFlat++;
      });
    });
    // The case means something only if the closer bound is closer for many of them.
    expect(checked).toBeGreaterThan(20);
    expect(belowFlat).toBeGreaterThan(checked / 2);
  });

  it('given the capacities, scoring follows the greedy baseline and leaves each of its picks exact (R11, R16), on both sides', () => {
    const policies = [base, variant({ tieRadiusKm: 30 })];
    const sides = policies.map((policy) => ({ policy, context: ctxOf(policy) }));
    // Tight (1 to 3 persons each), so that many households find their best municipalities full.
    const capacities = world.municipalities.map((_, k) => 1 + (k % 3));
    const municipalities = world.municipalities.map((m, k) => ({ code: m.code, capacity: capacities[k], regionCode: m.regionCode, population: m.population }));
    const hs = households.map((h, i) => ({ id: h.id, persons: h.persons, arrival: i }));
    const picks = (side: SideScores, score = side.pairs.score) => Array.from(greedyChoices({ households: hs, municipalities, pairs: { hh: side.pairs.hh, mun: side.pairs.mun, score } }));
    const following = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1, capacity: policies.map(() => Int32Array.from(capacities)) }).scoreAll();
    following.forEach((side, s) => {
      const want = full(policies[s]);
      rows(side).forEach((g, k) => (g.exact ? expect(g.score).toBe(want[k].score) : expect(g.score).toBeGreaterThanOrEqual(want[k].score - 1e-12)));
      const chosen = picks(side);
      expect(chosen.filter((k) => k >= 0).length).toBeGreaterThan(households.length / 2);
      expect(chosen.filter((k) => k >= 0 && side.exact[k] === 0)).toEqual([]);
      // With every pick exact, the greedy on these scores is the greedy on the true ones.
      expect(chosen).toEqual(picks(side, Float64Array.from(want, (w) => w.score)));
    });
    // Without the capacities the picks are left to the plan's greedy sweep: some are still bounds.
    const plain = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 }).scoreAll();
    expect(plain.some((side) => picks(side).some((k) => k >= 0 && side.exact[k] === 0))).toBe(true);
  });

  it('refineMany: a household two sides ask for gets one pass for both, and each side ends as refine leaves it', () => {
    const policies = [base, variant({ tieRadiusKm: 30 })];
    const sides = policies.map((policy) => ({ policy, context: ctxOf(policy) }));
    const make = () => new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1 });
    const bounded = (side: SideScores) => Int32Array.from(rows(side).flatMap((g, k) => (g.exact ? [] : [k])));
    const together = make();
    const scored = together.scoreAll();
    const asked = scored.map(bounded);
    const passes = together.stats.adultPasses;
    together.refineMany(asked.map((pairs, side) => ({ side, pairs })));
    const apart = make();
    const scoredApart = apart.scoreAll();
    const passesApart = apart.stats.adultPasses;
    scoredApart.forEach((side, s) => apart.refine(s, bounded(side)));
    // Every side exact, as full scoring has it, and the same as refining each side on its own.
    scored.forEach((side, s) => {
      expect(rows(side).map((g) => [g.score, g.exact])).toEqual(full(policies[s]).map((w) => [w.score, true]));
      expect(rows(side)).toEqual(rows(scoredApart[s]));
    });
    // One pass per adult of every household asked for, against one per side apart.
    const adultsOf = (set: Set<number>) => [...set].reduce((n, i) => n + scored[0].households[i].adults.length, 0);
    const askedOf = asked.map((pairs, s) => new Set(Array.from(pairs, (k) => scored[s].pairs.hh[k])));
    expect(together.stats.adultPasses - passes).toBe(adultsOf(new Set([...askedOf[0], ...askedOf[1]])));
    expect(apart.stats.adultPasses - passesApart).toBe(adultsOf(askedOf[0]) + adultsOf(askedOf[1]));
    // The case means something only if some household was asked for by both.
    expect([...askedOf[0]].some((i) => askedOf[1].has(i))).toBe(true);
  });

  it('makes one pass per adult for sides with the same job scoring, and reuses completions at the same radius', () => {
    const adults = households.reduce((n, h) => n + h.members.filter((m) => m.birthDate <= '2007-09-01').length, 0);
    const same = new CohortScorer({ index, municipalities: world.municipalities, households, sides: [base, variant({ linkWeights: { vacancyQuality: 0.3 } })].map((policy) => ({ policy, context: ctxOf(policy) })), onDate, topK: 3 });
    same.scoreAll();
    expect(same.stats.adultPasses).toBe(adults);
    expect(same.stats.sharedCompletions).toBeGreaterThan(0);
    const other = new CohortScorer({ index, municipalities: world.municipalities, households, sides: [base, variant({ asylumWorkWaitMonths: 0 })].map((policy) => ({ policy, context: ctxOf(policy) })), onDate, topK: 3 });
    other.scoreAll();
    expect(other.stats.adultPasses).toBe(2 * adults);
    expect(other.stats.sharedCompletions).toBe(0);
  });
});

/**
 * With an outcome model loaded and a policy that weighs expectedEmployment, every pair's score
 * (exact and bound) carries the household's expected share of adults in work (R14, R16: every
 * adult counted), the number the municipality suggestions score the same pair with: the link
 * scorer given `prepareHouseholdOutlook`'s share from each adult's reachable count.
 */
describe('CohortScorer with an outcome model', () => {
  const world = randomWorld(31, { vacancies: 1200, candidates: 0, municipalities: 25 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: [] });
  const base = world.context.policy;
  const weighted = applyPolicyOverride(base, toPolicyOverride({ linkWeights: { expectedEmployment: 0.6 } }));
  const model = compileOutcomeModel(
    fitOutcomeModel(generateHistory({ rows: 2_000, seed: 5, municipalities: world.municipalities }).records, { name: 'cohort-spec', createdAt: '2026-01-01T00:00:00Z', dataHash: 'x', bootstrap: 0 }),
  );
  const onDate = world.context.onDate;
  const limit = `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;
  const households: CohortHouseholdInput[] = Array.from({ length: 18 }, (_, i) => {
    const members: CandidateProfile[] = Array.from({ length: 1 + (i % 3) }, (_, j) => world.candidate(`o${i}m${j}`));
    if (i % 5 === 0) members[0] = { ...members[0], ties: [{ kind: 'FAMILY', municipalityCode: world.municipalities[i % 25].code, location: world.municipalities[i % 25].centroid, firstDegree: true }] };
    if (i % 6 === 2) members[members.length - 1] = { ...members[members.length - 1], birthDate: '2016-02-02' };
    return { id: `oh${String(i).padStart(2, '0')}`, persons: members.length, members };
  });
  const ctxOf = (policy: Policy) => ({ ...world.context, policy });

  /** Every eligible pair as the suggestions score it: the prepared link scorer with the outlook's share of each adult's reachable count. */
  const asSuggestions = (policy: Policy) => {
    const out: { hh: number; mun: number; score: number; share: number | null }[] = [];
    households.forEach((h, i) => {
      const household = { id: h.id, members: h.members, size: h.persons };
      const points = hardTiePoints({ household, policy });
      const allowed = world.municipalities.filter((m) => satisfiesHardTies({ points, municipality: m, radiusKm: policy.params.tieRadiusKm }));
      const adults = h.members.filter((m) => m.birthDate <= limit);
      const summary = adults.length ? index.reachableSummary({ adults, municipalities: allowed, context: ctxOf(policy), radiusKm: policy.params.tieRadiusKm }) : null;
      const scorer = prepareLink({ household, context: { policy, onDate, labourDemand: world.context.labourDemand } });
      const outlook = adults.length ? prepareHouseholdOutlook({ model, adults, onDate, labourDemand: world.context.labourDemand }) : null;
      allowed.forEach((m, j) => {
        if (!scorer.eligible({ municipality: m, capacityLeft: null })) return;
        const reachable = summary?.municipalities[j].reachable ?? { adults: [] };
        const counts = adults.map((a) => reachable.adults.find((r) => r.candidateId === a.id)?.eligibleVacancies ?? 0);
        const share = outlook && policy.linkWeights.expectedEmployment > 0 ? outlook.share(m, counts) : null;
        out.push({ hh: i, mun: world.municipalities.indexOf(m), score: scorer.score({ municipality: m, reachable, expectedEmployment: share }), share });
      });
    });
    return out;
  };
  const rows = (s: SideScores) => Array.from(s.pairs.hh, (hh, k) => ({ hh, mun: s.pairs.mun[k], score: s.pairs.score[k], exact: s.exact[k] === 1 }));

  it('weighs the share where the policy does: exact scores equal the suggestions\', bounds stay above them, refining makes them exact', () => {
    const sides = [base, weighted].map((policy) => ({ policy, context: ctxOf(policy) }));
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 3, outcome: model });
    const scored = scorer.scoreAll();
    // The baseline gives the model no weight: its scores ignore the model and name none.
    expect(scored[0].outcomeModelVersion).toBeNull();
    expect(scored[0].expectedShare).toBeNull();
    expect(scored[1].outcomeModelVersion).toBe(model.version);
    scored.forEach((side, s) => {
      const want = asSuggestions(sides[s].policy);
      const got = rows(side);
      expect(got.map(({ hh, mun }) => [hh, mun])).toEqual(want.map(({ hh, mun }) => [hh, mun]));
      got.forEach((g, k) => {
        if (g.exact) expect(g.score).toBe(want[k].score);
        else expect(g.score).toBeGreaterThanOrEqual(want[k].score - 1e-12);
      });
      expect(got.filter((g) => !g.exact).length).toBeGreaterThan(0);
      scorer.refine(s, Int32Array.from(got.map((_, k) => k).filter((k) => !got[k].exact)));
      expect(rows(side).map((g) => [g.score, g.exact])).toEqual(want.map((w) => [w.score, true]));
    });
    // The weighted side's shares are the suggestions' (every adult counted, R16), and they move the scores.
    const want = asSuggestions(weighted);
    Array.from(scored[1].expectedShare!).forEach((x, k) => (want[k].share === null ? expect(x).toBeNaN() : expect(x).toBe(want[k].share)));
    const withoutModel = new CohortScorer({ index, municipalities: world.municipalities, households, sides: [{ policy: weighted, context: ctxOf(weighted) }], onDate, topK: 1000 }).scoreAll()[0];
    expect(withoutModel.outcomeModelVersion).toBeNull();
    const moved = Array.from(withoutModel.pairs.score).filter((x, k) => Math.abs(x - want[k].score) > 1e-6).length;
    expect(moved).toBeGreaterThan(want.length / 2);
  });

  it('the lazy solve on the weighted bounds finds the plan of the fully exact problem (the bounds are valid)', async () => {
    const sides = [{ policy: weighted, context: ctxOf(weighted) }];
    const scorer = new CohortScorer({ index, municipalities: world.municipalities, households, sides, onDate, topK: 1, outcome: model });
    const [side] = scorer.scoreAll();
    const want = asSuggestions(weighted);
    // Tight capacity (1 to 3 persons each) so households compete and bounded pairs get asked for.
    const municipalities = world.municipalities.map((m, k) => ({ code: m.code, capacity: 1 + (k % 3), regionCode: m.regionCode, population: m.population }));
    const hs = households.map((h, i) => ({ id: h.id, persons: h.persons, arrival: i }));
    const truth: PlacementProblem = { households: hs, municipalities, pairs: { hh: side.pairs.hh, mun: side.pairs.mun, score: Float64Array.from(want, (w) => w.score) } };
    const lazy = await solveLazily({ problem: { households: hs, municipalities, pairs: side.pairs }, exact: side.exact, refine: (pairs, scope) => scorer.refine(0, pairs, scope), options: { method: 'exact' }, settleAfterRounds: Infinity });
    const full = await solvePlacement(truth, { method: 'exact' });
    expect(lazy.refined).toBeGreaterThan(0);
    expect(lazy.plan.objective).toBeCloseTo(full.objective, 9);
  });
});
