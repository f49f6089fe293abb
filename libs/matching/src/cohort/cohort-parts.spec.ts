import { compileOutcomeModel, fitOutcomeModel, generateHistory } from '@kansrijk/outcome';
import { applyPolicyOverride, toPolicyOverride, type CandidateProfile, type Policy } from '@kansrijk/scoring';
import { MatchingIndex } from '../index/matching-index';
import { randomWorld } from '../index/testing/random-world';
import { CohortScorer, type CohortHouseholdInput, type CohortScorerArgs, type SideScores } from './cohort-scores';
import { addScoringStats, applyKnown, applyRefined, cohortParts, mergeSideScores, partPairs, partScorer, refineAndReport, refinedOfPart, scoreCohortPart, splitRefineRequests, type RefinedPairs, type RefineRequest } from './cohort-parts';

/**
 * A cohort scored in parts (as several threads score it) and merged holds the same pairs as one
 * scorer's `scoreAll`: the same households, municipalities, reachable counts and shares, the same
 * score wherever both are exact, a bound never below the exact score elsewhere, and once refined
 * the same scores everywhere.
 */
describe('cohort parts', () => {
  const world = randomWorld(41, { vacancies: 1500, candidates: 0, municipalities: 30 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: [] });
  const base = world.context.policy;
  const narrow = applyPolicyOverride(base, toPolicyOverride({ tieRadiusKm: 30 }));
  const weighted = applyPolicyOverride(base, toPolicyOverride({ linkWeights: { expectedEmployment: 0.6 } }));
  const ctxOf = (policy: Policy) => ({ ...world.context, policy });
  const onDate = world.context.onDate;
  const households: CohortHouseholdInput[] = Array.from({ length: 31 }, (_, i) => {
    const members: CandidateProfile[] = Array.from({ length: 1 + (i % 3) }, (_, j) => world.candidate(`p${i}m${j}`));
    if (i % 4 === 1) members[0] = { ...members[0], ties: [{ kind: 'FAMILY', municipalityCode: world.municipalities[i % 30].code, location: world.municipalities[i % 30].centroid, firstDegree: true }] };
    if (i % 7 === 3) members[members.length - 1] = { ...members[members.length - 1], birthDate: '2016-04-04' };
    return { id: `ph${String(i).padStart(2, '0')}`, persons: members.length + (i % 2), members };
  });
  // Tight, so that following the greedy baseline matters (R11, R16).
  const capacity = Int32Array.from(world.municipalities, (_, k) => 1 + (k % 4));
  const model = compileOutcomeModel(
    fitOutcomeModel(generateHistory({ rows: 2_000, seed: 9, municipalities: world.municipalities }).records, { name: 'parts-spec', createdAt: '2026-01-01T00:00:00Z', dataHash: 'x', bootstrap: 0 }),
  );
  const argsFor = (policies: Policy[], withModel = false): CohortScorerArgs => ({
    index,
    municipalities: world.municipalities,
    households,
    sides: policies.map((policy) => ({ policy, context: ctxOf(policy) })),
    onDate,
    topK: 2,
    capacity: policies.map(() => capacity),
    outcome: withModel ? model : null,
  });
  const inParts = (args: CohortScorerArgs, parts: number) => {
    const scored = Array.from({ length: parts }, (_, q) => scoreCohortPart(args, q, parts));
    const scorer = new CohortScorer(args);
    const merged = scorer.adopt(
      args.sides.map((_, s) => mergeSideScores(households.length, scored.map((p) => ({ households: p.households, scores: p.scores[s] })))),
      addScoringStats(scored.map((p) => p.stats)),
    );
    return { scorer, merged, scored };
  };
  const bounded = (side: SideScores) => Int32Array.from(Array.from(side.exact.keys()).filter((k) => side.exact[k] === 0));

  it('cohortParts deals the households out in turn, each once, the same for the same size', () => {
    expect(cohortParts(7, 2)).toEqual([
      [0, 2, 4, 6],
      [1, 3, 5],
    ]);
    expect(cohortParts(5, 3)).toEqual([[0, 3], [1, 4], [2]]);
    expect(cohortParts(3, 1)).toEqual([[0, 1, 2]]);
    expect(cohortParts(0, 2)).toEqual([[], []]);
    expect(() => cohortParts(3, 0)).toThrow('parts must be an integer >= 1');
  });

  it.each([
    ['two sides of the same job scoring (tie radius 50 and 30 km), 2 parts', [base, narrow], 2, false],
    ['the same, 3 parts', [base, narrow], 3, false],
    ['a side that weighs the outcome model, 2 parts', [base, weighted], 2, true],
  ] as const)('%s: the same pairs as one scorer, exact where exact, bounds above, and the same once refined', (_name, policies, parts, withModel) => {
    const args = argsFor([...policies], withModel);
    const whole = new CohortScorer(args);
    const once = whole.scoreAll();
    const { scorer, merged, scored } = inParts(args, parts);
    // The same passes over the vacancies, one per adult, split between the parts.
    expect(scorer.stats.adultPasses).toBe(whole.stats.adultPasses);
    expect(scorer.stats.adultPasses).toBe(scored.reduce((n, p) => n + p.stats.adultPasses, 0));
    expect(scored.every((p) => p.stats.adultPasses > 0)).toBe(true);
    expect(scored.map((p) => p.households.length)).toEqual(cohortParts(households.length, parts).map((h) => h.length));
    merged.forEach((side, s) => {
      const want = once[s];
      expect(side.households.map((h) => h.id)).toEqual(households.map((h) => h.id));
      expect(side.households.map((h) => h.tiePoints)).toEqual(want.households.map((h) => h.tiePoints));
      expect(Array.from(side.pairs.hh)).toEqual(Array.from(want.pairs.hh));
      expect(Array.from(side.pairs.mun)).toEqual(Array.from(want.pairs.mun));
      expect(Array.from(side.reachableSum)).toEqual(Array.from(want.reachableSum));
      expect(Array.from(side.reachableByAdult.start)).toEqual(Array.from(want.reachableByAdult.start));
      expect(Array.from(side.reachableByAdult.counts)).toEqual(Array.from(want.reachableByAdult.counts));
      expect(side.expectedShare && Array.from(side.expectedShare)).toEqual(want.expectedShare && Array.from(want.expectedShare));
      expect(side.outcomeModelVersion).toBe(want.outcomeModelVersion);
      if (withModel && s === 1) expect(side.expectedShare).not.toBeNull();
      const before = { parts: Float64Array.from(side.pairs.score), partsExact: Uint8Array.from(side.exact), whole: Float64Array.from(want.pairs.score), wholeExact: Uint8Array.from(want.exact) };
      expect(before.partsExact.some((e, k) => e === 1 && before.wholeExact[k] === 1)).toBe(true);
      expect(bounded(side).length).toBeGreaterThan(0);
      // Refined on the adopting scorer (as the plans do) and on the whole one: the same scores.
      scorer.refine(s, bounded(side), { mode: 'pairs' });
      whole.refine(s, bounded(want), { mode: 'pairs' });
      expect(Array.from(side.pairs.score)).toEqual(Array.from(want.pairs.score));
      expect(side.exact.every((e) => e === 1)).toBe(true);
      // Before: exact where marked so, never below where a bound (either way of scoring).
      side.pairs.score.forEach((exact, k) => {
        for (const [x, isExact] of [[before.parts[k], before.partsExact[k]], [before.whole[k], before.wholeExact[k]]]) {
          if (isExact) expect(x).toBe(exact);
          else expect(x).toBeGreaterThanOrEqual(exact - 1e-12);
        }
      });
    });
  });

  it.each([
    ['', false],
    ['; one of part 1\'s households refined by the adopting scorer first and handed to part 1\'s (as the sweep\'s turns are)', true],
  ])("refined on the parts' own scorers (part 1's households by part 1's scorer)%s: the same scores, exact marks and work as all refined by the adopting scorer", (_name, oneHere) => {
    const args = argsFor([base, narrow]);
    // As on one thread: the parts merged and adopted, every refine made by the adopting scorer.
    const one = inParts(args, 2);
    // As on two: part 1 keeps its own scorer (as the partner thread does); copies of its scores are merged here.
    const p0 = scoreCohortPart(args, 0, 2);
    const { households: h1, scorer: own1 } = partScorer(args, 1, 2);
    const s1 = own1.scoreAll();
    const copies = s1.map((side) => ({ ...side, pairs: { ...side.pairs, score: side.pairs.score.slice() }, exact: side.exact.slice() }));
    const byPart = args.sides.map((_, s) => [
      { households: p0.households, scores: p0.scores[s] },
      { households: h1, scores: copies[s] },
    ]);
    const scorer = new CohortScorer(args);
    const merged = scorer.adopt(
      byPart.map((ps) => mergeSideScores(households.length, ps)),
      addScoringStats([p0.stats, own1.stats]),
    );
    const maps = byPart.map((ps, s) => partPairs(ps, merged[s]));
    const start = { merged: { ...scorer.stats }, own1: { ...own1.stats }, one: { ...one.scorer.stats } };
    // Every merged pair maps to its part's pair of the same household and municipality, and back.
    merged.forEach((side, s) => {
      for (let k = 0; k < side.pairs.hh.length; k++) {
        const q = maps[s].part[k];
        const part = byPart[s][q];
        const x = maps[s].local[k];
        expect(part.households[part.scores.pairs.hh[x]]).toBe(side.pairs.hh[k]);
        expect(part.scores.pairs.mun[x]).toBe(side.pairs.mun[k]);
        expect(maps[s].merged[q][x]).toBe(k);
      }
    });
    // Rounds of requests as the plans make them: each side's first bounded pair of some households, by scope.
    const asked = (side: SideScores, scope: RefineRequest['scope'], s: number): RefineRequest => {
      const seen = new Set<number>();
      const pairs: number[] = [];
      for (let k = 0; k < side.exact.length; k++) {
        const h = side.pairs.hh[k];
        if (h % 3 !== 2 - s && side.exact[k] === 0 && !seen.has(h)) {
          seen.add(h);
          pairs.push(k);
        }
      }
      return { side: s, pairs: Int32Array.from(pairs), scope };
    };
    const known: RefinedPairs[] = [];
    if (oneHere) {
      // A household of part 1 with a bounded pair on each side, refined here (a chain: every bound above its lowest exact score).
      const h = merged[0].households.findIndex((_, i) => maps[0].part[merged[0].pairs.hh.indexOf(i)] === 1 && merged.every((side) => side.pairs.hh.some((x, k) => x === i && side.exact[k] === 0)));
      expect(h).toBeGreaterThanOrEqual(0);
      const single = merged.map((side, s) => ({ side: s, pairs: Int32Array.of(side.pairs.hh.findIndex((x, k) => x === h && side.exact[k] === 0)), scope: { mode: 'chain' } as const }));
      one.scorer.refineMany(single.map((r) => ({ ...r, pairs: r.pairs.slice() })));
      known.push(...refinedOfPart(refineAndReport(scorer, merged, single), maps, 1));
      expect(known.length).toBe(2);
      // Numbered as part 1's scores number them: the same household and municipality as in the merged scores.
      for (const { side, pairs } of known) for (const x of pairs) expect(h1[s1[side].pairs.hh[x]]).toBe(h);
    }
    let madeThere = 0;
    for (const scope of [{ mode: 'chain' }, { mode: 'best', atLeast: 0 }, { mode: 'pairs' }] as const) {
      const requests = merged.map((side, s) => asked(side, scope, s)).filter((r) => r.pairs.length > 0);
      expect(requests.length).toBeGreaterThan(0);
      one.scorer.refineMany(requests.map((r) => ({ ...r, pairs: r.pairs.slice() })));
      const { here, there } = splitRefineRequests(requests, maps, 1);
      expect(there.length).toBeGreaterThan(0);
      expect(here.length).toBeGreaterThan(0);
      scorer.refineMany(here);
      applyKnown(s1, known.splice(0));
      const refined = refineAndReport(own1, s1, there);
      applyRefined(merged, maps, 1, refined);
      madeThere += refined.reduce((n, r) => n + r.pairs.length, 0);
      merged.forEach((side, s) => {
        expect(Array.from(side.exact)).toEqual(Array.from(one.merged[s].exact));
        expect(Array.from(side.pairs.score)).toEqual(Array.from(one.merged[s].pairs.score));
      });
    }
    expect(madeThere).toBeGreaterThan(0);
    // The refining work the two scorers did between them is the work the one did.
    for (const k of ['adultPasses', 'completions', 'fromWider'] as const) {
      const refinedByTwo = scorer.stats[k] - start.merged[k] + (own1.stats[k] - start.own1[k]);
      expect(refinedByTwo).toBe(one.scorer.stats[k] - start.one[k]);
    }
    expect(own1.stats.adultPasses).toBeGreaterThan(start.own1.adultPasses);
  });

  it('scoring in parts gives the same result every time (it never depends on which thread scores a part)', () => {
    const args = argsFor([base, narrow]);
    const a = inParts(args, 2).merged;
    const b = inParts(args, 2).merged;
    a.forEach((side, s) => {
      expect(Array.from(side.pairs.score)).toEqual(Array.from(b[s].pairs.score));
      expect(Array.from(side.exact)).toEqual(Array.from(b[s].exact));
    });
  });

  it('mergeSideScores refuses parts that score a household twice, or leave one out', () => {
    const args = argsFor([base]);
    const [p0, p1] = [0, 1].map((q) => scoreCohortPart(args, q, 2));
    const n = households.length;
    expect(() => mergeSideScores(n, [{ households: p0.households, scores: p0.scores[0] }])).toThrow('household 1 is in no part');
    expect(() =>
      mergeSideScores(n, [
        { households: p0.households, scores: p0.scores[0] },
        { households: p1.households, scores: p1.scores[0] },
        { households: p0.households, scores: p0.scores[0] },
      ]),
    ).toThrow('household 0 is in parts 0 and 2');
    expect(() => mergeSideScores(n, [{ households: p1.households.slice(1), scores: p1.scores[0] }])).toThrow(`lists ${p1.households.length - 1} households but scored ${p1.households.length}`);
  });

  it('adopt refuses scores of other households or another number of sides', () => {
    const args = argsFor([base]);
    const part = scoreCohortPart(args, 0, 2);
    const scorer = new CohortScorer(args);
    expect(() => scorer.adopt(part.scores, part.stats)).toThrow("side 0's scores are not of this cohort's households");
    expect(() => scorer.adopt([], part.stats)).toThrow('0 sides of scores for 1 sides');
  });
});
