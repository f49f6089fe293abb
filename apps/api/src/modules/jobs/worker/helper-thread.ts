/**
 * A job worker's helper thread (see HelperThreads): scores one part of a cohort with its own copy
 * of the matching index, built from the vacancies the job worker holds, or solves one placement
 * problem, and sends the result back. Plain data in, plain data out; no database.
 */
import { parentPort } from 'worker_threads';
import { MatchingIndex, scoreCohortPart, solvePlacement } from '@kansrijk/matching';
import { compileOutcomeModel } from '@kansrijk/outcome';
import { InMemoryLabourDemand, InMemoryOccupationCatalogue, type JobMatchContext } from '@kansrijk/scoring';
import { lowerThreadPriority } from './thread-priority';
import type { FromHelper, ScorePart, SolvePlan, ToHelper } from './helper-threads';

lowerThreadPriority();

const post = (m: FromHelper) => parentPort!.postMessage(m);

parentPort!.on('message', (m: ToHelper) => {
  try {
    if (m.kind === 'solve') void solve(m);
    else score(m);
  } catch (err) {
    fail(err);
  }
});

const fail = (err: unknown) => post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });

async function solve(m: SolvePlan): Promise<void> {
  try {
    const plan = await solvePlacement(m.problem, m.options);
    post({ type: 'solved', plan });
  } catch (err) {
    fail(err);
  }
}

function score(m: ScorePart): void {
  // A copy loses its class: the catalogue and the labour demand get theirs back (their state is
  // their own maps, copied whole). The sides share them, as they do in the job worker.
  const revived = new Map<unknown, unknown>();
  const revive = <T extends object>(x: T, proto: object): T => {
    if (!revived.has(x)) revived.set(x, Object.setPrototypeOf(x, proto));
    return revived.get(x) as T;
  };
  const sides = m.sides.map(({ policy, context }) => {
    const ctx: JobMatchContext = {
      ...context,
      catalogue: context.catalogue && revive(context.catalogue, InMemoryOccupationCatalogue.prototype),
      labourDemand: context.labourDemand && revive(context.labourDemand, InMemoryLabourDemand.prototype),
    };
    return { policy, context: ctx };
  });
  const t0 = performance.now();
  const index = new MatchingIndex({ context: sides[0].context });
  index.build({ vacancies: m.vacancies, candidates: [] });
  const t1 = performance.now();
  let last = 0;
  const part = scoreCohortPart(
    { index, municipalities: m.municipalities, households: m.households, sides, onDate: m.onDate, outcome: m.outcome ? compileOutcomeModel(m.outcome) : null, capacity: m.capacity, topK: m.topK },
    m.part,
    m.parts,
    (share) => {
      if (share - last < 0.01 && share < 1) return;
      last = share;
      post({ type: 'progress', share });
    },
  );
  const buffers = new Set(part.scores.flatMap((s) => [s.pairs.hh, s.pairs.mun, s.pairs.score, s.exact, s.reachableSum, s.reachableByAdult.start, s.reachableByAdult.counts, ...(s.expectedShare ? [s.expectedShare] : [])].map((a) => a.buffer as ArrayBuffer)));
  const seconds = { index: Math.round(t1 - t0) / 1000, scoring: Math.round(performance.now() - t1) / 1000 };
  parentPort!.postMessage({ type: 'scored', part, seconds } satisfies FromHelper, [...buffers]);
}
