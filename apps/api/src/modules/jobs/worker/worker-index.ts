import { DataSource } from 'typeorm';
import { MatchingIndex } from '@kansrijk/matching';
import { policyInForce, type InMemoryLabourDemand, type InMemoryOccupationCatalogue, type JobMatchContext, type Policy, type VacancyProfile } from '@kansrijk/scoring';
import { BACKGROUND_SQL } from '../../../database/typeorm-logger';
import { loadLabourDemand } from '../../labour-demand/labour-demand.service';
import type { MatchingSource } from '../../matching/matching-source';
import { FeedCursor } from '../../records/feed-cursor';
import { FEED_PAGE, readFeed } from '../../records/record-events';
import { loadOccupationCatalogue, loadOpenVacancyPage, loadVacancies } from '../../matching/profile-loader';

/** Vacancies read per statement: the embedded database serves one statement at a time, so requests slip in between pages. */
const PAGE = 5000;

/** One change the index took from the feed, in order: a vacancy upserted or removed, or new labour demand (a new context). */
export type VacancyChange = { upsert: VacancyProfile } | { remove: string } | { context: true };

/**
 * A worker thread's own matching index of the open vacancies (a job passes its people in as
 * profiles), read through the worker's own connection: built on the first job, then brought up
 * to date from the change feed at the start of every job, so consecutive what-if runs do not
 * read 100,000 vacancies each. Rebuilt when the feed no longer holds every change since it was
 * read (the feed keeps an hour).
 */
export class WorkerIndex implements MatchingSource {
  private index?: MatchingIndex;
  private catalogue?: InMemoryOccupationCatalogue;
  private demand?: InMemoryLabourDemand;
  private cursor = new FeedCursor(0);
  private lastContext?: JobMatchContext;
  /** When the index was last brought up to date (for the idle check). */
  usedAt = 0;
  /** How many times every open vacancy was read (a first refresh, or a rebuild when the feed lost changes). */
  builds = 0;
  /**
   * The changes applied since the index was built, in order, for a copy of it on another thread
   * (HelperThreads.mirror) to follow; `trimLog` drops what the copy has taken.
   */
  log: VacancyChange[] = [];
  /** Called after every refresh (the job worker keeps its helper's copy up to date). */
  onRefreshed?: () => void;
  /** The refresh under way (or the last): the next one starts after it. */
  private refreshing: Promise<void> = Promise.resolve();
  /** The context the index was built with. */
  private builtWith?: JobMatchContext;

  constructor(private readonly ds: DataSource) {}

  get built(): boolean {
    return this.index !== undefined;
  }

  /**
   * Builds the index, or applies the feed's changes since the last job. One at a time: a job that
   * starts while the worker is still warming up (JOB_WORKER_WARM) waits for that read, then
   * catches up, rather than reading every vacancy a second time.
   */
  refresh(onProgress: (share: number, phase: string) => void, now: number): Promise<void> {
    const next = this.refreshing.then(() => this.refreshNow(onProgress, now));
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  /** The open vacancies the index holds (0 before the first refresh). */
  get vacancies(): number {
    return this.index?.size.vacancies ?? 0;
  }

  /** The index and the context it was built with (the labour demand as now), while there is one. */
  get mirrorSource(): { index: MatchingIndex; context: JobMatchContext; log: readonly VacancyChange[] } | null {
    if (!this.index) return null;
    return { index: this.index, context: { ...this.builtWith!, labourDemand: this.demand! }, log: this.log };
  }

  /** Drops the first `n` changes of the log (a copy has taken them). */
  trimLog(n: number): void {
    this.log.splice(0, n);
  }

  private async refreshNow(onProgress: (share: number, phase: string) => void, now: number): Promise<void> {
    this.usedAt = now;
    if (!(this.index && (await this.catchUp()))) await this.build(onProgress);
    this.onRefreshed?.();
  }

  async matchingIndex(): Promise<MatchingIndex> {
    if (!this.index) throw new Error('worker index used before refresh()');
    return this.index;
  }

  async context(policy: Policy, onDate: string): Promise<JobMatchContext> {
    const last = this.lastContext;
    if (last && last.policy === policy && last.onDate === onDate && last.catalogue === this.catalogue && last.labourDemand === this.demand) return last;
    this.lastContext = { policy, onDate, catalogue: this.catalogue!, labourDemand: this.demand! };
    return this.lastContext;
  }

  private async build(onProgress: (share: number, phase: string) => void): Promise<void> {
    this.index = undefined;
    this.builds++;
    // The feed position first: a change committed while the pages are read is applied again after (upserts are idempotent).
    const [{ id }] = await this.ds.query(`${BACKGROUND_SQL} SELECT coalesce(max(id), 0)::text AS id FROM record_change`);
    this.cursor = new FeedCursor(Number(id));
    this.catalogue = await loadOccupationCatalogue(this.ds);
    this.demand = await loadLabourDemand(this.ds);
    const [{ n }] = await this.ds.query(`${BACKGROUND_SQL} SELECT count(*)::int AS n FROM vacancy WHERE status = 'OPEN'`);
    const profiles = [];
    let after: string | null = null;
    for (;;) {
      const page = await loadOpenVacancyPage(this.ds, after, PAGE);
      for (const v of page) profiles.push(v.profile);
      onProgress(Math.min(1, profiles.length / Math.max(1, n)), `reading the open vacancies (${profiles.length} of ${n})`);
      if (page.length < PAGE) break;
      after = page[page.length - 1].profile.id;
    }
    this.builtWith = { policy: policyInForce(new Date().toISOString().slice(0, 10)), onDate: new Date().toISOString().slice(0, 10), catalogue: this.catalogue, labourDemand: this.demand };
    const index = new MatchingIndex({ context: this.builtWith });
    index.build({ vacancies: profiles, candidates: [] });
    this.index = index;
    this.log = [];
    await this.catchUp();
  }

  /** Applies the feed's vacancy and labour-demand changes since the last job; false when the feed has lost some (rebuild). */
  private async catchUp(): Promise<boolean> {
    const index = this.index!;
    const [{ oldest }] = await this.ds.query(`${BACKGROUND_SQL} SELECT min(id)::text AS oldest FROM record_change`);
    if (oldest !== null && Number(oldest) > this.cursor.position + 1 && this.cursor.position > 0) return false;
    for (;;) {
      const rows = await readFeed(this.ds, this.cursor);
      for (const r of rows) {
        if (r.kind === 'labour-demand') {
          this.demand = await loadLabourDemand(this.ds);
          this.log.push({ context: true });
        } else if (r.kind === 'vacancy') {
          const remove = (vid: string) => {
            index.removeVacancy(vid);
            this.log.push({ remove: vid });
          };
          if (r.op === 'removed') r.ids.forEach(remove);
          else {
            const found = await loadVacancies(this.ds, r.ids);
            for (const v of found) {
              if (v.status === 'OPEN') {
                index.upsertVacancy(v.profile);
                this.log.push({ upsert: v.profile });
              } else remove(v.profile.id);
            }
            const present = new Set(found.map((v) => v.profile.id));
            for (const vid of r.ids) if (!present.has(vid)) remove(vid);
          }
        }
        this.cursor.advance([Number(r.id)], Date.now());
      }
      if (rows.length === 0) this.cursor.advance([], Date.now());
      if (rows.length < FEED_PAGE) return true;
    }
  }
}
