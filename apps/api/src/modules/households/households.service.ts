import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { assertVisible, inScope, ownerTenant, sourceOf, tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError, FieldProblem } from '../../common/errors/domain-errors';
import { alignByKey, BatchLoad, groupByKey } from '../../common/dataloader/request-loaders';
import { Page } from '../../common/pagination';
import { AuditService } from '../audit/audit.service';
import { CandidateEntity } from '../candidates/candidate.entity';
import { toCandidate } from '../candidates/candidate.mapper';
import { Candidate } from '../candidates/models/candidate.model';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { HouseholdInput, HouseholdUpdateInput } from './dto/household.input';
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
      const { visible, tenant, problems } = await this.checkMembers(tx, principal, input.memberIds, null);
      const size = input.size ?? input.memberIds.length;
      if (size < input.memberIds.length) problems.push({ field: 'input.size', rule: 'atLeastMembers', message: `size ${size} is less than the ${input.memberIds.length} members` });
      if (input.externalId) problems.push(...(await this.checkExternalId(tx, principal, input.externalId, null)));
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

  /**
   * R16: a household changes (a member joins or leaves, a child is born). The same rules as at
   * creation (members the caller may see, of the household's tenant, in no other household; size
   * at least the members; externalId unique in the source), all checked before anything is
   * written. A link decision already recorded keeps the persons it counted (R11, R19).
   */
  async update(principal: Principal, id: string, input: HouseholdUpdateInput): Promise<Household> {
    return this.ds.transaction(async (tx) => {
      const existing = assertVisible(principal, await tx.findOne(HouseholdEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'household', id);
      const current: { candidate_id: string; pseudonym: string }[] = await tx.query(
        'SELECT m.candidate_id, c.pseudonym FROM household_member m JOIN candidate c ON c.id = m.candidate_id WHERE m.household_id = $1 FOR UPDATE OF m',
        [id],
      );
      const before = new Map(current.map((r) => [r.candidate_id, r.pseudonym]));
      const problems: FieldProblem[] = [];
      let memberIds = [...before.keys()];
      let added: string[] = [];
      let removed: string[] = [];
      let visible = new Map<string, CandidateEntity>();
      if (input.memberIds) {
        const checked = await this.checkMembers(tx, principal, input.memberIds, existing);
        problems.push(...checked.problems);
        visible = checked.visible;
        memberIds = input.memberIds;
        added = memberIds.filter((m) => !before.has(m));
        removed = [...before.keys()].filter((m) => !memberIds.includes(m));
      }
      const size = input.size ?? existing.size + added.length - removed.length;
      if (size < memberIds.length) problems.push({ field: 'input.size', rule: 'atLeastMembers', message: `size ${size} is less than the ${memberIds.length} members` });
      else if (size < 1 || size > 20) problems.push({ field: 'input.size', rule: 'range', message: `size ${size} (${existing.size} with ${added.length} member(s) added and ${removed.length} removed) must be 1 to 20` });
      if (input.externalId) problems.push(...(await this.checkExternalId(tx, principal, input.externalId, existing)));
      if (problems.length) throw new BadUserInputError(problems);
      const changes: Partial<HouseholdEntity> = { size };
      if (input.externalId !== undefined) changes.externalId = input.externalId;
      if (input.arrivalDate !== undefined) changes.arrivalDate = input.arrivalDate;
      if (input.synthetic !== undefined && input.synthetic !== null) changes.synthetic = input.synthetic;
      await tx.update(HouseholdEntity, { id }, changes);
      if (removed.length) await tx.query('DELETE FROM household_member WHERE household_id = $1 AND candidate_id = ANY($2::uuid[])', [id, removed]);
      if (added.length) await tx.insert(HouseholdMemberEntity, added.map((candidateId) => ({ householdId: id, candidateId })));
      const pseudonymOf = (m: string) => before.get(m) ?? visible.get(m)!.pseudonym;
      await this.audit.record(
        principal,
        {
          action: 'household.updated',
          subjectType: 'household',
          subjectRefs: [id, ...new Set([...memberIds, ...removed].map(pseudonymOf))],
          details: {
            fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined),
            added: added.map(pseudonymOf),
            removed: removed.map(pseudonymOf),
            size: { from: existing.size, to: size },
          },
        },
        tx,
      );
      return toHousehold(await tx.findOneByOrFail(HouseholdEntity, { id }));
    });
  }

  /**
   * Erases a household: its row and its memberships (the members' own candidate records stay:
   * erase a person with deleteCandidate). The audit trail keeps the household id and the
   * members' pseudonyms only. A household with a link decision is refused: R19 keeps decisions,
   * and the places a decision takes count against the municipality's task (R11).
   */
  async erase(principal: Principal, id: string): Promise<boolean> {
    await this.ds.transaction(async (tx) => {
      assertVisible(principal, await tx.findOne(HouseholdEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'household', id);
      const [decided] = await tx.query('SELECT count(*)::int AS n FROM link_decision WHERE household_id = $1', [id]);
      if (decided.n > 0) {
        throw BadUserInputError.of(
          'id',
          'noLinkDecision',
          `household ${id} has ${decided.n} link decision(s): decisions are kept (R19) and count against the municipality's task (R11), so the household cannot be deleted`,
        );
      }
      const members: { pseudonym: string }[] = await tx.query('SELECT c.pseudonym FROM household_member m JOIN candidate c ON c.id = m.candidate_id WHERE m.household_id = $1', [id]);
      await tx.query('DELETE FROM household WHERE id = $1', [id]); // cascades to the memberships
      await this.audit.record(principal, { action: 'household.erased', subjectType: 'household', subjectRefs: [id, ...members.map((m) => m.pseudonym)] }, tx);
    });
    return true;
  }

  /**
   * The member rules of R16 and R20 for a new member list: every member exists and is visible to
   * the caller, all belong to one tenant (that of `household` when it exists, else the first
   * member's), and none belongs to another household.
   */
  private async checkMembers(tx: EntityManager, principal: Principal, memberIds: string[], household: HouseholdEntity | null) {
    const members = await tx.find(CandidateEntity, { where: { id: In(memberIds) }, lock: { mode: 'pessimistic_write' } });
    const visible = new Map(members.filter((m) => inScope(principal, m.tenant)).map((m) => [m.id, m]));
    const problems: FieldProblem[] = [];
    memberIds.forEach((id, i) => {
      if (!visible.has(id)) problems.push({ field: `input.memberIds[${i}]`, rule: 'exists', message: `candidate ${id} not found` });
    });
    // R16 and R20: a household is one tenant's (or no tenant's) people, also when an admin
    // makes it, and belongs to that tenant; so whoever may see a member may see the
    // household and all its members, and nobody else any of them.
    const tenant = household ? household.tenant : (visible.get(memberIds[0])?.tenant ?? ownerTenant(principal));
    const against = household ? 'the household' : 'memberIds[0]';
    memberIds.forEach((id, i) => {
      const m = visible.get(id);
      if ((household || (i > 0 && visible.has(memberIds[0]))) && m && m.tenant !== tenant) {
        problems.push({ field: `input.memberIds[${i}]`, rule: 'oneTenant', message: `candidate ${id} belongs to ${owner(m.tenant)}, ${against} to ${owner(tenant)}: all members of a household belong to one tenant` });
      }
    });
    // Only members the caller may see: whether another tenant's candidate is housed is not theirs to learn.
    const taken: { candidate_id: string }[] = await tx.query('SELECT candidate_id FROM household_member WHERE candidate_id = ANY($1) AND household_id IS DISTINCT FROM $2', [[...visible.keys()], household?.id ?? null]);
    for (const t of taken) {
      problems.push({ field: `input.memberIds[${memberIds.indexOf(t.candidate_id)}]`, rule: 'oneHousehold', message: `candidate ${t.candidate_id} already belongs to a household` });
    }
    return { visible, tenant, problems };
  }

  private async checkExternalId(tx: EntityManager, principal: Principal, externalId: string, household: HouseholdEntity | null): Promise<FieldProblem[]> {
    const source = household ? household.source : sourceOf(principal);
    const clash = await tx.findOne(HouseholdEntity, { where: { source, externalId } });
    return clash && clash.id !== household?.id ? [{ field: 'input.externalId', rule: 'unique', message: `externalId ${externalId} is already used by another household of ${household ? 'its' : 'your'} source` }] : [];
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
