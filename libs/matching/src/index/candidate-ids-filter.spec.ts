import { prepareCandidate, prepareVacancy } from '@kansrijk/scoring';
import { MatchingIndex } from './matching-index';
import { bruteTopCandidates } from './testing/brute-force';
import { randomWorld } from './testing/random-world';

/** R20: a platform gets candidate suggestions among its own candidates only (filter.candidateIds). */
describe('topCandidatesForVacancy restricted to some candidates', () => {
  const world = randomWorld(7, { vacancies: 800, candidates: 400 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: world.candidates });
  const ctx = index.context;
  const pvs = world.vacancies.map((v) => prepareVacancy(v, ctx));
  const own = new Set(world.candidates.filter((_c, i) => i % 3 === 0).map((c) => c.id));
  const ownPcs = world.candidates.filter((c) => own.has(c.id)).map((c) => prepareCandidate(c, ctx));

  it('is exactly the brute-force list over those candidates, and never lists another', () => {
    let nonEmpty = 0;
    for (const pv of pvs.slice(0, 300)) {
      for (const filter of [{ candidateIds: own }, { candidateIds: own, includeIneligible: true, maxDistanceKm: 60 }]) {
        const got = index.topCandidatesForVacancy({ vacancy: pv.id, k: 10, context: ctx, filter });
        const want = bruteTopCandidates(ctx, pv, ownPcs, 10, filter);
        expect(got.items).toEqual(want.items);
        expect(got.matched).toBe(want.matched);
        expect(got.items.every((i) => own.has(i.candidateId))).toBe(true);
        if (got.items.length) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('an empty set lists nobody', () => {
    expect(index.topCandidatesForVacancy({ vacancy: pvs[0].id, k: 10, context: ctx, filter: { candidateIds: new Set(), includeIneligible: true } }).items).toEqual([]);
  });
});
