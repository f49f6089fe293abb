import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { ownerTenant, sourceOf } from '../../common/auth/tenancy';
import { alignByKey, BatchLoad } from '../../common/dataloader/request-loaders';
import { bulkUpsert } from '../../database/bulk-upsert';
import { AuditService } from '../audit/audit.service';
import { RecordEvents } from '../records/record-events';
import { EmployerInput } from './dto/employer.input';
import { EmployerEntity } from './employer.entity';
import { Employer } from './models/employer.model';

export const toEmployer = (e: EmployerEntity): Employer => ({
  id: e.id,
  externalId: e.externalId,
  name: e.name,
  kvkNumber: e.kvkNumber,
  sector: e.sector,
  synthetic: e.synthetic,
  createdAt: e.createdAt,
  tenant: e.tenant,
});

export const employerBatch: BatchLoad<string, Employer> = async (ids, ds) =>
  alignByKey(ids, (await ds.getRepository(EmployerEntity).createQueryBuilder('e').where('e.id IN (:...ids)', { ids }).getMany()).map(toEmployer), (e) => e.id);

/**
 * Upserts employers on (source, externalId); one without an externalId is always new.
 * Returns the ids in input order.
 */
export async function upsertEmployers(tx: EntityManager, inputs: EmployerInput[], owner: { tenant: string | null; source: string }): Promise<string[]> {
  if (inputs.length === 0) return [];
  const ids = inputs.map(() => randomUUID());
  const rows = await bulkUpsert<{ id: string; external_id: string | null }>(tx, {
    table: 'employer',
    conflict: ['source', 'external_id'],
    keepOnConflict: ['id', 'created_at'],
    returning: 'id, external_id',
    columns: [
      { name: 'id', type: 'uuid', values: ids },
      { name: 'tenant', type: 'text', values: [owner.tenant], same: true },
      { name: 'source', type: 'text', values: [owner.source], same: true },
      { name: 'external_id', type: 'text', values: inputs.map((i) => i.externalId ?? null) },
      { name: 'name', type: 'text', values: inputs.map((i) => i.name) },
      { name: 'kvk_number', type: 'text', values: inputs.map((i) => i.kvkNumber ?? null) },
      { name: 'sector', type: 'text', values: inputs.map((i) => i.sector ?? null) },
      { name: 'synthetic', type: 'bool', values: inputs.map((i) => i.synthetic ?? false) },
      { name: 'updated_at', type: 'timestamptz', values: [new Date()], same: true },
    ],
  });
  const byExternal = new Map(rows.filter((r) => r.external_id).map((r) => [r.external_id!, r.id]));
  return inputs.map((i, k) => (i.externalId ? byExternal.get(i.externalId)! : ids[k]));
}

@Injectable()
export class EmployersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {}

  async create(principal: Principal, input: EmployerInput): Promise<Employer> {
    const id = await this.ds.transaction(async (tx) => {
      const [employerId] = await upsertEmployers(tx, [input], { tenant: ownerTenant(principal), source: sourceOf(principal) });
      await this.audit.record(principal, { action: 'employer.saved', subjectType: 'employer', subjectRefs: [employerId] }, tx);
      // An upsert on an existing externalId renames: suggestions show employer names from memory.
      await this.events.persist(tx, { kind: 'employer', ids: [employerId], op: 'upserted' });
      return employerId;
    });
    await this.events.publish({ kind: 'employer', ids: [id], op: 'upserted' });
    return toEmployer(await this.ds.manager.findOneByOrFail(EmployerEntity, { id }));
  }
}
