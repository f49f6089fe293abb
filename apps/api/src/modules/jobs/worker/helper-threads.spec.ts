import { compileOutcomeModel, fitOutcomeModel, generateHistory } from '@kansrijk/outcome';
import { MatchingIndex, PlacementPairsBuilder, partScorer, scoreCohortPart, solvePlacement, type CohortHouseholdInput, type CohortScorerArgs, type PlacementProblem } from '@kansrijk/matching';
import { randomWorld } from '@kansrijk/matching/index/testing/random-world';
import { applyPolicyOverride, toPolicyOverride, type CandidateProfile } from '@kansrijk/scoring';
import { HelperThreads } from './helper-threads';
import type { VacancyChange } from './worker-index';

/**
 * A cohort's parts scored on a helper thread (its own index, built from the vacancies copied over,
 * the catalogue, labour demand and outcome model revived there) come back exactly as this thread
 * scores them: the same pairs, scores, exact marks and work.
 */
describe('HelperThreads', () => {
  const world = randomWorld(43, { vacancies: 1200, candidates: 0, municipalities: 25 });
  const index = new MatchingIndex({ context: world.context });
  index.build({ vacancies: world.vacancies, candidates: [] });
  const base = world.context.policy;
  const weighted = applyPolicyOverride(base, toPolicyOverride({ tieRadiusKm: 30, linkWeights: { expectedEmployment: 0.5 } }));
  const model = compileOutcomeModel(
    fitOutcomeModel(generateHistory({ rows: 2_000, seed: 3, municipalities: world.municipalities }).records, { name: 'threads-spec', createdAt: '2026-01-01T00:00:00Z', dataHash: 'x', bootstrap: 0 }),
  );
  const households: CohortHouseholdInput[] = Array.from({ length: 20 }, (_, i) => {
    const members: CandidateProfile[] = Array.from({ length: 1 + (i % 3) }, (_, j) => world.candidate(`t${i}m${j}`));
    return { id: `th${String(i).padStart(2, '0')}`, persons: members.length, members };
  });
  const args: CohortScorerArgs = {
    index,
    municipalities: world.municipalities,
    households,
    sides: [base, weighted].map((policy) => ({ policy, context: { ...world.context, policy } })),
    onDate: world.context.onDate,
    topK: 2,
    capacity: [base, weighted].map(() => Int32Array.from(world.municipalities, (_, k) => 1 + (k % 3))),
    outcome: model,
  };
  const plain = (p: ReturnType<typeof scoreCohortPart>) => ({
    households: p.households,
    stats: p.stats,
    sides: p.scores.map((s) => ({
      ids: s.households.map((h) => h.id),
      adults: s.households.map((h) => h.adults.map((a) => a.id)),
      hh: Array.from(s.pairs.hh),
      mun: Array.from(s.pairs.mun),
      score: Array.from(s.pairs.score),
      exact: Array.from(s.exact),
      reachable: Array.from(s.reachableSum),
      counts: Array.from(s.reachableByAdult.counts),
      share: s.expectedShare && Array.from(s.expectedShare),
      model: s.outcomeModelVersion,
    })),
  });

  const opened: HelperThreads[] = [];
  const helpers = (threads: number) => {
    const h = new HelperThreads(threads);
    opened.push(h);
    return h;
  };
  afterAll(() => Promise.all(opened.map((h) => h.close())));

  it('scores part 1 on a helper thread exactly as this thread does, and part 0 here', async () => {
    const shares: number[] = [];
    const { parts } = await helpers(2).score(args, 2, (share) => shares.push(share));
    expect(parts.map(plain)).toEqual([0, 1].map((q) => plain(scoreCohortPart(args, q, 2))));
    expect(parts[1].scores[1].expectedShare).not.toBeNull();
    // Progress only rises, up to the end.
    expect(shares.length).toBeGreaterThan(0);
    shares.forEach((x, j) => expect(x).toBeGreaterThanOrEqual(j ? shares[j - 1] : 0));
    expect(shares[shares.length - 1]).toBe(1);
  }, 60_000);

  it("refines part 1's households on the partner, with the scorer that scored them: what a scorer here makes exact", async () => {
    const threads = helpers(2);
    const { parts, refiner } = await threads.score(args, 2);
    expect(refiner?.part).toBe(1);
    // Here, the same part's scorer, for comparison.
    const { scorer } = partScorer(args, 1, 2);
    const here = scorer.scoreAll();
    const requests = parts[1].scores.map((side, s) => ({ side: s, pairs: Int32Array.from(Array.from(side.exact.keys()).filter((k) => side.exact[k] === 0)), scope: { mode: 'pairs' as const } }));
    expect(requests.every((r) => r.pairs.length > 0)).toBe(true);
    const { refined, stats } = await refiner!.refine(requests);
    scorer.refineMany(requests);
    refined.forEach(({ side, pairs, scores }) => {
      expect(Array.from(pairs)).toEqual(Array.from(requests[side].pairs));
      expect(Array.from(scores)).toEqual(Array.from(pairs, (k) => here[side].pairs.score[k]));
    });
    expect(stats.adultPasses).toBeGreaterThan(0);
    // Released, the partner has nothing left to refine.
    threads.release();
    await expect(refiner!.refine(requests)).rejects.toThrow(/^helper thread, refining part 2 of 2: .*no scores of part/s);
  }, 60_000);

  it('with one thread, scores every part here, in turn', async () => {
    const { parts } = await helpers(1).score(args, 2);
    expect(parts.map(plain)).toEqual([0, 1].map((q) => plain(scoreCohortPart(args, q, 2))));
  });

  it('a helper that fails rejects with its part and reason', async () => {
    // An outcome model file the helper cannot read (this thread uses the compiled one it was given).
    const broken: CohortScorerArgs = { ...args, outcome: { ...model, file: { ...model.file, terms: 'none' } as never } };
    await expect(helpers(2).score(broken, 2)).rejects.toThrow(/^helper thread, scoring part 2 of 2: .*terms/s);
  }, 60_000);

  it("keeps the partner's copy of the index up to date with the changes alone, and scores with it as this thread does", async () => {
    // An index of this test's own, changed after the copy was made, as the job worker's is by the feed.
    const own = new MatchingIndex({ context: world.context });
    own.build({ vacancies: world.vacancies.slice(0, 1000), candidates: [] });
    const log: VacancyChange[] = [];
    const threads = helpers(2);
    const sent: string[] = [];
    threads.mirror({ index: own, context: world.context, log });
    const partner = (threads as unknown as { partner: { worker: { postMessage: (m: { kind: string }) => void } } }).partner.worker;
    const post = partner.postMessage.bind(partner);
    partner.postMessage = (m) => {
      sent.push(m.kind);
      post(m);
    };
    for (const v of world.vacancies.slice(1000, 1100)) {
      own.upsertVacancy(v);
      log.push({ upsert: v });
    }
    for (const v of world.vacancies.slice(0, 50)) {
      own.removeVacancy(v.id);
      log.push({ remove: v.id });
    }
    let trimmed = 0;
    threads.mirror({ index: own, context: world.context, log }, (n) => {
      trimmed = n;
      log.splice(0, n);
    });
    expect(trimmed).toBe(150);
    expect(log).toEqual([]);
    const changed = { ...args, index: own };
    const { parts, seconds } = await threads.score(changed, 2);
    // Only the changes went over (no second copy of every vacancy), then the part.
    expect(sent).toEqual(['changes', 'score']);
    expect(parts.map(plain)).toEqual([0, 1].map((q) => plain(scoreCohortPart(changed, q, 2))));
    expect(seconds!.helpers).toHaveLength(1);
    // Nothing changed since: the next part goes over alone.
    await threads.score(changed, 2);
    expect(sent).toEqual(['changes', 'score', 'score']);
    // New labour demand (a new context): the whole index again.
    threads.mirror({ index: own, context: { ...world.context, labourDemand: world.context.labourDemand }, log: [{ context: true }] });
    expect(sent).toEqual(['changes', 'score', 'score', 'index']);
  }, 60_000);

  describe('solve', () => {
    // 400 households, 12 municipalities that cannot take them all: a plan worth solving.
    const problem = ((): PlacementProblem => {
      let seed = 7;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const pairs = new PlacementPairsBuilder();
      const households = Array.from({ length: 400 }, (_, h) => {
        for (let m = 0; m < 12; m++) if (rand() < 0.6) pairs.add(h, m, rand());
        return { id: `h${h}`, persons: 1 + Math.floor(rand() * 5), arrival: h, waitingDays: Math.floor(rand() * 400) };
      });
      const municipalities = Array.from({ length: 12 }, (_, m) => ({ code: `GM${String(m).padStart(4, '0')}`, capacity: 40 + 10 * m, regionCode: `r${m % 3}`, population: 10_000 * (m + 1) }));
      return { households, municipalities, pairs: pairs.build(), weighting: 'person' };
    })();
    const plain = ({ runtimeMs: _, ...plan }: Awaited<ReturnType<typeof solvePlacement>>) => plan;

    it('solves the first problem on a helper and the next here at once, each with the plan solvePlacement gives', async () => {
      const threads = helpers(2);
      const want = plain(await solvePlacement(problem, { method: 'lagrangian' }));
      const first = threads.solve(problem, { method: 'lagrangian' });
      // The first went to a helper (which is now at work), so the second is solved here meanwhile.
      expect((threads as unknown as { busy: number }).busy).toBe(1);
      const b = await threads.solve(problem, { method: 'lagrangian' });
      const a = await first;
      expect((threads as unknown as { busy: number }).busy).toBe(0);
      expect(plain(a)).toEqual(want);
      expect(plain(b)).toEqual(want);
      expect(want.placed).toBeGreaterThan(0);
      expect(want.households - want.placed).toBeGreaterThan(0);
    }, 60_000);

    it('keeps a solve here when its options cannot go to another thread, or there is no helper to spare', async () => {
      let ticks = 0;
      const clock = () => ++ticks;
      const here = await helpers(2).solve(problem, { method: 'greedy', clock });
      expect(ticks).toBeGreaterThan(0);
      expect(plain(await helpers(1).solve(problem, { method: 'greedy' }))).toEqual(plain(here));
    });
  });
});

