import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { explainPrepared, prepareVacancy } from '@kansrijk/scoring';
import { Principal, Role } from '../../common/auth/role';
import { inScope, tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { CandidateRef, HeldRecords } from '../matching/held-records';
import { loadVacancies } from '../matching/profile-loader';
import { MatchingService, today } from '../matching/matching.service';
import { ReferenceIndex } from '../reference/reference-index.service';
import { CandidateSuggestionsArgs, ExplainMatchArgs, JobSuggestionsArgs } from './dto/suggestion.args';
import { CandidateSuggestionPage, CandidateSummary, JobSuggestionPage, MatchExplanation } from './models/suggestion.models';
import { PolicyService } from './policy.service';
import { checks, components, inputHash, round } from './suggestion-format';
import { toVacancySummary } from './vacancy-summary.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Suggestions (issue 5): jobs for a candidate, candidates for a vacancy, and one pair
 * explained (municipalities for a household: MunicipalitySuggestionsService). Ranking comes from the matching index, every
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
    private readonly reference: ReferenceIndex,
  ) {}

  async jobSuggestions(principal: Principal, args: JobSuggestionsArgs): Promise<JobSuggestionPage> {
    const onDate = args.onDate ?? today();
    const policy = this.policies.resolve(args.policy, 'policy', onDate);
    await this.holdCandidate(args.candidateId);
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
    const onDate = args.onDate ?? today();
    const policy = this.policies.resolve(args.policy, 'policy', onDate);
    const scope = tenantFilter(principal);
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    // An open vacancy is held in memory with its tenant; anything else is looked up to say why not.
    const held = this.matching.heldRecords().vacancy(args.vacancyId.toLowerCase());
    const [vacancy] = held ? [{ tenant: held.tenant, status: 'OPEN' }] : await this.ds.query('SELECT id, tenant, status FROM vacancy WHERE id = $1', [args.vacancyId]);
    if (!vacancy || !inScope(principal, vacancy.tenant)) throw new NotFoundError('vacancy', args.vacancyId);
    if (vacancy.status !== 'OPEN') throw BadUserInputError.of('vacancyId', 'open', `vacancy ${args.vacancyId} is closed`);
    // Open but not held yet (written by another process a moment ago): load it now.
    if (!held) await this.matching.ensureHeld('vacancy', [args.vacancyId.toLowerCase()]);
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
    const onDate = args.onDate ?? today();
    const policy = this.policies.resolve(args.policy, 'policy', onDate);
    await this.holdCandidate(args.candidateId);
    const index = await this.matching.matchingIndex();
    const ctx = index.preparedContext(await this.matching.context(policy, onDate));
    // The candidate and its profile in one tick (see jobSuggestions).
    const candidate = this.candidate(principal, args.candidateId, this.matching.heldRecords());
    const pc = index.preparedCandidate(candidate.id, ctx);
    if (!pc) throw new NotFoundError('candidate', args.candidateId);
    let pv = index.preparedVacancy(args.vacancyId, ctx);
    if (!pv) {
      // A closed vacancy is not in the index; an explanation of it is still useful to those who
      // may see it. The open vacancies are everyone's market; a closed one is its owner's only,
      // and another tenant's answers exactly like a missing one (R20).
      const [closed] = UUID.test(args.vacancyId) ? await loadVacancies(this.ds, [args.vacancyId]) : [];
      if (!closed || !inScope(principal, closed.tenant)) throw new NotFoundError('vacancy', args.vacancyId);
      pv = prepareVacancy(closed.profile, ctx);
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

  /** A candidate written by another process a moment ago may not be held yet: load it now (by id). */
  private async holdCandidate(idOrPseudonym: string): Promise<void> {
    const id = idOrPseudonym.toLowerCase();
    if (UUID.test(id) && !this.matching.heldRecords().candidate(id)) await this.matching.ensureHeld('candidate', [id]);
  }

  /**
   * A held candidate by id or pseudonym that the caller may see (platforms: their own), from
   * the facts held next to the index: a person is findable exactly when the index ranks them.
   */
  private candidate(principal: Principal, idOrPseudonym: string, held: HeldRecords): CandidateRef {
    const ref = UUID.test(idOrPseudonym) ? held.candidate(idOrPseudonym.toLowerCase()) : held.candidateByPseudonym(idOrPseudonym);
    if (!ref || !inScope(principal, ref.tenant)) throw new NotFoundError('candidate', idOrPseudonym);
    return ref;
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
