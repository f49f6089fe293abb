import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingIndex } from '@kansrijk/matching';
import { policyInForce, type InMemoryOccupationCatalogue, type JobMatchContext, type Policy } from '@kansrijk/scoring';
import { LabourDemandService } from '../labour-demand/labour-demand.service';
import { RecordChange, RecordEvents } from '../records/record-events';
import { HeldRecords } from './held-records';
import type { MatchingSource } from './matching-source';
import { loadCandidateProfiles, loadEmployerNames, loadOccupationCatalogue, loadVacancies } from './profile-loader';

export const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Holds the matching index (libs/matching) for this process: built at boot from the
 * database (open vacancies, all candidates, the ESCO catalogue, labour demand) and kept
 * current on every create, update, close and delete, here and, through the change feed,
 * in every other process on the database.
 */
@Injectable()
export class MatchingService implements OnApplicationBootstrap, OnModuleDestroy, MatchingSource {
  private readonly logger = new Logger('Matching');
  private index?: MatchingIndex;
  private catalogue?: InMemoryOccupationCatalogue;
  /** The held records' facts that are not scoring inputs, changed in step with the index. */
  private readonly held = new HeldRecords();
  private building?: Promise<void>;
  private buildError?: string;
  /** Changes that arrive while the index is being built, applied right after. */
  private queued: RecordChange[] = [];
  private applying: Promise<void> = Promise.resolve();
  private refresher?: NodeJS.Timeout;
  private lastContext?: JobMatchContext;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: RecordEvents,
    private readonly labourDemand: LabourDemandService,
  ) {
    events.onChange((c) => this.onChange(c));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
    // Prepare the next day's context (and new labour demand) off the request path.
    this.refresher = setInterval(() => void this.refreshContext(), 10 * 60_000);
    this.refresher.unref();
  }

  onModuleDestroy(): void {
    if (this.refresher) clearInterval(this.refresher);
  }

  /**
   * Makes today's default context (policy, day, catalogue, labour demand) the index's primary
   * one. A new day or new labour-demand figures re-prepare every profile once (about 3 s for
   * 120,000 profiles), here rather than in the first request of the day.
   */
  async refreshContext(): Promise<void> {
    if (!this.index) return;
    this.index.setContext(await this.context(policyInForce(today()), today()));
  }

  /** Resolves once the index is built. */
  ready(): Promise<void> {
    this.building ??= this.build().catch((err: Error) => {
      this.buildError = err.message;
      throw err;
    });
    return this.building;
  }

  /**
   * Whether the index is there (readiness, metrics), without waiting for it: `idle` before the
   * build starts, `building`, `built` with its size, or `failed` with the reason.
   */
  status(): { state: 'idle' | 'building' | 'built' | 'failed'; vacancies?: number; candidates?: number; reason?: string } {
    if (this.index) return { state: 'built', ...this.index.size };
    if (this.buildError) return { state: 'failed', reason: this.buildError };
    return { state: this.building ? 'building' : 'idle' };
  }

  /** The index, built. */
  async matchingIndex(): Promise<MatchingIndex> {
    await this.ready();
    await this.applying;
    return this.index!;
  }

  /**
   * The scoring context of a call: policy, day, ESCO catalogue and current labour demand. The
   * same object while none of them changes, so the index and the scoring library find it
   * prepared (by identity) instead of preparing a new one for every request.
   */
  async context(policy: Policy, onDate: string): Promise<JobMatchContext> {
    await this.ready();
    const labourDemand = await this.labourDemand.demand();
    const last = this.lastContext;
    if (last && last.policy === policy && last.onDate === onDate && last.catalogue === this.catalogue && last.labourDemand === labourDemand) return last;
    this.lastContext = { policy, onDate, catalogue: this.catalogue!, labourDemand };
    return this.lastContext;
  }

  /**
   * Loads into the index, now, records it does not hold yet (written by another process whose
   * change has not reached this one through the feed): a request for a record written a moment
   * ago finds it rather than a NOT_FOUND. Records that do not exist stay unheld.
   */
  async ensureHeld(kind: 'candidate' | 'vacancy', ids: string[]): Promise<void> {
    await this.ready();
    const held = this.held;
    const missing = ids.filter((id) => (kind === 'candidate' ? !held.candidate(id) : !held.vacancy(id)));
    if (missing.length) await this.onChange({ kind, ids: missing, op: 'upserted' });
  }

  /** The ids of the held candidates of one platform tenant. */
  candidatesOfTenant(tenant: string): string[] {
    return this.held.candidatesOfTenant(tenant);
  }

  /**
   * The held records' shown facts (pseudonyms, tenants, vacancy titles, employer names). They
   * change in the same step as the index: read them in the same tick as a ranking (after the
   * last await) and they describe exactly what was ranked.
   */
  heldRecords(): HeldRecords {
    return this.held;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const [catalogue, vacancies, candidates] = await Promise.all([loadOccupationCatalogue(this.ds), loadVacancies(this.ds), loadCandidateProfiles(this.ds)]);
    this.catalogue = catalogue;
    const index = new MatchingIndex({ context: { policy: policyInForce(today()), onDate: today(), catalogue, labourDemand: await this.labourDemand.demand() } });
    index.build({ vacancies: vacancies.map((v) => v.profile), candidates: candidates.map((c) => c.profile) });
    this.held.setEmployerNames(employersOf(vacancies));
    for (const v of vacancies) this.held.setVacancy(v);
    for (const c of candidates) this.held.setCandidate({ id: c.profile.id, pseudonym: c.pseudonym, tenant: c.tenant });
    this.index = index;
    this.logger.log(`index built in ${Math.round(performance.now() - started)} ms: ${vacancies.length} open vacancies, ${candidates.length} candidates`);
    const queued = this.queued;
    this.queued = [];
    for (const c of queued) await this.apply(c);
  }

  private onChange(change: RecordChange): Promise<void> {
    if (change.kind === 'labour-demand') return this.refreshContext();
    if (!this.index) {
      this.queued.push(change);
      return Promise.resolve();
    }
    // One change at a time, in order, and queries wait for the ones already under way.
    this.applying = this.applying.then(() => this.apply(change)).catch((err) => this.logger.error(`applying a change failed: ${(err as Error).message}`));
    return this.applying;
  }

  private async apply(change: RecordChange): Promise<void> {
    const index = this.index!;
    const held = this.held;
    // Each step below changes the index and the held facts together, without an await between.
    if (change.kind === 'vacancy') {
      if (change.op === 'removed') {
        change.ids.forEach((id) => {
          index.removeVacancy(id);
          held.removeVacancy(id);
        });
        return;
      }
      for (let i = 0; i < change.ids.length; i += 5000) {
        const ids = change.ids.slice(i, i + 5000);
        const found = await loadVacancies(this.ds, ids);
        held.setEmployerNames(employersOf(found));
        for (const v of found) {
          if (v.status === 'OPEN') {
            index.upsertVacancy(v.profile);
            held.setVacancy(v);
          } else {
            index.removeVacancy(v.profile.id);
            held.removeVacancy(v.profile.id);
          }
        }
        const present = new Set(found.map((v) => v.profile.id));
        for (const id of ids.filter((x) => !present.has(x))) {
          index.removeVacancy(id);
          held.removeVacancy(id);
        }
      }
    } else if (change.kind === 'candidate') {
      if (change.op === 'removed') {
        change.ids.forEach((id) => {
          index.removeCandidate(id);
          held.removeCandidate(id);
        });
        return;
      }
      for (let i = 0; i < change.ids.length; i += 5000) {
        const ids = change.ids.slice(i, i + 5000);
        const found = await loadCandidateProfiles(this.ds, ids);
        for (const c of found) {
          index.upsertCandidate(c.profile);
          held.setCandidate({ id: c.profile.id, pseudonym: c.pseudonym, tenant: c.tenant });
        }
        const present = new Set(found.map((c) => c.profile.id));
        for (const id of ids.filter((x) => !present.has(x))) {
          index.removeCandidate(id);
          held.removeCandidate(id);
        }
      }
    } else if (change.kind === 'employer') {
      // A rename: every held vacancy of the employer shows the new name from now on.
      held.setEmployerNames(await loadEmployerNames(this.ds, change.ids));
    }
  }
}

/** The employers of loaded vacancies with their names as read with them. */
const employersOf = (vs: readonly { employerId: string | null; employerName: string | null }[]) =>
  vs.filter((v) => v.employerId !== null && v.employerName !== null).map((v) => ({ id: v.employerId!, name: v.employerName! }));
