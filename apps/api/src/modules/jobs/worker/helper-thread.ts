/**
 * A job worker's helper thread (see HelperThreads), one of two kinds by what it is sent first:
 * - the partner: keeps a copy of the job worker's matching index, built from the vacancies the
 *   worker holds and kept up to date with the same changes (`index`, `changes`), and scores one
 *   part of a cohort with it whenever a job asks (`score`); it lives as long as the job worker;
 * - a one-off: solves one placement problem (`solve`) and is ended.
 * Plain data in, plain data out; no database.
 */
import { parentPort } from 'worker_threads';
import { MatchingIndex, scoreCohortPart, solvePlacement } from '@kansrijk/matching';
import { compileOutcomeModel } from '@kansrijk/outcome';
import { InMemoryLabourDemand, InMemoryOccupationCatalogue, type JobMatchContext } from '@kansrijk/scoring';
import { lowerThreadPriority } from './thread-priority';
import type { FromHelper, MirrorChanges, MirrorIndex, ScorePart, SolvePlan, ToHelper } from './helper-threads';

lowerThreadPriority();

const post = (m: FromHelper) => parentPort!.postMessage(m);
const now = () => performance.timeOrigin + performance.now();

/** The copy of the worker's index, with the catalogue and labour demand it was built with (the sides that share them get these very objects: a layer of the index is per context object). */
let mirror: { index: MatchingIndex; catalogue: InMemoryOccupationCatalogue; labourDemand: InMemoryLabourDemand | null } | null = null;

parentPort!.on('message', (m: ToHelper) => {
  try {
    if (m.kind === 'solve') void solve(m);
    else if (m.kind === 'index') buildMirror(m);
    else if (m.kind === 'changes') applyChanges(m);
    else score(m);
  } catch (err) {
    fail(err, m.kind === 'score' ? m.id : null);
  }
});

const fail = (err: unknown, id: number | null) => post({ type: 'failed', id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });

/** A copy loses its class: the catalogue and the labour demand get theirs back (their state is their own maps, copied whole). */
function revived(context: JobMatchContext): JobMatchContext {
  return {
    ...context,
    catalogue: context.catalogue && Object.setPrototypeOf(context.catalogue, InMemoryOccupationCatalogue.prototype),
    labourDemand: context.labourDemand && Object.setPrototypeOf(context.labourDemand, InMemoryLabourDemand.prototype),
  };
}

function buildMirror(m: MirrorIndex): void {
  mirror = null;
  const context = revived(m.context);
  const index = new MatchingIndex({ context });
  index.build({ vacancies: m.vacancies, candidates: [] });
  mirror = { index, catalogue: context.catalogue as InMemoryOccupationCatalogue, labourDemand: (context.labourDemand as InMemoryLabourDemand | null) ?? null };
}

function applyChanges(m: MirrorChanges): void {
  if (!mirror) throw new Error('changes to an index this helper does not hold');
  for (const c of m.changes) {
    if ('upsert' in c) mirror.index.upsertVacancy(c.upsert);
    else if ('remove' in c) mirror.index.removeVacancy(c.remove);
  }
}

async function solve(m: SolvePlan): Promise<void> {
  try {
    const plan = await solvePlacement(m.problem, m.options);
    post({ type: 'solved', plan });
  } catch (err) {
    fail(err, null);
  }
}

function score(m: ScorePart): void {
  const waited = (now() - m.sentAt) / 1000;
  if (!mirror) throw new Error('no index to score with: it was never sent, or building it failed');
  const own = mirror;
  // The sides that share the index's catalogue and labour demand get its own objects; the others
  // (new labour demand since the copy was made) their revived copies, shared between sides.
  const copies = new Map<unknown, unknown>();
  const sides = m.sides.map(({ policy, context }, s) => {
    const shared = m.mirrored[s];
    const ctx = revived(context);
    const catalogue = shared.catalogue ? own.catalogue : (copies.get(context.catalogue) ?? copies.set(context.catalogue, ctx.catalogue).get(context.catalogue));
    const labourDemand = shared.labourDemand ? own.labourDemand : (copies.get(context.labourDemand) ?? copies.set(context.labourDemand, ctx.labourDemand).get(context.labourDemand));
    return { policy, context: { ...ctx, catalogue, labourDemand } as JobMatchContext };
  });
  const t1 = performance.now();
  let last = 0;
  const part = scoreCohortPart(
    { index: own.index, municipalities: m.municipalities, households: m.households, sides, onDate: m.onDate, outcome: m.outcome ? compileOutcomeModel(m.outcome) : null, capacity: m.capacity, topK: m.topK },
    m.part,
    m.parts,
    (share) => {
      if (share - last < 0.01 && share < 1) return;
      last = share;
      post({ type: 'progress', id: m.id, share });
    },
  );
  const buffers = new Set(part.scores.flatMap((s) => [s.pairs.hh, s.pairs.mun, s.pairs.score, s.exact, s.reachableSum, s.reachableByAdult.start, s.reachableByAdult.counts, ...(s.expectedShare ? [s.expectedShare] : [])].map((a) => a.buffer as ArrayBuffer)));
  const seconds = { index: Math.round(waited * 1000) / 1000, scoring: Math.round(performance.now() - t1) / 1000 };
  parentPort!.postMessage({ type: 'scored', id: m.id, part, seconds } satisfies FromHelper, [...buffers]);
}
