import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { checkHardTies, checkLinkable, type RuleCheck as LibRuleCheck } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { inScope } from '../../common/auth/tenancy';
import { BadUserInputError, DomainError, FieldProblem, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { loadCandidateProfiles } from '../matching/profile-loader';
import { today } from '../matching/matching.service';
import { RecordEvents } from '../records/record-events';
import { ReferenceIndex } from '../reference/reference-index.service';
import { byLabel, memberLabels } from '../suggestions/member-labels';
import { PolicyService } from '../suggestions/policy.service';
import { CapacityService } from './capacity.service';
import { LinkDecisionEntity, StoredCheck } from './link-decision.entity';
import { LinkDecision, LinkDecisionInput } from './models/link-decision.model';
import { RelinkingService } from './relinking.service';

/** Hard rules an adviser may knowingly depart from, with a justification (human oversight). R2 and R15 are law on who and when may be linked: never. */
export const OVERRIDABLE_RULES = ['R11', 'R12'] as const;
/** The shortest justification of an override: a sentence, not a token. */
export const MIN_JUSTIFICATION_LENGTH = 30;

const stored = (cs: LibRuleCheck[]): StoredCheck[] => cs.map((c) => ({ rule: c.rule, passed: c.passed, reasonNl: c.reason.nl, reasonEn: c.reason.en }));

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
  override: e.override,
  overriddenRules: e.overriddenRules ?? [],
  justification: e.justification,
  relink: e.relink,
  checks: (e.checks ?? []).map((c) => ({ rule: c.rule, passed: c.passed, reason: c.reasonEn, reasonNl: c.reasonNl, reasonEn: c.reasonEn })),
});

/** The re-link's input as kept: the member with the job by pseudonym, not by record id. */
function relinkingRecord(input: LinkDecisionInput, members: { profile: { id: string }; pseudonym: string }[]): Record<string, unknown> {
  const { memberId, ...rest } = input.relinking!;
  const pseudonym = memberId ? (members.find((m) => m.profile.id === memberId.toLowerCase())?.pseudonym ?? null) : null;
  return { ...rest, job: { ...rest.job }, memberPseudonym: pseudonym };
}

/** A refused decision: BAD_USER_INPUT naming each broken rule, with the checks it was refused on. */
class RefusedDecision extends BadUserInputError {
  constructor(
    problems: FieldProblem[],
    readonly checks: StoredCheck[],
  ) {
    super(problems);
    (this.extensions as Record<string, unknown>).checks = checks;
  }
}

const refuse = (field: string, cs: StoredCheck[]) => new RefusedDecision(cs.filter((c) => !c.passed).map((c) => ({ field, rule: c.rule, message: c.reasonEn })), cs);

/**
 * Link decisions: the adviser decides, the engine checks the rules and keeps the trail (R19).
 * A decision links only a status holders' household (R2), must honour every hard tie (R12) and fit
 * the remaining housing task of the period (R11), checked under a per-municipality lock so two
 * advisers cannot take the last place twice, unless the adviser names the broken rule in
 * `overrideHardRules` with a justification (human oversight: the record shows it). A decision for a
 * household already linked elsewhere is a re-link and must pass every R15 condition. Every
 * decision, and every refusal, is in the audit trail with its checks.
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
    private readonly relinking: RelinkingService,
  ) {}

  async record(principal: Principal, input: LinkDecisionInput): Promise<LinkDecision> {
    try {
      return await this.decide(principal, input);
    } catch (e) {
      // R19: a refused decision is an adviser's act too; its entry commits on its own, as the decision's transaction rolled back.
      if (e instanceof DomainError && (e instanceof BadUserInputError || e instanceof NotFoundError)) {
        await this.audit.record(principal, {
          action: 'link.decision.refused',
          subjectType: 'household',
          subjectRefs: [input.householdId],
          details: {
            municipalityCode: input.municipalityCode,
            period: input.period ?? null,
            code: e.extensions.code,
            problems: e instanceof BadUserInputError ? e.problems : [{ field: 'input.householdId', rule: 'exists', message: e.message }],
            checks: e instanceof RefusedDecision ? e.checks : [],
            overrideHardRules: input.overrideHardRules ?? [],
            relink: input.relinking ? true : undefined,
          },
        });
      }
      throw e;
    }
  }

  private async decide(principal: Principal, input: LinkDecisionInput): Promise<LinkDecision> {
    const ref = await this.reference.snapshot();
    const municipality = ref.municipalities.get(input.municipalityCode);
    if (!municipality) throw BadUserInputError.of('input.municipalityCode', 'exists', `${input.municipalityCode} is not a municipality`);
    const overrides = [...new Set((input.overrideHardRules ?? []).map((r) => r.toUpperCase()))];
    const problems: FieldProblem[] = [];
    overrides.forEach((r, i) => {
      if (!(OVERRIDABLE_RULES as readonly string[]).includes(r)) problems.push({ field: `input.overrideHardRules[${i}]`, rule: 'overridable', message: `${r} cannot be overridden; only ${OVERRIDABLE_RULES.join(' and ')} can, with a justification` });
    });
    const justification = input.justification?.trim() || null;
    if (overrides.length > 0 && (justification?.length ?? 0) < MIN_JUSTIFICATION_LENGTH) {
      problems.push({ field: 'input.justification', rule: 'required', message: `justification is required with overrideHardRules: at least ${MIN_JUSTIFICATION_LENGTH} characters saying why the decision departs from ${overrides.join(', ')}` });
    }
    if (overrides.length === 0 && justification) problems.push({ field: 'input.justification', rule: 'onlyWithOverride', message: 'justification goes with overrideHardRules; the reason of a decision is `reason`' });
    if (problems.length) throw new BadUserInputError(problems);
    const period = input.period ?? periodOf(new Date());
    const policy = this.policies.base;
    const onDate = today();
    const here = { code: municipality.code, name: municipality.name, regionCode: municipality.regionCode, provinceCode: municipality.provinceCode, centroid: { lat: municipality.lat, lon: municipality.lon }, population: municipality.population };
    const decision = await this.ds.transaction(async (tx) => {
      const [h] = await tx.query('SELECT id, tenant, size FROM household WHERE id = $1 FOR UPDATE', [input.householdId]);
      if (!h || !inScope(principal, h.tenant)) throw new NotFoundError('household', input.householdId);
      const memberIds: { candidate_id: string }[] = await tx.query('SELECT candidate_id FROM household_member WHERE household_id = $1', [h.id]);
      const members = await loadCandidateProfiles(tx, memberIds.map((m) => m.candidate_id));
      const labels = memberLabels(principal, members, onDate);
      const persons = Math.max(h.size, members.length);
      const household = { id: h.id, members: members.map((m) => m.profile), size: persons };
      // R2: only a status holders' household is linked (never overridable).
      const linkable = stored(byLabel([checkLinkable(household)], labels));
      if (!linkable[0].passed) throw refuse('input.householdId', linkable);
      // R12: a hard tie binds the decision as it binds every suggestion, unless knowingly overridden.
      const ties = stored(byLabel(checkHardTies({ household, municipality: here, policy, nameOf: (code) => ref.municipalities.get(code)?.name ?? code }).checks, labels));
      const brokenTies = ties.filter((c) => !c.passed);
      const overridden: StoredCheck[] = [];
      if (brokenTies.length > 0 && !overrides.includes('R12')) throw refuse('input.municipalityCode', brokenTies);
      if (brokenTies.length > 0) overridden.push(...brokenTies);
      else if (overrides.includes('R12')) throw BadUserInputError.of('input.overrideHardRules', 'notBroken', `R12 holds for ${municipality.name}: there is nothing to override`);
      // R15: a decision for a household linked to another municipality is a re-link.
      const [current] = await tx.query(`SELECT municipality_code FROM link_decision WHERE household_id = $1 AND superseded_at IS NULL`, [h.id]);
      const relink = !!current && current.municipality_code !== municipality.code;
      let relinkChecks: StoredCheck[] = [];
      if (relink && !input.relinking) {
        const from = ref.municipalities.get(current.municipality_code)?.name ?? current.municipality_code;
        throw BadUserInputError.of('input.relinking', 'R15', `the household is linked to ${from}: linking it to ${municipality.name} is a re-link, which needs relinking (the job, housingOffered, integrationStarted) and every R15 condition`);
      }
      if (!relink && input.relinking) throw BadUserInputError.of('input.relinking', 'onlyForRelink', 'relinking applies only to a household linked to another municipality');
      if (relink) {
        const { result } = await this.relinking.evaluate(tx, {
          household: { id: h.id, size: h.size, members },
          currentMunicipalityCode: current.municipality_code,
          input: input.relinking!,
          path: 'input.relinking',
          policy,
          target: here,
        });
        relinkChecks = stored(result.checks);
        if (!result.allowed) throw refuse('input.relinking', relinkChecks);
      }
      // R11, under a lock per period and municipality: the check and the insert are one step.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`link:${period}:${municipality.code}`]);
      const cap = await this.capacity.forPeriod(period, policy, tx, h.id);
      const left = cap.left(municipality.code);
      if (left !== null && left < persons) {
        const full: StoredCheck = {
          rule: 'R11',
          passed: false,
          reasonNl: `${municipality.name} heeft in ${period} nog plaats voor ${Math.max(0, left)} personen; het huishouden telt er ${persons}.`,
          reasonEn: `${municipality.name} has room for ${Math.max(0, left)} more persons in ${period}; the household has ${persons}.`,
        };
        if (!overrides.includes('R11')) throw refuse('input.municipalityCode', [full]);
        overridden.push(full);
      } else if (overrides.includes('R11')) throw BadUserInputError.of('input.overrideHardRules', 'notBroken', `R11 holds: ${municipality.name} has room for the household in ${period}; there is nothing to override`);
      let top: string | null = null;
      if (input.suggestionId) {
        const [served] = await tx.query(`SELECT action, subject_refs, details FROM audit_event WHERE id = $1`, [input.suggestionId]);
        if (!served || served.action !== 'suggestions.municipalities' || served.subject_refs[0] !== h.id) {
          throw BadUserInputError.of('input.suggestionId', 'servedForHousehold', `suggestionId ${input.suggestionId} is not a municipality list served for this household`);
        }
        top = (served.details.ranked as { id: string; eligible: boolean }[]).find((r) => r.eligible)?.id ?? null;
      }
      await tx.query(`UPDATE link_decision SET superseded_at = now() WHERE household_id = $1 AND superseded_at IS NULL`, [h.id]);
      const override = overridden.length > 0;
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
        override,
        overriddenRules: override ? overrides : [],
        justification: override ? justification : null,
        checks: [...overridden, ...relinkChecks],
        relink,
        // The member with the job by pseudonym: the trail names people so (R20).
        relinking: relink ? relinkingRecord(input, members) : null,
      });
      await tx.save(entity);
      await this.audit.record(
        principal,
        {
          action: 'link.decision',
          subjectType: 'household',
          subjectRefs: [h.id],
          details: {
            municipalityCode: municipality.code,
            period,
            persons,
            reason: input.reason,
            suggestionId: input.suggestionId ?? null,
            topSuggestion: top,
            followedTopSuggestion: entity.followedTopSuggestion,
            override,
            overriddenRules: entity.overriddenRules,
            justification: entity.justification,
            brokenChecks: overridden,
            relink,
            ...(relink ? { fromMunicipalityCode: current.municipality_code, relinking: entity.relinking, relinkingChecks: relinkChecks } : {}),
          },
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
