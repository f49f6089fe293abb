import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { checkRelinking, type CandidateProfile, type MunicipalityProfile, type Policy, type RelinkingResult } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { inScope } from '../../common/auth/tenancy';
import { BadUserInputError, FieldProblem, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { loadHousehold, type Queryable } from '../matching/profile-loader';
import { today } from '../matching/matching.service';
import { ReferenceIndex, resolveLocation } from '../reference/reference-index.service';
import { checks as inLanguage } from '../suggestions/suggestion-format';
import { Language } from '../suggestions/models/suggestion.models';
import { PolicyService } from '../suggestions/policy.service';
import { RelinkingInput } from './dto/relinking.input';
import { RelinkingCheck } from './models/relinking.model';

/** What a re-link was judged on, besides the checks. */
export interface RelinkingFacts {
  currentMunicipalityCode: string;
  currentRegionCode: string;
  jobIscoCode: string;
  jobMunicipalityCode: string;
  jobRegionCode: string;
  comparableVacanciesInCurrentRegion: number | null;
}

/**
 * R15 re-linking ("omkoppeling") for the API: resolves the job (occupation, workplace), the
 * household's current link and region, counts comparable open vacancies in the current region
 * when the adviser has not established it, and hands plain data to `checkRelinking`.
 */
@Injectable()
export class RelinkingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policies: PolicyService,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
  ) {}

  /** The checkRelinking query: every R15 condition for a linked household, audited (R19, R20). */
  async check(principal: Principal, householdId: string, input: RelinkingInput, language: Language): Promise<RelinkingCheck> {
    const h = await loadHousehold(this.ds, householdId);
    if (!h || !inScope(principal, h.tenant)) throw new NotFoundError('household', householdId);
    const [current] = await this.ds.query(`SELECT municipality_code FROM link_decision WHERE household_id = $1 AND superseded_at IS NULL`, [h.id]);
    if (!current) throw BadUserInputError.of('householdId', 'R15.linked', `household ${householdId} has no link decision yet: re-linking applies to a linked household`);
    const policy = this.policies.base;
    const { result, facts } = await this.evaluate(this.ds, { household: h, currentMunicipalityCode: current.municipality_code, input, path: 'input', policy });
    await this.audit.record(principal, {
      action: 'link.relinkingCheck',
      subjectType: 'household',
      subjectRefs: [h.id, ...h.members.map((m) => m.pseudonym)],
      details: { ...facts, allowed: result.allowed, policyVersion: result.policyVersion, failed: result.checks.filter((c) => !c.passed).map((c) => c.rule) },
    });
    return { allowed: result.allowed, checks: inLanguage(result.checks, language), ...facts, policyVersion: result.policyVersion };
  }

  /**
   * Every R15 condition for `household`, linked now to `currentMunicipalityCode`; with `target`, also
   * that the new municipality lies near the job (R15.place). Bad input (an unknown occupation,
   * workplace or member) is refused with the field under `path`.
   */
  async evaluate(
    q: Queryable,
    a: { household: { id: string; size: number; members: { profile: CandidateProfile; pseudonym: string }[] }; currentMunicipalityCode: string; input: RelinkingInput; path: string; policy: Policy; target?: MunicipalityProfile },
  ): Promise<{ result: RelinkingResult; facts: RelinkingFacts }> {
    const ref = await this.reference.snapshot();
    const { input, path } = a;
    const job = input.job;
    const problems: FieldProblem[] = [];
    let iscoCode: string | null = null;
    if ((job.iscoCode == null) === (job.occupationId == null)) {
      problems.push({ field: `${path}.job.iscoCode`, rule: 'oneOf', message: `${path}.job takes an iscoCode or an occupationId (one of them)` });
    } else if (job.occupationId != null) {
      const o = ref.occupations.get(job.occupationId.toLowerCase());
      if (!o) problems.push({ field: `${path}.job.occupationId`, rule: 'exists', message: `occupationId ${job.occupationId} is not an ESCO occupation` });
      else iscoCode = o.iscoCode;
    } else if (!ref.iscoCodes.has(job.iscoCode!)) {
      problems.push({ field: `${path}.job.iscoCode`, rule: 'exists', message: `iscoCode ${job.iscoCode} is not an ISCO-08 group` });
    } else iscoCode = job.iscoCode!;
    let place: { municipalityCode: string; regionCode: string; lat: number; lon: number } | null = null;
    if (job.location) {
      const loc = resolveLocation(ref, job.location, `${path}.job.location`);
      if (Array.isArray(loc)) problems.push(...loc);
      else if (job.municipalityCode && loc.municipalityCode !== job.municipalityCode) {
        problems.push({ field: `${path}.job.location`, rule: 'insideMunicipality', message: `the workplace lies in ${loc.municipalityCode}, not in ${job.municipalityCode}` });
      } else place = loc;
    } else if (job.municipalityCode) {
      const m = ref.municipalities.get(job.municipalityCode);
      if (!m) problems.push({ field: `${path}.job.municipalityCode`, rule: 'exists', message: `municipalityCode ${job.municipalityCode} is not a municipality` });
      else place = { municipalityCode: m.code, regionCode: m.regionCode, lat: m.lat, lon: m.lon };
    } else {
      problems.push({ field: `${path}.job.municipalityCode`, rule: 'oneOf', message: `${path}.job needs the workplace: a municipalityCode or a location` });
    }
    let member: CandidateProfile | null = null;
    if (input.memberId) {
      member = a.household.members.find((m) => m.profile.id === input.memberId!.toLowerCase())?.profile ?? null;
      if (!member) problems.push({ field: `${path}.memberId`, rule: 'member', message: `memberId ${input.memberId} is not a member of the household` });
    }
    if (problems.length) throw new BadUserInputError(problems);
    const current = ref.municipalities.get(a.currentMunicipalityCode)!;
    // R15a "could not be found in the current region": unless the adviser established it, the
    // open vacancies of the same occupation group (the policy's digits) in the current region count.
    const digits = a.policy.params.relinkingIscoMatchDigits;
    let comparable: number | null = null;
    let established = input.comparableJobInCurrentRegion ?? null;
    const regionRows: { code: string; name: string }[] = await q.query('SELECT code, name FROM labour_market_region WHERE code = ANY($1::varchar[])', [[place!.regionCode, current.regionCode]]);
    if (established === null) {
      const [row] = await q.query(`SELECT count(*)::int AS n FROM vacancy WHERE status = 'OPEN' AND region_code = $1 AND left(isco_code, $2) = left($3, $2)`, [current.regionCode, digits, iscoCode]);
      const n: number = row.n;
      comparable = n;
      established = n > 0;
    }
    const regionName = regionRows.find((r) => r.code === place!.regionCode)?.name ?? null;
    const result = checkRelinking({
      candidate: member,
      household: { id: a.household.id, members: a.household.members.map((m) => m.profile), size: Math.max(a.household.size, a.household.members.length) },
      job: {
        iscoCode: iscoCode!,
        regionCode: place!.regionCode,
        regionName,
        municipalityCode: place!.municipalityCode,
        location: { lat: place!.lat, lon: place!.lon },
        signedContract: job.signedContract ?? true,
        contractMonths: job.contractMonths ?? null,
        monthlyWage: job.monthlyWage ?? null,
        payslip: job.payslip,
      },
      onDate: today(),
      policy: a.policy,
      housingOffered: input.housingOffered,
      integrationStarted: input.integrationStarted,
      currentRegionCode: current.regionCode,
      comparableJobInCurrentRegion: established,
      comparableJobsInCurrentRegion: comparable,
      target: a.target ?? null,
    });
    return {
      result,
      facts: {
        currentMunicipalityCode: current.code,
        currentRegionCode: current.regionCode,
        jobIscoCode: iscoCode!,
        jobMunicipalityCode: place!.municipalityCode,
        jobRegionCode: place!.regionCode,
        comparableVacanciesInCurrentRegion: comparable,
      },
    };
  }
}
