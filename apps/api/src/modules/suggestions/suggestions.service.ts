import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import {
  explainPrepared,
  prepareVacancy,
  hardTiePoints,
  linkValues,
  type Household as ScoringHousehold,
  type MunicipalityProfile,
  type ReachableSummary,
  type RuleCheck as LibRuleCheck,
  type ScoreComponent as LibScoreComponent,
  satisfiesHardTies,
  scoreMunicipalityLink,
} from '@kansrijk/scoring';
import { Principal, Role } from '../../common/auth/role';
import { tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { CapacityService } from '../linking/capacity.service';
import { loadCandidateProfiles, loadVacancyProfiles } from '../matching/profile-loader';
import { CandidateRef, HeldRecords } from '../matching/held-records';
import { MatchingService, today } from '../matching/matching.service';
import { ReferenceIndex } from '../reference/reference-index.service';
import { CandidateSuggestionsArgs, ExplainMatchArgs, JobSuggestionsArgs, MunicipalitySuggestionsArgs } from './dto/suggestion.args';
import {
  CandidateSuggestionPage,
  CandidateSummary,
  JobSuggestionPage,
  Language,
  MatchExplanation,
  MunicipalitySuggestion,
  MunicipalitySuggestionResult,
  RuleCheck,
  ScoreComponent,
} from './models/suggestion.models';
import { PolicyService } from './policy.service';
import { rankOrder, topByBound } from './top-by-bound';
import { toVacancySummary } from './vacancy-summary.mapper';

const components = (cs: LibScoreComponent[], lang: Language): ScoreComponent[] =>
  cs.map((c) => ({ name: c.name, value: c.value, weight: c.weight, contribution: c.contribution, reason: lang === Language.NL ? c.reason.nl : c.reason.en, reasonNl: c.reason.nl, reasonEn: c.reason.en }));
const checks = (cs: LibRuleCheck[], lang: Language): RuleCheck[] =>
  cs.map((c) => ({ rule: c.rule, passed: c.passed, reason: lang === Language.NL ? c.reason.nl : c.reason.en, reasonNl: c.reason.nl, reasonEn: c.reason.en }));

/** sha256 of the canonical arguments of a served list (R19: what was asked, without personal data). */
const inputHash = (args: unknown) => createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 32);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Suggestions (issue 5): jobs for a candidate, candidates for a vacancy, municipalities for
 * a household, and one pair explained. Ranking comes from the matching index, every
 * listed item is explained by the scoring library with the identical score, and every
 * served list is written to the audit trail with its ranked ids and scores (R18, R19).
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly matching: MatchingService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly capacity: CapacityService,
    private readonly reference: ReferenceIndex,
  ) {}

  async jobSuggestions(principal: Principal, args: JobSuggestionsArgs): Promise<JobSuggestionPage> {
    const policy = this.policies.resolve(args.policy);
    const onDate = args.onDate ?? today();
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const ref = await this.reference.snapshot();
    // From here to the audit entry without an await: the candidate, the ranking, the profiles
    // and what is shown of each vacancy come from one state of the index and its held facts,
    // so a change applied meanwhile (here or through the feed) cannot split them.
    const held = this.matching.heldRecords();
    const candidate = this.candidate(principal, args.candidateId, held);
    const result = index.topJobsForCandidate({ candidate: candidate.id, k: args.take, context: ctx, filter: args.filter ?? null });
    const ranked = result.items.map((item) => ({ item, pv: index.preparedVacancy(item.vacancyId, result.context)!, facts: held.vacancy(item.vacancyId) }));
    const items = ranked.filter((r) => r.facts).map(({ item, pv, facts }, i) => {
      const explained = explainPrepared(result.candidate, pv, result.context);
      return {
        rank: i + 1,
        vacancyId: item.vacancyId,
        vacancy: toVacancySummary(pv.profile, facts!, ref),
        score: explained.score,
        eligible: explained.eligible,
        distanceKm: round(explained.distanceKm),
        earliestStart: explained.earliestStart,
        components: components(explained.components, args.language),
        checks: checks(explained.checks, args.language),
        policyVersion: policy.version,
      };
    });
    const suggestionId = await this.audit.record(principal, {
      action: 'suggestions.jobs',
      subjectType: 'candidate',
      subjectRefs: [candidate.pseudonym],
      details: { query: 'jobSuggestions', inputHash: inputHash(args), policyVersion: policy.version, onDate, ranked: items.map((i) => ({ id: i.vacancyId, score: round(i.score) })) },
    });
    return { items, total: result.matched, policyVersion: policy.version, suggestionId };
  }

  async candidateSuggestions(principal: Principal, args: CandidateSuggestionsArgs): Promise<CandidateSuggestionPage> {
    const policy = this.policies.resolve(args.policy);
    const onDate = args.onDate ?? today();
    const scope = tenantFilter(principal);
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    // An open vacancy is held in memory with its tenant; anything else is looked up to say why not.
    const held = this.matching.heldRecords().vacancy(args.vacancyId.toLowerCase());
    const [vacancy] = held ? [{ tenant: held.tenant, status: 'OPEN' }] : await this.ds.query('SELECT id, tenant, status FROM vacancy WHERE id = $1', [args.vacancyId]);
    if (!vacancy || (scope !== null && vacancy.tenant !== scope)) throw new NotFoundError('vacancy', args.vacancyId);
    if (vacancy.status !== 'OPEN') throw BadUserInputError.of('vacancyId', 'open', `vacancy ${args.vacancyId} is closed`);
    // A platform gets only its own candidates (R20); others get everyone.
    const only = scope === null ? null : new Set(this.matching.candidatesOfTenant(scope));
    const result = index.topCandidatesForVacancy({ vacancy: args.vacancyId, k: args.take, context: ctx, filter: { ...(args.filter ?? {}), candidateIds: only } });
    // Profiles in the same tick as the ranking (see jobSuggestions).
    const ranked = result.items.map((item) => ({ item, pc: index.preparedCandidate(item.candidateId, result.context)! }));
    const people = await this.candidateRefs(result.items.map((i) => i.candidateId));
    const pseudonymous = principal.role === Role.EVALUATOR;
    // A person erased while the list was being made is not shown.
    const items = ranked.filter(({ item }) => people.has(item.candidateId)).map(({ item, pc }, i) => {
      const explained = explainPrepared(pc, result.vacancy, result.context);
      const p = people.get(item.candidateId)!;
      const summary: CandidateSummary = { ...p.summary, id: pseudonymous ? null : item.candidateId, name: pseudonymous ? null : p.name };
      return {
        rank: i + 1,
        candidate: summary,
        score: explained.score,
        eligible: explained.eligible,
        distanceKm: round(explained.distanceKm),
        earliestStart: explained.earliestStart,
        components: components(explained.components, args.language),
        checks: checks(explained.checks, args.language),
        policyVersion: policy.version,
      };
    });
    const suggestionId = await this.audit.record(principal, {
      action: 'suggestions.candidates',
      subjectType: 'vacancy',
      subjectRefs: [args.vacancyId, ...items.map((i) => i.candidate.pseudonym)],
      details: { query: 'candidateSuggestions', inputHash: inputHash(args), policyVersion: policy.version, onDate, ranked: items.map((i) => ({ pseudonym: i.candidate.pseudonym, score: round(i.score) })) },
    });
    return { items, total: result.matched, policyVersion: policy.version, suggestionId };
  }

  async explainMatch(principal: Principal, args: ExplainMatchArgs): Promise<MatchExplanation> {
    const policy = this.policies.resolve(args.policy);
    const onDate = args.onDate ?? today();
    const index = await this.matching.matchingIndex();
    const ctx = index.preparedContext(await this.matching.context(policy, onDate));
    // The candidate and its profile in one tick (see jobSuggestions).
    const candidate = this.candidate(principal, args.candidateId, this.matching.heldRecords());
    const pc = index.preparedCandidate(candidate.id, ctx);
    if (!pc) throw new NotFoundError('candidate', args.candidateId);
    let pv = index.preparedVacancy(args.vacancyId, ctx);
    if (!pv) {
      // A closed vacancy is not in the index; an explanation of it is still useful.
      const { open, closed } = await loadVacancyProfiles(this.ds, [args.vacancyId]);
      const profile = open[0] ?? closed[0];
      if (!profile) throw new NotFoundError('vacancy', args.vacancyId);
      pv = prepareVacancy(profile, ctx);
    }
    const explained = explainPrepared(pc, pv, ctx);
    await this.audit.record(principal, {
      action: 'suggestions.explain',
      subjectType: 'candidate',
      subjectRefs: [candidate.pseudonym, args.vacancyId],
      details: { query: 'explainMatch', inputHash: inputHash(args), policyVersion: policy.version, onDate, score: round(explained.score) },
    });
    return {
      // Evaluators see people by pseudonym only.
      candidateId: principal.role === Role.EVALUATOR ? candidate.pseudonym : candidate.id,
      vacancyId: args.vacancyId,
      score: explained.score,
      eligible: explained.eligible,
      distanceKm: round(explained.distanceKm),
      earliestStart: explained.earliestStart,
      components: components(explained.components, args.language),
      checks: checks(explained.checks, args.language),
      policyVersion: policy.version,
    };
  }

  async municipalitySuggestions(principal: Principal, args: MunicipalitySuggestionsArgs): Promise<MunicipalitySuggestionResult> {
    const policy = this.policies.resolve(args.policy);
    const onDate = args.onDate ?? today();
    const period = args.period ?? periodOf(new Date(`${onDate}T00:00:00Z`));
    const household = await this.household(principal, args.householdId);
    const ref = await this.reference.snapshot();
    const municipalities: MunicipalityProfile[] = [...ref.municipalities.values()].map((m) => ({
      code: m.code,
      name: m.name,
      regionCode: m.regionCode,
      provinceCode: m.provinceCode,
      centroid: { lat: m.lat, lon: m.lon },
      population: m.population,
    }));
    const capacity = await this.capacity.forPeriod(period, policy, undefined, household.scoring.id);
    const ties = hardTiePoints({ household: household.scoring, policy });
    const radiusKm = policy.params.tieRadiusKm;
    // R12 first: only municipalities within the radius of every hard tie can be eligible.
    const withinTies = municipalities.filter((m) => satisfiesHardTies({ points: ties, municipality: m, radiusKm }));
    const candidates = args.includeIneligible ? municipalities : withinTies;
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const adults = household.adults;
    const labourDemand = ctx.labourDemand;
    const linkContext = (m: MunicipalityProfile, reachable: ReachableSummary) => ({ policy, onDate, capacityLeft: capacity.left(m.code), labourDemand, reachable });
    // Every municipality once, without words and without reachable vacancies: eligibility
    // (R11, R12, R16) does not depend on them.
    const base = candidates.map((m) => ({ m, v: linkValues({ household: household.scoring, municipality: m, context: linkContext(m, { adults: [] }) }) }));
    const eligible = base.filter((b) => b.v.eligible);
    const pool = (args.includeIneligible ? base : eligible).map((b, position) => ({ key: b.m.code, eligible: b.v.eligible, score: b.v.score, m: b.m, position, upper: b.v.score }));
    const reachableOf = new Map<string, ReachableSummary>();
    let ranked = [...pool].sort(rankOrder).slice(0, args.take);
    if (adults.length > 0 && pool.length > 0) {
      // R14 for every adult: exact counts everywhere at once, the best scores only where they
      // can still decide the list. The link score only rises with either, so the score with
      // each adult's bound on the mean of the best is an upper bound (see topByBound).
      const session = index.reachableSession({ adults: adults.map((a) => a.id), municipalities: pool.map((p) => p.m), context: ctx, radiusKm });
      const bounded = (p: (typeof pool)[number]): ReachableSummary => ({
        adults: adults.map((a, k) => ({ candidateId: a.id, eligibleVacancies: session.counts[k][p.position], meanBestScore: session.bestUpper(k, p.position) })),
      });
      for (const p of pool) p.upper = linkValues({ household: household.scoring, municipality: p.m, context: linkContext(p.m, bounded(p)) }).score;
      ranked = topByBound({
        items: pool,
        upper: (p) => p.upper,
        take: args.take,
        chunk: Math.max(8, args.take),
        complete: (chunk) => {
          session.complete(chunk.map((c) => c.position)).forEach((x) => reachableOf.set(x.municipalityCode, x.reachable));
          return chunk.map((c) => ({ ...c, score: linkValues({ household: household.scoring, municipality: c.m, context: linkContext(c.m, reachableOf.get(c.m.code)!) }).score }));
        },
      }).top;
    }
    const pseudonymOf = new Map(adults.map((a) => [a.id, a.pseudonym]));
    // Words only for what is shown (the same score: scoreMunicipalityLink takes linkValues' values).
    const items: MunicipalitySuggestion[] = ranked.map((s, i) => {
      const r = scoreMunicipalityLink({ household: household.scoring, municipality: s.m, context: linkContext(s.m, reachableOf.get(s.m.code) ?? { adults: [] }) });
      return {
        rank: i + 1,
        municipalityCode: s.m.code,
        municipalityName: s.m.name,
        labourMarketRegionCode: s.m.regionCode,
        score: r.score,
        eligible: r.eligible,
        capacityLeft: capacity.left(s.m.code),
        reachable: (reachableOf.get(s.m.code)?.adults ?? []).map((a) => ({ pseudonym: pseudonymOf.get(a.candidateId) ?? '', eligibleVacancies: a.eligibleVacancies, meanBestScore: round(a.meanBestScore) })),
        components: components(r.components, args.language),
        checks: checks(r.checks, args.language),
        policyVersion: policy.version,
      };
    });
    const feasible = eligible.length > 0;
    const why = feasible ? null : infeasibility({ withinTies: withinTies.length, ties: ties.length, radiusKm, period });
    const suggestionId = await this.audit.record(principal, {
      action: 'suggestions.municipalities',
      subjectType: 'household',
      subjectRefs: [household.scoring.id, ...adults.map((a) => a.pseudonym)],
      details: {
        query: 'municipalitySuggestions',
        inputHash: inputHash(args),
        policyVersion: policy.version,
        onDate,
        period,
        feasible,
        ranked: items.map((i) => ({ id: i.municipalityCode, score: round(i.score), eligible: i.eligible })),
      },
    });
    return {
      items,
      feasible,
      reason: why ? (args.language === Language.NL ? why.nl : why.en) : null,
      reasonNl: why?.nl ?? null,
      reasonEn: why?.en ?? null,
      period,
      eligibleCount: eligible.length,
      policyVersion: policy.version,
      suggestionId,
    };
  }

  /**
   * A held candidate by id or pseudonym that the caller may see (platforms: their own), from
   * the facts held next to the index: a person is findable exactly when the index ranks them.
   */
  private candidate(principal: Principal, idOrPseudonym: string, held: HeldRecords): CandidateRef {
    const ref = UUID.test(idOrPseudonym) ? held.candidate(idOrPseudonym.toLowerCase()) : held.candidateByPseudonym(idOrPseudonym);
    const scope = tenantFilter(principal);
    if (!ref || (scope !== null && ref.tenant !== scope)) throw new NotFoundError('candidate', idOrPseudonym);
    return ref;
  }

  private async household(principal: Principal, id: string) {
    const [h] = await this.ds.query('SELECT id, tenant, size FROM household WHERE id = $1', [id]);
    const scope = tenantFilter(principal);
    if (!h || (scope !== null && h.tenant !== scope)) throw new NotFoundError('household', id);
    const memberIds: { candidate_id: string }[] = await this.ds.query('SELECT candidate_id FROM household_member WHERE household_id = $1', [id]);
    const members = await loadCandidateProfiles(this.ds, memberIds.map((m) => m.candidate_id));
    if (members.length === 0) throw BadUserInputError.of('householdId', 'hasMembers', `household ${id} has no members left`);
    const pseudonyms: { id: string; pseudonym: string }[] = await this.ds.query('SELECT id, pseudonym FROM candidate WHERE id = ANY($1::uuid[])', [members.map((m) => m.profile.id)]);
    const pseudonymOf = new Map(pseudonyms.map((p) => [p.id, p.pseudonym]));
    const onDate = today();
    const adultLimit = `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;
    const scoring: ScoringHousehold = { id, members: members.map((m) => m.profile), size: Math.max(h.size, members.length) };
    const adults = members.filter((m) => m.profile.birthDate <= adultLimit).map((m) => ({ id: m.profile.id, pseudonym: pseudonymOf.get(m.profile.id)! }));
    return { scoring, adults };
  }

  private async candidateRefs(ids: string[]) {
    const rows = ids.length
      ? await this.ds.query(
          `SELECT id, pseudonym, name, tenant, legal_status AS "legalStatus", dutch_level AS "dutchLevel", english_level AS "englishLevel",
                  hours_available AS "hoursAvailable", municipality_code AS "municipalityCode" FROM candidate WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return new Map<string, { name: string | null; summary: Omit<CandidateSummary, 'id' | 'name'> }>(
      rows.map((r: { id: string; name: string | null } & Omit<CandidateSummary, 'id' | 'name'>) => [
        r.id,
        {
          name: r.name,
          summary: { pseudonym: r.pseudonym, legalStatus: r.legalStatus, dutchLevel: r.dutchLevel, englishLevel: r.englishLevel, hoursAvailable: r.hoursAvailable, municipalityCode: r.municipalityCode },
        },
      ]),
    );
  }
}

/** Why no municipality fits (R11, R12), in Dutch and English. */
function infeasibility(a: { withinTies: number; ties: number; radiusKm: number; period: string }): { nl: string; en: string } {
  if (a.withinTies === 0) {
    return {
      nl: `R12: geen gemeente ligt binnen ${a.radiusKm} km van alle ${a.ties} harde bindingen van het huishouden.`,
      en: `R12: no municipality lies within ${a.radiusKm} km of all ${a.ties} hard ties of the household.`,
    };
  }
  return {
    nl: `R11: alle ${a.withinTies} gemeenten binnen ${a.radiusKm} km van de harde bindingen hebben in ${a.period} geen plaats meer voor dit huishouden.`,
    en: `R11: all ${a.withinTies} municipalities within ${a.radiusKm} km of the hard ties are full for this household in ${a.period}.`,
  };
}
