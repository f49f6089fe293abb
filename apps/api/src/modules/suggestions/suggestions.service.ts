import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { explainPrepared, prepareVacancy } from '@kansrijk/scoring';
import { Principal, Role } from '../../common/auth/role';
import { tenantFilter } from '../../common/auth/tenancy';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { loadVacancyProfiles } from '../matching/profile-loader';
import { MatchingService, today } from '../matching/matching.service';
import { CandidateSuggestionsArgs, ExplainMatchArgs, JobSuggestionsArgs } from './dto/suggestion.args';
import { CandidateSuggestionPage, CandidateSummary, JobSuggestionPage, MatchExplanation, VacancySummary } from './models/suggestion.models';
import { PolicyService } from './policy.service';
import { checks, components, inputHash, round } from './suggestion-format';

interface CandidateRef {
  id: string;
  pseudonym: string;
  tenant: string | null;
  name: string | null;
}

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
  ) {}

  async jobSuggestions(principal: Principal, args: JobSuggestionsArgs): Promise<JobSuggestionPage> {
    const policy = this.policies.resolve(args.policy);
    const onDate = args.onDate ?? today();
    const candidate = await this.candidate(principal, args.candidateId);
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const result = index.topJobsForCandidate({ candidate: candidate.id, k: args.take, context: ctx, filter: args.filter ?? null });
    // The ranked vacancies' profiles in the same tick as the ranking: a change applied while
    // the summaries load (a vacancy closed in this or another process) must not pull a listed
    // vacancy out from under its explanation.
    const ranked = result.items.map((item) => ({ item, pv: index.preparedVacancy(item.vacancyId, result.context)! }));
    const summaries = await this.vacancySummaries(result.items.map((i) => i.vacancyId));
    const items = ranked.filter(({ item }) => summaries.has(item.vacancyId)).map(({ item, pv }, i) => {
      const explained = explainPrepared(result.candidate, pv, result.context);
      return {
        rank: i + 1,
        vacancyId: item.vacancyId,
        vacancy: summaries.get(item.vacancyId)!,
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
    const [vacancy] = await this.ds.query('SELECT id, tenant, status FROM vacancy WHERE id = $1', [args.vacancyId]);
    if (!vacancy || (scope !== null && vacancy.tenant !== scope)) throw new NotFoundError('vacancy', args.vacancyId);
    if (vacancy.status !== 'OPEN') throw BadUserInputError.of('vacancyId', 'open', `vacancy ${args.vacancyId} is closed`);
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
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
      const summary: CandidateSummary = { ...p.summary, id: pseudonymous ? null : item.candidateId, name: pseudonymous ? null : p.ref.name };
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
    const candidate = await this.candidate(principal, args.candidateId);
    const index = await this.matching.matchingIndex();
    const ctx = index.preparedContext(await this.matching.context(policy, onDate));
    const pc = index.preparedCandidate(candidate.id, ctx);
    // Erased since it was read above.
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

  /** A candidate by id or pseudonym that the caller may see (platforms: their own). */
  private async candidate(principal: Principal, idOrPseudonym: string): Promise<CandidateRef> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPseudonym);
    const [row] = await this.ds.query(
      `SELECT id, pseudonym, tenant, name FROM candidate WHERE ${isUuid ? 'id = $1::uuid' : 'pseudonym = $1'}`,
      [idOrPseudonym],
    );
    const scope = tenantFilter(principal);
    if (!row || (scope !== null && row.tenant !== scope)) throw new NotFoundError('candidate', idOrPseudonym);
    return row;
  }

  private async vacancySummaries(ids: string[]): Promise<Map<string, VacancySummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ds.query(
      `SELECT v.id, v.title, v.isco_code AS "iscoCode", o.label_nl AS "occupationLabelNl", e.name AS "employerName",
              v.municipality_code AS "municipalityCode", m.name AS "municipalityName", v.lat, v.lon,
              v.hours_per_week AS "hoursPerWeek", v.contract_months AS "contractMonths", v.monthly_wage::float8 AS "monthlyWage",
              to_char(v.start_date, 'YYYY-MM-DD') AS "startDate", v.min_dutch_level AS "minDutchLevel", v.language_coaching AS "languageCoaching"
         FROM vacancy v JOIN municipality m ON m.code = v.municipality_code
         LEFT JOIN employer e ON e.id = v.employer_id LEFT JOIN occupation o ON o.id = v.occupation_id
        WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r: VacancySummary & { lat: number; lon: number }) => [r.id, { ...r, location: { lat: r.lat, lon: r.lon } }]));
  }

  private async candidateRefs(ids: string[]) {
    const rows = ids.length
      ? await this.ds.query(
          `SELECT id, pseudonym, name, tenant, legal_status AS "legalStatus", dutch_level AS "dutchLevel", english_level AS "englishLevel",
                  hours_available AS "hoursAvailable", municipality_code AS "municipalityCode" FROM candidate WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return new Map<string, { ref: CandidateRef; summary: Omit<CandidateSummary, 'id' | 'name'> }>(
      rows.map((r: CandidateRef & Omit<CandidateSummary, 'id' | 'name'>) => [
        r.id,
        {
          ref: r,
          summary: { pseudonym: r.pseudonym, legalStatus: r.legalStatus, dutchLevel: r.dutchLevel, englishLevel: r.englishLevel, hoursAvailable: r.hoursAvailable, municipalityCode: r.municipalityCode },
        },
      ]),
    );
  }
}
