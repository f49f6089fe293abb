import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { hardTiePoints, satisfiesHardTies } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { inScope } from '../../common/auth/tenancy';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { loadCandidateProfiles } from '../matching/profile-loader';
import { RecordEvents } from '../records/record-events';
import { ReferenceIndex } from '../reference/reference-index.service';
import { PolicyService } from '../suggestions/policy.service';
import { CapacityService } from './capacity.service';
import { LinkDecisionEntity } from './link-decision.entity';
import { LinkDecision, LinkDecisionInput } from './models/link-decision.model';

export const toLinkDecision = (e: LinkDecisionEntity, decidedBy: string | null): LinkDecision => ({
  id: e.id,
  householdId: e.householdId,
  municipalityCode: e.municipalityCode,
  period: e.period,
  persons: e.persons,
  reason: e.reason,
  suggestionId: e.suggestionId,
  topSuggestion: e.topSuggestion,
  followedTopSuggestion: e.followedTopSuggestion,
  decidedAt: e.decidedAt,
  decidedBy,
  supersededAt: e.supersededAt,
});

/**
 * Link decisions (issue 6 item 5): the adviser decides, the engine checks the hard rules
 * and keeps the trail. A decision must honour every hard tie (R12) and fit the remaining
 * housing task of the period (R11), checked under a per-municipality lock so two advisers
 * cannot take the last place twice; the persons it links are no longer offered. A new
 * decision for the same household supersedes the previous one and frees its places.
 */
@Injectable()
export class LinkingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly capacity: CapacityService,
    private readonly policies: PolicyService,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
    private readonly events: RecordEvents,
  ) {}

  async record(principal: Principal, input: LinkDecisionInput): Promise<LinkDecision> {
    const ref = await this.reference.snapshot();
    const municipality = ref.municipalities.get(input.municipalityCode);
    if (!municipality) throw BadUserInputError.of('input.municipalityCode', 'exists', `${input.municipalityCode} is not a municipality`);
    const period = input.period ?? periodOf(new Date());
    const policy = this.policies.base;
    const decision = await this.ds.transaction(async (tx) => {
      const [h] = await tx.query('SELECT id, tenant, size FROM household WHERE id = $1 FOR UPDATE', [input.householdId]);
      if (!h || !inScope(principal, h.tenant)) throw new NotFoundError('household', input.householdId);
      const memberIds: { candidate_id: string }[] = await tx.query('SELECT candidate_id FROM household_member WHERE household_id = $1', [h.id]);
      const members = await loadCandidateProfiles(tx, memberIds.map((m) => m.candidate_id));
      const persons = Math.max(h.size, members.length);
      // R12: a hard tie binds the decision as it binds every suggestion.
      const points = hardTiePoints({ household: { id: h.id, members: members.map((m) => m.profile), size: persons }, policy });
      const here = { code: municipality.code, name: municipality.name, regionCode: municipality.regionCode, provinceCode: municipality.provinceCode, centroid: { lat: municipality.lat, lon: municipality.lon }, population: municipality.population };
      if (!satisfiesHardTies({ points, municipality: here, radiusKm: policy.params.tieRadiusKm })) {
        throw BadUserInputError.of('input.municipalityCode', 'R12', `${municipality.name} lies more than ${policy.params.tieRadiusKm} km from a hard tie of the household (R12)`);
      }
      // R11, under a lock per period and municipality: the check and the insert are one step.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`link:${period}:${municipality.code}`]);
      const cap = await this.capacity.forPeriod(period, policy, tx, h.id);
      const left = cap.left(municipality.code);
      if (left !== null && left < persons) {
        throw BadUserInputError.of('input.municipalityCode', 'R11', `${municipality.name} has room for ${Math.max(0, left)} more persons in ${period}; the household has ${persons} (R11)`);
      }
      let top: string | null = null;
      if (input.suggestionId) {
        const [served] = await tx.query(`SELECT action, subject_refs, details FROM audit_event WHERE id = $1`, [input.suggestionId]);
        if (!served || served.action !== 'suggestions.municipalities' || served.subject_refs[0] !== h.id) {
          throw BadUserInputError.of('input.suggestionId', 'servedForHousehold', `suggestionId ${input.suggestionId} is not a municipality list served for this household`);
        }
        top = (served.details.ranked as { id: string; eligible: boolean }[]).find((r) => r.eligible)?.id ?? null;
      }
      await tx.query(`UPDATE link_decision SET superseded_at = now() WHERE household_id = $1 AND superseded_at IS NULL`, [h.id]);
      const entity = tx.create(LinkDecisionEntity, {
        id: randomUUID(),
        householdId: h.id,
        municipalityCode: municipality.code,
        period,
        persons,
        reason: input.reason,
        suggestionId: input.suggestionId ?? null,
        topSuggestion: top,
        followedTopSuggestion: input.suggestionId ? top === municipality.code : null,
        decidedBy: principal.keyId,
        supersededAt: null,
      });
      await tx.save(entity);
      await this.audit.record(
        principal,
        {
          action: 'link.decision',
          subjectType: 'household',
          subjectRefs: [h.id],
          details: { municipalityCode: municipality.code, period, persons, reason: input.reason, suggestionId: input.suggestionId ?? null, topSuggestion: top, followedTopSuggestion: entity.followedTopSuggestion },
        },
        tx,
      );
      await this.events.persist(tx, { kind: 'decision', ids: [entity.id], op: 'upserted' });
      return entity;
    });
    await this.events.publish({ kind: 'decision', ids: [decision.id], op: 'upserted' });
    return (await this.withDeciders([await this.ds.manager.findOneByOrFail(LinkDecisionEntity, { id: decision.id })]))[0];
  }

  async forHousehold(principal: Principal, householdId: string): Promise<LinkDecision[]> {
    const [h] = await this.ds.query('SELECT tenant FROM household WHERE id = $1', [householdId]);
    if (!h || !inScope(principal, h.tenant)) return [];
    const rows = await this.ds.manager.find(LinkDecisionEntity, { where: { householdId }, order: { decidedAt: 'DESC' } });
    return this.withDeciders(rows);
  }

  /** R19: who decided, by the label of their key (one statement for the list). */
  private async withDeciders(rows: LinkDecisionEntity[]): Promise<LinkDecision[]> {
    const ids = [...new Set(rows.map((r) => r.decidedBy).filter((id): id is string => id !== null))];
    const keys: { id: string; label: string }[] = ids.length ? await this.ds.query('SELECT id, label FROM api_key WHERE id = ANY($1::uuid[])', [ids]) : [];
    const label = new Map(keys.map((k) => [k.id, k.label]));
    return rows.map((r) => toLinkDecision(r, r.decidedBy ? (label.get(r.decidedBy) ?? null) : null));
  }
}
