import type { PreparedCandidate, PreparedJobContext, PreparedVacancy } from '@kansrijk/scoring';
import { rtwEarliestDay } from '@kansrijk/scoring/rights/right-to-work-core';
import { CandidatePostings, VacancyPostings } from './skill-postings';
import { VacancyRows } from './vacancy-rows';
import { resized } from './typed-arrays';

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

function objectId(o: object | null | undefined): number {
  if (!o) return 0;
  let id = objectIds.get(o);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(o, id);
  }
  return id;
}

/**
 * What makes two prepared contexts score alike: the policy's content version, the day, and the
 * very catalogue and labour-demand objects. Two contexts with the same key give the same scores.
 */
export function contextKey(ctx: PreparedJobContext): string {
  return `${ctx.policy.version}\u0000${ctx.onDate}\u0000${objectId(ctx.catalogue)}\u0000${objectId(ctx.labourDemand)}`;
}

/**
 * The first day a candidate may start paid work as far as age, the asylum wait and the permit lead
 * time go (R1.1, R1.2, R1.5), or NaN when it never comes under these facts (R1.3, R1.7, no
 * application date): the scoring library's own `rtwEarliestDay`. A vacancy whose work starts
 * (on its start date, or today when that has passed) before this day fails R9.1, so the index can
 * skip it before scoring; a later one is judged by the full rules.
 */
export function earliestWorkDay(pc: PreparedCandidate, ctx: PreparedJobContext): number {
  return rtwEarliestDay(pc.rtw, ctx.onDay, ctx.cp);
}

/**
 * Every live profile prepared against one prepared context, by slot, with the packed vacancy
 * rows and the skill postings for that context's policy and skill numbering (internal). Profiles are bound to the context they were
 * prepared with (libs/scoring refuses to mix), so a query under another policy or day gets its
 * own layer.
 */
export class ContextLayer {
  readonly vacancies: (PreparedVacancy | undefined)[] = [];
  readonly candidates: (PreparedCandidate | undefined)[] = [];
  readonly vacancyRows = new VacancyRows();
  readonly vacancyPostings = new VacancyPostings();
  readonly candidatePostings = new CandidatePostings();
  /** Per candidate slot: the first day they may work (R1.1, R1.2, R1.5), NaN = never (see `earliestWorkDay`). */
  candidateEarliest = new Float64Array(256);
  /** Use counter for least-recently-used eviction. */
  lastUsed = 0;

  constructor(
    readonly key: string,
    readonly ctx: PreparedJobContext,
  ) {}

  putVacancy(slot: number, pv: PreparedVacancy): void {
    this.vacancies[slot] = pv;
    this.vacancyRows.put(slot, pv);
    this.vacancyPostings.add(slot, pv);
  }

  putCandidate(slot: number, pc: PreparedCandidate): void {
    this.candidates[slot] = pc;
    if (slot >= this.candidateEarliest.length) {
      this.candidateEarliest = resized(this.candidateEarliest, Math.max(slot + 1, this.candidateEarliest.length * 2));
    }
    this.candidateEarliest[slot] = earliestWorkDay(pc, this.ctx);
    this.candidatePostings.add(slot, pc);
  }

  dropVacancy(slot: number): void {
    this.vacancies[slot] = undefined;
  }

  dropCandidate(slot: number): void {
    this.candidates[slot] = undefined;
  }
}
