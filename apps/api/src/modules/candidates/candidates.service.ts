import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../common/auth/role';
import { assertVisible, inScope, ownerTenant, sourceOf, tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { validateShape } from '../../common/validation/validate-shape';
import { AuditService } from '../audit/audit.service';
import { ReferenceIndex } from '../reference/reference-index.service';
import { RecordEvents } from '../records/record-events';
import { ImportResult, importDetails, runImport } from '../records/import';
import { mergeUpdate } from '../records/merge-update';
import { checkCandidate, CandidateRow } from './candidate-rules';
import { CandidateEntity } from './candidate.entity';
import { toCandidate, toCandidateInput } from './candidate.mapper';
import { writeCandidates } from './candidate.writer';
import { CandidatesFilter } from './dto/candidate.args';
import { CandidateInput, CandidateUpdateInput } from './dto/candidate.input';
import { Candidate } from './models/candidate.model';

const REQUIRED: (keyof CandidateInput)[] = ['birthDate', 'legalStatus', 'location', 'dutchLevel', 'hoursAvailable', 'maxTravelKm'];
const today = () => new Date().toISOString().slice(0, 10);

/** Candidates: validated, transactional writes; tenant-scoped, audited reads (R20). */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {}

  async create(principal: Principal, input: CandidateInput): Promise<Candidate> {
    const ref = await this.reference.snapshot();
    const { row, problems } = checkCandidate(input, ref, { path: 'input', today: today() });
    if (!row) throw new BadUserInputError(problems);
    const id = await this.ds.transaction(async (tx) => {
      const [saved] = await writeCandidates(tx, [row], this.owner(principal));
      await this.audit.record(principal, { action: saved.inserted ? 'candidate.created' : 'candidate.updated', subjectType: 'candidate', subjectRefs: [saved.pseudonym] }, tx);
      await this.events.persist(tx, { kind: 'candidate', ids: [saved.id], op: 'upserted' });
      return saved.id;
    });
    await this.events.publish({ kind: 'candidate', ids: [id], op: 'upserted' });
    return toCandidate(await this.ds.manager.findOneByOrFail(CandidateEntity, { id }));
  }

  async update(principal: Principal, id: string, update: CandidateUpdateInput): Promise<Candidate> {
    const ref = await this.reference.snapshot();
    const updated = await this.ds.transaction(async (tx) => {
      const existing = assertVisible(principal, await tx.findOne(CandidateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'candidate', id);
      const { merged, problems } = mergeUpdate(toCandidateInput(existing), update as Record<string, unknown>, REQUIRED, 'input');
      if (problems.length) throw new BadUserInputError(problems);
      const shape = validateShape(CandidateInput, merged, 'input');
      if (shape.problems.length) throw new BadUserInputError(shape.problems);
      const checked = checkCandidate(shape.value, ref, { path: 'input', today: today(), id: existing.id, pseudonym: existing.pseudonym });
      if (!checked.row) throw new BadUserInputError(checked.problems);
      const row: CandidateRow = { ...checked.row, monitoring: update.monitoring === undefined ? null : checked.row.monitoring };
      await this.writeExisting(tx, existing, row);
      if (update.monitoring === null) await tx.query('DELETE FROM candidate_monitoring WHERE candidate_id = $1', [id]);
      await this.audit.record(principal, { action: 'candidate.updated', subjectType: 'candidate', subjectRefs: [existing.pseudonym] }, tx);
      await this.events.persist(tx, { kind: 'candidate', ids: [id], op: 'upserted' });
      return toCandidate(await tx.findOneByOrFail(CandidateEntity, { id }));
    });
    await this.events.publish({ kind: 'candidate', ids: [id], op: 'upserted' });
    return updated;
  }

  /**
   * Erasure: the candidate's row, monitoring attributes and household membership go.
   * The audit trail keeps only the pseudonym, which nothing maps back to any more.
   */
  async erase(principal: Principal, id: string): Promise<boolean> {
    await this.ds.transaction(async (tx) => {
      const existing = assertVisible(principal, await tx.findOne(CandidateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), 'candidate', id);
      await tx.query('DELETE FROM candidate WHERE id = $1', [id]); // cascades to monitoring and membership
      await this.audit.record(principal, { action: 'candidate.erased', subjectType: 'candidate', subjectRefs: [existing.pseudonym] }, tx);
      await this.events.persist(tx, { kind: 'candidate', ids: [id], op: 'removed' });
    });
    await this.events.publish({ kind: 'candidate', ids: [id], op: 'removed' });
    return true;
  }

  async import(principal: Principal, inputs: unknown[], atomic: boolean): Promise<ImportResult> {
    const ref = await this.reference.snapshot();
    const day = today();
    const owner = this.owner(principal);
    const result = await runImport(this.ds, {
      inputs,
      inputClass: CandidateInput,
      atomic,
      check: (input, path) => checkCandidate(input, ref, { path, today: day }),
      save: (tx, rows) => writeCandidates(tx, rows, owner),
      after: async (tx, _rows, saved) => {
        // R20: the people written, by the pseudonym each record has (an update keeps its own).
        await this.audit.record(principal, { action: 'candidate.imported', subjectType: 'candidate', subjectRefs: saved.map((s) => s.pseudonym), details: importDetails(saved) }, tx);
        await this.events.persist(tx, { kind: 'candidate', ids: saved.map((s) => s.id), op: 'upserted' });
      },
    });
    await this.events.publish({ kind: 'candidate', ids: result.ids.filter((x): x is string => x !== null), op: 'upserted' });
    return result;
  }

  async get(principal: Principal, id: string): Promise<Candidate | null> {
    const e = await this.ds.manager.findOne(CandidateEntity, { where: { id } });
    if (!e || !inScope(principal, e.tenant)) return null;
    await this.audit.record(principal, { action: 'candidate.read', subjectType: 'candidate', subjectRefs: [e.pseudonym] });
    return toCandidate(e);
  }

  async list(principal: Principal, filter: CandidatesFilter | undefined, skip: number, take: number): Promise<Page<Candidate>> {
    const qb = this.ds.manager.createQueryBuilder(CandidateEntity, 'c');
    const scope = tenantFilter(principal);
    if (scope !== null) qb.andWhere('c.tenant = :scope', { scope });
    if (filter?.municipalityCode) qb.andWhere('c.municipality_code = :m', { m: filter.municipalityCode });
    if (filter?.labourMarketRegionCode) qb.andWhere('c.region_code = :r', { r: filter.labourMarketRegionCode });
    if (filter?.iscoGroup) qb.andWhere('c.isco_groups @> ARRAY[:g]::text[]', { g: filter.iscoGroup });
    if (filter?.legalStatus) qb.andWhere('c.legal_status = :s', { s: filter.legalStatus });
    const total = await qb.getCount();
    const rows = take === 0 ? [] : await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'ASC').offset(skip).limit(take).getMany();
    if (rows.length) {
      await this.audit.record(principal, { action: 'candidate.read', subjectType: 'candidate', subjectRefs: rows.map((r) => r.pseudonym), details: { list: true } });
    }
    return { items: rows.map(toCandidate), total };
  }

  private owner(principal: Principal) {
    return { tenant: ownerTenant(principal), source: sourceOf(principal) };
  }

  /** Writes an update onto an existing row: same id, source and pseudonym. */
  private async writeExisting(tx: EntityManager, existing: CandidateEntity, row: CandidateRow): Promise<void> {
    if (row.externalId && row.externalId !== existing.externalId) {
      const clash = await tx.findOne(CandidateEntity, { where: { source: existing.source, externalId: row.externalId } });
      if (clash) throw BadUserInputError.of('input.externalId', 'unique', `externalId ${row.externalId} is already used by another candidate of this source`);
    }
    await tx.update(CandidateEntity, { id: existing.id }, {
      externalId: row.externalId,
      name: row.name,
      email: row.email,
      phone: row.phone,
      notes: row.notes,
      birthDate: row.birthDate,
      legalStatus: row.legalStatus,
      applicationDate: row.applicationDate,
      permitDate: row.permitDate,
      wDocumentIssued: row.wDocumentIssued,
      wDocumentExpiry: row.wDocumentExpiry,
      livesInReception: row.livesInReception,
      dublinOrReturnDecision: row.dublinOrReturnDecision,
      postcode: row.location.postcode,
      lat: row.location.lat,
      lon: row.location.lon,
      municipalityCode: row.location.municipalityCode,
      regionCode: row.location.regionCode,
      dutchLevel: row.dutchLevel,
      englishLevel: row.englishLevel,
      integrationRoute: row.integrationRoute,
      diplomas: row.diplomas,
      occupations: row.occupations,
      iscoGroups: row.iscoGroups,
      skillIds: row.skillIds,
      hoursAvailable: row.hoursAvailable,
      maxTravelKm: row.maxTravelKm,
      preferences: row.preferences,
      ties: row.ties,
      synthetic: row.synthetic,
    });
    if (row.monitoring) {
      await tx.query(
        `INSERT INTO candidate_monitoring (candidate_id, nationality, country_of_birth, gender) VALUES ($1, $2, $3, $4)
         ON CONFLICT (candidate_id) DO UPDATE SET nationality = EXCLUDED.nationality, country_of_birth = EXCLUDED.country_of_birth, gender = EXCLUDED.gender`,
        [existing.id, row.monitoring.nationality, row.monitoring.countryOfBirth, row.monitoring.gender],
      );
    }
  }
}
