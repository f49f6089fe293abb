/**
 * A job worker's partner thread (see HelperThreads): keeps a copy of the job worker's matching
 * index, built from the vacancies the worker holds and kept up to date with the same changes
 * (`index`, `changes`); scores one part of a cohort with it whenever a job asks (`score`), keeping
 * that part's scorer so that the job's plans refine its households here (`refine`, until
 * `release`); and solves a plan while the worker solves another (`solve`). It lives as long as the
 * job worker. Plain data in, plain data out; no database.
 */
import { parentPort } from 'worker_threads';
import { MatchingIndex, applyKnown, partScorer, refineAndReport, solvePlacement, type CohortScorer, type SideScores } from '@kansrijk/matching';
import { compileOutcomeModel } from '@kansrijk/outcome';
import { InMemoryLabourDemand, InMemoryOccupationCatalogue, type JobMatchContext } from '@kansrijk/scoring';
import { lowerThreadPriority } from './thread-priority';
import type { FromHelper, MirrorChanges, MirrorIndex, RefinePart, ScorePart, SolvePlan, ToHelper } from './helper-threads';

lowerThreadPriority();

const post = (m: FromHelper) => parentPort!.postMessage(m);
const now = () => performance.timeOrigin + performance.now();

/** The copy of the worker's index, with the catalogue and labour demand it was built with (the sides that share them get these very objects: a layer of the index is per context object). */
let mirror: { index: MatchingIndex; catalogue: InMemoryOccupationCatalogue; labourDemand: InMemoryLabourDemand | null } | null = null;

/** The part this partner scored last, kept so that the job's plans refine its households here (until `release`). */
let kept: { id: number; scorer: CohortScorer; scores: SideScores[] } | null = null;

/** Messages are handled one at a time, in the order sent (a solve awaits), so a refine never overtakes the scoring it refines. */
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (m: ToHelper) => {
  queue = queue.then(async () => {
    try {
      if (m.kind === 'solve') await solve(m);
      else if (m.kind === 'index') buildMirror(m);
      else if (m.kind === 'changes') applyChanges(m);
      else if (m.kind === 'score') score(m);
      else if (m.kind === 'refine') refine(m);
      else kept = null;
    } catch (err) {
      fail(err, m.kind === 'index' || m.kind === 'changes' || m.kind === 'release' ? null : m.id);
    }
  });
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
  const plan = await solvePlacement(m.problem, m.options);
  post({ type: 'solved', id: m.id, plan });
}

function score(m: ScorePart): void {
  const waited = (now() - m.sentAt) / 1000;
  if (!mirror) throw new Error('no index to score with: it was never sent, or building it failed');
  const own = mirror;
  // The sides that share the index's catalogue and labour demand get its own objects; the others
  // (new labour demand since the copy was made) their revived copies (one message keeps an object
  // that sides share one object, so they still share it).
  const sides = m.sides.map(({ policy, context }, s) => {
    const ctx = revived(context);
    const shared = m.mirrored[s];
    return { policy, context: { ...ctx, catalogue: shared.catalogue ? own.catalogue : ctx.catalogue, labourDemand: shared.labourDemand ? own.labourDemand : ctx.labourDemand } };
  });
  const t1 = performance.now();
  let last = 0;
  kept = null;
  const { households, scorer } = partScorer(
    { index: own.index, municipalities: m.municipalities, households: m.households, sides, onDate: m.onDate, outcome: m.outcome ? compileOutcomeModel(m.outcome) : null, capacity: m.capacity, topK: m.topK },
    m.part,
    m.parts,
  );
  const scores = scorer.scoreAll((share) => {
    if (share - last < 0.01 && share < 1) return;
    last = share;
    post({ type: 'progress', id: m.id, share });
  });
  kept = { id: m.id, scorer, scores };
  // Copies go over (moved, not cloned): the kept scores stay here for `refine`.
  const copies: SideScores[] = scores.map((s) => ({
    ...s,
    pairs: { hh: s.pairs.hh.slice(), mun: s.pairs.mun.slice(), score: s.pairs.score.slice() },
    exact: s.exact.slice(),
    reachableSum: s.reachableSum.slice(),
    reachableByAdult: { start: s.reachableByAdult.start.slice(), counts: s.reachableByAdult.counts.slice() },
    expectedShare: s.expectedShare?.slice() ?? null,
  }));
  const buffers = new Set(copies.flatMap((s) => [s.pairs.hh, s.pairs.mun, s.pairs.score, s.exact, s.reachableSum, s.reachableByAdult.start, s.reachableByAdult.counts, ...(s.expectedShare ? [s.expectedShare] : [])].map((a) => a.buffer as ArrayBuffer)));
  const seconds = { index: Math.round(waited * 1000) / 1000, scoring: Math.round(performance.now() - t1) / 1000 };
  parentPort!.postMessage({ type: 'scored', id: m.id, part: { households, scores: copies, stats: { ...scorer.stats } }, seconds } satisfies FromHelper, [...buffers]);
}

/** Refines pairs of the kept part (numbered as its scores number them) and answers what became exact, with the work it took. */
function refine(m: RefinePart): void {
  if (!kept || kept.id !== m.scoreId) throw new Error(`no scores of part ${m.scoreId} kept to refine (the partner scored another part since, or was released)`);
  applyKnown(kept.scores, m.known);
  const before = { ...kept.scorer.stats };
  const refined = refineAndReport(kept.scorer, kept.scores, m.requests);
  const stats = { ...kept.scorer.stats };
  for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] -= before[key];
  post({ type: 'refined', id: m.id, refined, stats });
}
