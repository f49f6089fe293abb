import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { DataSource } from 'typeorm';
import { compileOutcomeModel, OutcomeInputError, type CompiledOutcomeModel } from '@kansrijk/outcome';
import { Principal } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';
import { AuditService } from '../audit/audit.service';
import { RecordEvents } from '../records/record-events';

/** The model in use and where it came from. */
export interface LoadedOutcomeModel {
  model: CompiledOutcomeModel;
  source: 'file' | 'admin';
  loadedAt: Date;
}

/**
 * The outcome model this process uses, or none. At boot: the file in OUTCOME_MODEL_PATH, else
 * the model an admin loaded last (kept in `outcome_model`). `load` and `unload` (ADMIN, audited,
 * one transaction) change it here at once and in every other process through the change feed.
 * Without a model, nothing that could use one changes.
 */
@Injectable()
export class OutcomeModelService implements OnApplicationBootstrap {
  private readonly logger = new Logger('OutcomeModel');
  private loaded: LoadedOutcomeModel | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly env: Environment,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {
    events.onChange(async (c) => {
      if (c.kind !== 'outcome-model') return;
      if (c.op === 'removed') this.loaded = null;
      else await this.fromDatabase();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const path = this.env.OUTCOME_MODEL_PATH;
    if (path) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        throw new Error(`OUTCOME_MODEL_PATH=${JSON.stringify(path)}: cannot read the file (${(err as Error).message})`);
      }
      try {
        this.loaded = { model: compileOutcomeModel(text), source: 'file', loadedAt: new Date() };
      } catch (err) {
        throw new Error(`OUTCOME_MODEL_PATH=${JSON.stringify(path)}: not a usable outcome model: ${(err as Error).message}`);
      }
      this.logger.log(`outcome model ${this.loaded.model.version} loaded from ${path}${this.loaded.model.file.training.synthetic ? ' (fitted on SYNTHETIC data)' : ''}`);
      return;
    }
    await this.fromDatabase();
    if (this.loaded) this.logger.log(`outcome model ${this.loaded.model.version} (loaded by an admin)`);
  }

  /** The model in use, or null (then no answer uses one). */
  current(): LoadedOutcomeModel | null {
    return this.loaded;
  }

  /** Checks the model file's JSON and makes it the model of every process (ADMIN; audited with the change). */
  async load(principal: Principal, json: string): Promise<LoadedOutcomeModel> {
    let model: CompiledOutcomeModel;
    try {
      model = compileOutcomeModel(json);
    } catch (err) {
      if (err instanceof OutcomeInputError) throw BadUserInputError.of(`input.${err.field}`, err.rule, err.message);
      throw err;
    }
    const change = { kind: 'outcome-model' as const, ids: [], op: 'upserted' as const };
    const id = randomUUID();
    await this.ds.transaction(async (tx) => {
      await tx.query('UPDATE outcome_model SET active = false, unloaded_at = now() WHERE active');
      await tx.query('INSERT INTO outcome_model (id, version, model, active, loaded_by) VALUES ($1, $2, $3, true, $4)', [id, model.version, JSON.stringify(model.file), principal.keyId]);
      const t = model.file.training;
      await this.audit.record(
        principal,
        { action: 'outcome-model.loaded', subjectType: 'outcome-model', subjectRefs: [model.version], details: { version: model.version, rows: t.rows, synthetic: t.synthetic, dataHash: t.dataHash } },
        tx,
      );
      await this.events.persist(tx, change);
    });
    this.loaded = { model, source: 'admin', loadedAt: new Date() };
    await this.events.publish(change);
    return this.loaded;
  }

  /** Stops using any model, in every process (ADMIN; audited). True when one was in use here. */
  async unload(principal: Principal): Promise<boolean> {
    const was = this.loaded;
    const change = { kind: 'outcome-model' as const, ids: [], op: 'removed' as const };
    await this.ds.transaction(async (tx) => {
      await tx.query('UPDATE outcome_model SET active = false, unloaded_at = now() WHERE active');
      await this.audit.record(principal, { action: 'outcome-model.unloaded', subjectType: 'outcome-model', subjectRefs: was ? [was.model.version] : [], details: { version: was?.model.version ?? null } }, tx);
      await this.events.persist(tx, change);
    });
    this.loaded = null;
    await this.events.publish(change);
    return was !== null;
  }

  /** The active model of the table (at boot, or after another process loaded one). */
  private async fromDatabase(): Promise<void> {
    const [row]: { model: Record<string, unknown>; loadedAt: Date }[] = await this.ds.query('SELECT model, loaded_at AS "loadedAt" FROM outcome_model WHERE active ORDER BY loaded_at DESC LIMIT 1');
    if (!row) return;
    if (this.loaded?.source === 'admin' && this.loaded.model.version === (row.model as { version?: string }).version) return;
    try {
      this.loaded = { model: compileOutcomeModel(row.model as never), source: 'admin', loadedAt: row.loadedAt };
    } catch (err) {
      this.logger.error(`the stored outcome model cannot be used: ${(err as Error).message}`);
      this.loaded = null;
    }
  }
}
