import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { assertVisible, inScope, ownerTenant, sourceOf, tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { validateShape } from '../../common/validation/validate-shape';
import { AuditService } from '../audit/audit.service';
import { upsertEmployers } from '../employers/employers.service';
import { ImportResult, importDetails, runImport } from '../records/import';
import { mergeUpdate } from '../records/merge-update';
import { RecordEvents } from '../records/record-events';
import { ReferenceIndex } from '../reference/reference-index.service';
import { VacancyFilter, VacancyInput, VacancyUpdateInput } from './dto/vacancy.input';
import { Vacancy } from './models/vacancy.model';
import { checkVacancy } from './vacancy-rules';
import { VacancyEntity } from './vacancy.entity';
import { toVacancy, toVacancyInput } from './vacancy.mapper';
import { SavedVacancy, writeVacancies } from './vacancy.writer';

/** The employers a write made or changed inline with its vacancies, for the audit entry (none: nothing). */
const employersWritten = (saved: SavedVacancy[]): { employerIds?: string[] } => {
  const ids = [...new Set(saved.map((s) => s.employerId).filter((e): e is string => e !== null))];
  return ids.length ? { employerIds: ids } : {};
};

const REQUIRED: (keyof VacancyInput)[] = ['title', 'minDutchLevel', 'hoursPerWeek', 'location', 'startDate'];
const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class VacanciesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {}

  async create(principal: Principal, input: VacancyInput): Promise<Vacancy> {
    const ref = await this.reference.snapshot();
    const visible = await this.visibleEmployers(this.ds.manager, principal, [input.employerId]);
    const { row, problems } = checkVacancy(input, ref, { path: 'input', today: today(), employerVisible: (id) => visible.has(id) });
    if (!row) throw new BadUserInputError(problems);
    const id = await this.ds.transaction(async (tx) => {
      const [saved] = await writeVacancies(tx, [row], this.owner(principal));
      await this.audit.record(principal, { action: saved.inserted ? 'vacancy.created' : 'vacancy.updated', subjectType: 'vacancy', subjectRefs: [saved.id], details: employersWritten([saved]) }, tx);
      await this.events.persist(tx, { kind: 'vacancy', ids: [saved.id], op: 'upserted' });
      return saved.id;
    });
    await this.events.publish({ kind: 'vacancy', ids: [id], op: 'upserted' });
    return toVacancy(await this.ds.manager.findOneByOrFail(VacancyEntity, { id }));
  }

  async update(principal: Principal, id: string, update: VacancyUpdateInput): Promise<Vacancy> {
    const ref = await this.reference.snapshot();
    const result = await this.ds.transaction(async (tx) => {
      const existing = assertVisible(principal, await tx.findOne(VacancyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'vacancy', id);
      const base = toVacancyInput(existing);
      // A new employer or occupation replaces the stored one and what followed from it.
      if (update.employer !== undefined) delete base.employerId;
      if (update.occupationId !== undefined && update.iscoCode === undefined) delete base.iscoCode;
      const { merged, problems } = mergeUpdate(base, update as Record<string, unknown>, REQUIRED, 'input');
      if (problems.length) throw new BadUserInputError(problems);
      const shape = validateShape(VacancyInput, merged, 'input');
      if (shape.problems.length) throw new BadUserInputError(shape.problems);
      const visible = await this.visibleEmployers(tx, principal, [shape.value.employerId]);
      const checked = checkVacancy(shape.value, ref, { path: 'input', today: today(), id, employerVisible: (e) => visible.has(e) });
      if (!checked.row) throw new BadUserInputError(checked.problems);
      if (checked.row.externalId && checked.row.externalId !== existing.externalId) {
        const clash = await tx.findOne(VacancyEntity, { where: { source: existing.source, externalId: checked.row.externalId } });
        if (clash) throw BadUserInputError.of('input.externalId', 'unique', `externalId ${checked.row.externalId} is already used by another vacancy of this source`);
      }
      const row = checked.row;
      const [employerId] = row.employer ? await upsertEmployers(tx, [row.employer], { tenant: existing.tenant, source: existing.source }) : [row.employerId!];
      const inline = row.employer ? { employerIds: [employerId] } : {};
      await tx.update(VacancyEntity, { id }, {
        externalId: row.externalId,
        employerId,
        title: row.title,
        description: row.description,
        occupationId: row.occupationId,
        iscoCode: row.iscoCode,
        essentialSkillIds: row.essentialSkillIds,
        optionalSkillIds: row.optionalSkillIds,
        minDutchLevel: row.minDutchLevel,
        englishSuffices: row.englishSuffices,
        minEnglishLevel: row.minEnglishLevel,
        diplomaLevel: row.diplomaLevel,
        regulatedProfession: row.regulatedProfession,
        hoursPerWeek: row.hoursPerWeek,
        contractMonths: row.contractMonths,
        monthlyWage: row.monthlyWage,
        postcode: row.location.postcode,
        lat: row.location.lat,
        lon: row.location.lon,
        municipalityCode: row.location.municipalityCode,
        regionCode: row.location.regionCode,
        startDate: row.startDate,
        languageCoaching: row.languageCoaching,
        jobCoach: row.jobCoach,
        workPermitWillingness: row.workPermitWillingness,
        sector: row.sector,
        synthetic: row.synthetic,
      });
      await this.audit.record(principal, { action: 'vacancy.updated', subjectType: 'vacancy', subjectRefs: [id], details: inline }, tx);
      await this.events.persist(tx, { kind: 'vacancy', ids: [id], op: existing.status === 'OPEN' ? 'upserted' : 'removed' });
      return tx.findOneByOrFail(VacancyEntity, { id });
    });
    await this.events.publish({ kind: 'vacancy', ids: [id], op: result.status === 'OPEN' ? 'upserted' : 'removed' });
    return toVacancy(result);
  }

  async close(principal: Principal, id: string): Promise<Vacancy> {
    const result = await this.ds.transaction(async (tx) => {
      const existing = assertVisible(principal, await tx.findOne(VacancyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'vacancy', id);
      if (existing.status !== 'CLOSED') {
        await tx.update(VacancyEntity, { id }, { status: 'CLOSED', closedAt: new Date() });
        await this.audit.record(principal, { action: 'vacancy.closed', subjectType: 'vacancy', subjectRefs: [id] }, tx);
        await this.events.persist(tx, { kind: 'vacancy', ids: [id], op: 'removed' });
      }
      return tx.findOneByOrFail(VacancyEntity, { id });
    });
    await this.events.publish({ kind: 'vacancy', ids: [id], op: 'removed' });
    return toVacancy(result);
  }

  async import(principal: Principal, inputs: unknown[], atomic: boolean): Promise<ImportResult> {
    const ref = await this.reference.snapshot();
    const day = today();
    const owner = this.owner(principal);
    const employerIds = inputs.map((i) => (i && typeof i === 'object' ? (i as { employerId?: unknown }).employerId : undefined));
    const visible = await this.visibleEmployers(this.ds.manager, principal, employerIds);
    const result = await runImport(this.ds, {
      inputs,
      inputClass: VacancyInput,
      atomic,
      check: (input, path) => checkVacancy(input, ref, { path, today: day, employerVisible: (id) => visible.has(id) }),
      save: (tx, rows) => writeVacancies(tx, rows, owner),
      after: async (tx, _rows, saved) => {
        // Which records the import wrote: the vacancies, and the employers written inline with them.
        await this.audit.record(principal, { action: 'vacancy.imported', subjectType: 'vacancy', subjectRefs: saved.map((s) => s.id), details: { ...importDetails(saved), ...employersWritten(saved) } }, tx);
        await this.events.persist(tx, { kind: 'vacancy', ids: saved.map((s) => s.id), op: 'upserted' });
      },
    });
    await this.events.publish({ kind: 'vacancy', ids: result.ids.filter((x): x is string => x !== null), op: 'upserted' });
    return result;
  }

  async get(principal: Principal, id: string): Promise<Vacancy | null> {
    const e = await this.ds.manager.findOne(VacancyEntity, { where: { id } });
    if (!e || !inScope(principal, e.tenant)) return null;
    return toVacancy(e);
  }

  async list(principal: Principal, filter: VacancyFilter | undefined, skip: number, take: number): Promise<Page<Vacancy>> {
    const qb = this.ds.manager.createQueryBuilder(VacancyEntity, 'v');
    const scope = tenantFilter(principal);
    if (scope !== null) qb.andWhere('v.tenant = :scope', { scope });
    if (filter?.openOnly) qb.andWhere(`v.status = 'OPEN'`);
    if (filter?.status) qb.andWhere('v.status = :status', { status: filter.status });
    if (filter?.municipalityCode) qb.andWhere('v.municipality_code = :m', { m: filter.municipalityCode });
    if (filter?.labourMarketRegionCode) qb.andWhere('v.region_code = :r', { r: filter.labourMarketRegionCode });
    if (filter?.iscoGroup) qb.andWhere('v.isco_code LIKE :g', { g: `${filter.iscoGroup}%` });
    if (filter?.occupationId) qb.andWhere('v.occupation_id = :o', { o: filter.occupationId });
    if (filter?.employerId) qb.andWhere('v.employer_id = :e', { e: filter.employerId });
    const total = await qb.getCount();
    const rows = take === 0 ? [] : await qb.orderBy('v.created_at', 'DESC').addOrderBy('v.id', 'ASC').offset(skip).limit(take).getMany();
    return { items: rows.map(toVacancy), total };
  }

  private owner(principal: Principal) {
    return { tenant: ownerTenant(principal), source: sourceOf(principal) };
  }

  /** The employer ids among `ids` that exist and that this caller may use. */
  private async visibleEmployers(manager: EntityManager, principal: Principal, ids: unknown[]): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x)))];
    if (wanted.length === 0) return new Set();
    const rows: { id: string; tenant: string | null }[] = await manager.query('SELECT id, tenant FROM employer WHERE id = ANY($1::uuid[])', [wanted]);
    return new Set(rows.filter((r) => inScope(principal, r.tenant)).map((r) => r.id));
  }
}
