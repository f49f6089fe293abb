import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, In } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { inScope, ownerTenant, sourceOf, tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError, FieldProblem } from '../../common/errors/domain-errors';
import { alignByKey, BatchLoad, groupByKey } from '../../common/dataloader/request-loaders';
import { Page } from '../../common/pagination';
import { AuditService } from '../audit/audit.service';
import { CandidateEntity } from '../candidates/candidate.entity';
import { toCandidate } from '../candidates/candidate.mapper';
import { Candidate } from '../candidates/models/candidate.model';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { HouseholdInput } from './dto/household.input';
import { HouseholdQueueFilter } from './dto/household-queue.args';
import { Household } from './models/household.model';

export const toHousehold = (h: HouseholdEntity): Household => ({
  id: h.id,
  externalId: h.externalId,
  size: h.size,
  arrivalDate: h.arrivalDate,
  synthetic: h.synthetic,
  createdAt: h.createdAt,
  tenant: h.tenant,
});

/** DataLoader batches: a candidate's household, a household's members. */
export const householdBatches = {
  ofCandidate: (async (candidateIds, ds) => {
    const rows: (HouseholdEntity & { candidate_id: string })[] = await ds
      .createQueryBuilder(HouseholdEntity, 'h')
      .innerJoin(HouseholdMemberEntity, 'm', 'm.household_id = h.id')
      .addSelect('m.candidate_id', 'candidate_id')
      .where('m.candidate_id IN (:...ids)', { ids: candidateIds })
      .getRawAndEntities()
      .then(({ raw, entities }) => entities.map((e) => ({ ...e, candidate_id: (raw as { h_id: string; candidate_id: string }[]).find((r) => r.h_id === e.id)!.candidate_id })));
    return alignByKey(candidateIds, rows, (r) => r.candidate_id).map((r) => (r ? toHousehold(r) : null));
  }) as BatchLoad<string, Household>,
  members: (async (householdIds, ds) => {
    const rows = await ds
      .createQueryBuilder(CandidateEntity, 'c')
      .innerJoin(HouseholdMemberEntity, 'm', 'm.candidate_id = c.id')
      .addSelect('m.household_id', 'household_id')
      .where('m.household_id IN (:...ids)', { ids: householdIds })
      .orderBy('c.birth_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawAndEntities();
    const householdOf = new Map((rows.raw as { c_id: string; household_id: string }[]).map((r) => [r.c_id, r.household_id]));
    return groupByKey(householdIds, rows.entities, (c) => householdOf.get(c.id)!).map((list) => list.map(toCandidate));
  }) as BatchLoad<string, Candidate[]>,
};

/** How a tenant is named in a message to an admin (the only caller who can meet two). */
const owner = (tenant: string | null) => (tenant === null ? 'no tenant' : `tenant ${tenant}`);

@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: HouseholdInput): Promise<Household> {
    return this.ds.transaction(async (tx) => {
      const members = await tx.find(CandidateEntity, { where: { id: In(input.memberIds) }, lock: { mode: 'pessimistic_write' } });
      const visible = new Map(members.filter((m) => inScope(principal, m.tenant)).map((m) => [m.id, m]));
      const problems: FieldProblem[] = [];
      input.memberIds.forEach((id, i) => {
        if (!visible.has(id)) problems.push({ field: `input.memberIds[${i}]`, rule: 'exists', message: `candidate ${id} not found` });
      });
      // R16 and R20: a household is one tenant's (or no tenant's) people, also when an admin
      // makes it, and belongs to that tenant; so whoever may see a member may see the
      // household and all its members, and nobody else any of them.
      const tenant = visible.get(input.memberIds[0])?.tenant ?? ownerTenant(principal);
      input.memberIds.forEach((id, i) => {
        const m = visible.get(id);
        if (i > 0 && m && visible.has(input.memberIds[0]) && m.tenant !== tenant) {
          problems.push({ field: `input.memberIds[${i}]`, rule: 'oneTenant', message: `candidate ${id} belongs to ${owner(m.tenant)}, memberIds[0] to ${owner(tenant)}: all members of a household belong to one tenant` });
        }
      });
      // Only members the caller may see: whether another tenant's candidate is housed is not theirs to learn.
      const taken: { candidate_id: string }[] = await tx.query('SELECT candidate_id FROM household_member WHERE candidate_id = ANY($1)', [[...visible.keys()]]);
      for (const t of taken) {
        problems.push({ field: `input.memberIds[${input.memberIds.indexOf(t.candidate_id)}]`, rule: 'oneHousehold', message: `candidate ${t.candidate_id} already belongs to a household` });
      }
      const size = input.size ?? input.memberIds.length;
      if (size < input.memberIds.length) problems.push({ field: 'input.size', rule: 'atLeastMembers', message: `size ${size} is less than the ${input.memberIds.length} members` });
      if (input.externalId) {
        const clash = await tx.findOne(HouseholdEntity, { where: { source: sourceOf(principal), externalId: input.externalId } });
        if (clash) problems.push({ field: 'input.externalId', rule: 'unique', message: `externalId ${input.externalId} is already used by another household of your source` });
      }
      if (problems.length) throw new BadUserInputError(problems);
      const household = tx.create(HouseholdEntity, {
        id: randomUUID(),
        tenant,
        source: sourceOf(principal),
        externalId: input.externalId ?? null,
        size,
        arrivalDate: input.arrivalDate ?? null,
        synthetic: input.synthetic ?? false,
      });
      await tx.save(household);
      await tx.insert(HouseholdMemberEntity, input.memberIds.map((candidateId) => ({ householdId: household.id, candidateId })));
      await this.audit.record(principal, { action: 'household.created', subjectType: 'household', subjectRefs: [household.id, ...[...visible.values()].map((m) => m.pseudonym)] }, tx);
      return toHousehold(household);
    });
  }

  async get(principal: Principal, id: string): Promise<Household | null> {
    const h = await this.ds.manager.findOne(HouseholdEntity, { where: { id } });
    if (!h || !inScope(principal, h.tenant)) return null;
    await this.audit.record(principal, { action: 'household.read', subjectType: 'household', subjectRefs: [h.id] });
    return toHousehold(h);
  }

  async list(principal: Principal, skip: number, take: number): Promise<Page<Household>> {
    const qb = this.ds.manager.createQueryBuilder(HouseholdEntity, 'h');
    const scope = tenantFilter(principal);
    if (scope !== null) qb.where('h.tenant = :scope', { scope });
    const total = await qb.getCount();
    const rows = take === 0 ? [] : await qb.orderBy('h.created_at', 'DESC').addOrderBy('h.id', 'ASC').offset(skip).limit(take).getMany();
    return { items: rows.map(toHousehold), total };
  }

  /**
   * The linking queue (domain §1): households with a status holder and no link decision in
   * force, the earliest permit first (its two-week window ends first), then by id.
   */
  async queue(principal: Principal, filter: HouseholdQueueFilter | undefined, skip: number, take: number): Promise<Page<Household>> {
    const params: unknown[] = [];
    const where = [
      `c.legal_status = 'STATUS_HOLDER'`,
      'c.permit_date IS NOT NULL',
      'NOT EXISTS (SELECT 1 FROM link_decision d WHERE d.household_id = h.id AND d.superseded_at IS NULL)',
    ];
    const scope = tenantFilter(principal);
    if (scope !== null) where.push(`h.tenant = $${params.push(scope)}`);
    const member = (condition: string) =>
      `EXISTS (SELECT 1 FROM household_member mm JOIN candidate cc ON cc.id = mm.candidate_id WHERE mm.household_id = h.id AND ${condition})`;
    if (filter?.labourMarketRegionCode) where.push(member(`cc.region_code = $${params.push(filter.labourMarketRegionCode)}`));
    if (filter?.search) {
      const like = `$${params.push(`${filter.search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`;
      where.push(`(lower(h.external_id) LIKE ${like} OR ${member(`(lower(cc.pseudonym) LIKE ${like} OR lower(cc.external_id) LIKE ${like})`)})`);
    }
    const queued = `SELECT h.id, min(c.permit_date) AS permit_date
                      FROM household h
                      JOIN household_member m ON m.household_id = h.id
                      JOIN candidate c ON c.id = m.candidate_id
                     WHERE ${where.join(' AND ')}
                     GROUP BY h.id`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM (${queued}) q`, params);
    if (take === 0 || total === 0) return { items: [], total };
    const ids: { id: string }[] = await this.ds.query(`SELECT id FROM (${queued}) q ORDER BY permit_date, id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, skip, take]);
    const rows = await this.ds.manager.find(HouseholdEntity, { where: { id: In(ids.map((r) => r.id)) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.map((r) => toHousehold(byId.get(r.id)!)), total };
  }
}
