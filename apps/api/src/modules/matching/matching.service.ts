import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingIndex } from '@kansrijk/matching';
import { DEFAULT_POLICY, type InMemoryOccupationCatalogue, type JobMatchContext, type Policy } from '@kansrijk/scoring';
import { LabourDemandService } from '../labour-demand/labour-demand.service';
import { RecordChange, RecordEvents } from '../records/record-events';
import { loadCandidateProfiles, loadOccupationCatalogue, loadVacancyProfiles } from './profile-loader';

export const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Holds the matching index (libs/matching) for this process: built at boot from the
 * database (open vacancies, all candidates, the ESCO catalogue, labour demand) and kept
 * current on every create, update, close and delete, here and, through the change feed,
 * in every other process on the database.
 */
@Injectable()
export class MatchingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Matching');
  private index?: MatchingIndex;
  private catalogue?: InMemoryOccupationCatalogue;
  private readonly tenantOf = new Map<string, string | null>();
  private building?: Promise<void>;
  /** Changes that arrive while the index is being built, applied right after. */
  private queued: RecordChange[] = [];
  private applying: Promise<void> = Promise.resolve();
  private refresher?: NodeJS.Timeout;

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
    this.index.setContext(await this.context(DEFAULT_POLICY, today()));
  }

  /** Resolves once the index is built. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  /** The index, built. */
  async matchingIndex(): Promise<MatchingIndex> {
    await this.ready();
    await this.applying;
    return this.index!;
  }

  /** The scoring context of a call: policy, day, ESCO catalogue and current labour demand. */
  async context(policy: Policy, onDate: string): Promise<JobMatchContext> {
    await this.ready();
    return { policy, onDate, catalogue: this.catalogue!, labourDemand: await this.labourDemand.demand() };
  }

  /** The ids of the held candidates of one platform tenant. */
  candidatesOfTenant(tenant: string): string[] {
    const out: string[] = [];
    for (const [id, t] of this.tenantOf) if (t === tenant) out.push(id);
    return out;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const [catalogue, vacancies, candidates] = await Promise.all([loadOccupationCatalogue(this.ds), loadVacancyProfiles(this.ds), loadCandidateProfiles(this.ds)]);
    this.catalogue = catalogue;
    const index = new MatchingIndex({ context: { policy: DEFAULT_POLICY, onDate: today(), catalogue, labourDemand: await this.labourDemand.demand() } });
    index.build({ vacancies: vacancies.open, candidates: candidates.map((c) => c.profile) });
    for (const c of candidates) this.tenantOf.set(c.profile.id, c.tenant);
    this.index = index;
    this.logger.log(`index built in ${Math.round(performance.now() - started)} ms: ${vacancies.open.length} open vacancies, ${candidates.length} candidates`);
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
    if (change.kind === 'vacancy') {
      if (change.op === 'removed') {
        change.ids.forEach((id) => index.removeVacancy(id));
        return;
      }
      for (let i = 0; i < change.ids.length; i += 5000) {
        const { open, closed } = await loadVacancyProfiles(this.ds, change.ids.slice(i, i + 5000));
        open.forEach((v) => index.upsertVacancy(v));
        closed.forEach((v) => index.removeVacancy(v.id));
      }
    } else if (change.kind === 'candidate') {
      if (change.op === 'removed') {
        change.ids.forEach((id) => {
          index.removeCandidate(id);
          this.tenantOf.delete(id);
        });
        return;
      }
      for (let i = 0; i < change.ids.length; i += 5000) {
        const ids = change.ids.slice(i, i + 5000);
        const found = await loadCandidateProfiles(this.ds, ids);
        for (const c of found) {
          index.upsertCandidate(c.profile);
          this.tenantOf.set(c.profile.id, c.tenant);
        }
        const present = new Set(found.map((c) => c.profile.id));
        ids.filter((id) => !present.has(id)).forEach((id) => index.removeCandidate(id));
      }
    }
  }
}
