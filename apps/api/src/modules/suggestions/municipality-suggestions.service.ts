import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prepareHouseholdOutlook } from '@kansrijk/outcome';
import {
  checkLinkable,
  explainInfeasibility,
  hardTiePoints,
  prepareLink,
  satisfiesHardTies,
  scoreMunicipalityLink,
  type Household as ScoringHousehold,
  type MunicipalityProfile,
  type ReachableSummary,
} from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { inScope } from '../../common/auth/tenancy';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { periodOf } from '../housing/housing-task';
import { CapacityService } from '../linking/capacity.service';
import { loadHousehold } from '../matching/profile-loader';
import { MatchingService, today } from '../matching/matching.service';
import { ReferenceIndex, type ReferenceSnapshot } from '../reference/reference-index.service';
import { OutcomeModelService } from '../outcome/outcome-model.service';
import { PlacePricesStore, type CurrentPlacePrices } from '../place-prices/place-prices.store';
import { ExplainLinkArgs, MunicipalitySuggestionsArgs } from './dto/suggestion.args';
import { Language, LinkExplanation, MunicipalityScore, MunicipalitySuggestion, MunicipalitySuggestionResult, SuggestionMode } from './models/suggestion.models';
import { placePriceComponent } from './place-price-component';
import { byLabel, memberLabels, relabel } from './member-labels';
import { PolicyService } from './policy.service';
import { checks, components, inputHash, round } from './suggestion-format';
import { householdWeight, rankOrder, topByBound, waitingDays, type PlacementWeighting } from '@kansrijk/matching';

/**
 * Municipalities for a household (issue 5; R11-R14, R16): every municipality is checked against
 * the hard rules and scored without its reachable vacancies, the reachable vacancies of every
 * adult are counted everywhere at once, and the best scores are found only where they can still
 * decide the list (see `topByBound`). The list served is written to the audit trail (R19).
 */
@Injectable()
export class MunicipalitySuggestionsService implements OnApplicationBootstrap {
  private profiles?: { of: ReferenceSnapshot; list: MunicipalityProfile[] };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly matching: MatchingService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly capacity: CapacityService,
    private readonly reference: ReferenceIndex,
    private readonly outcome: OutcomeModelService,
    private readonly placePrices: PlacePricesStore,
  ) {}

  /** `withScores`: also every municipality's score (the `scores` field, for a map), at the cost of completing every eligible one. */
  async municipalitySuggestions(principal: Principal, args: MunicipalitySuggestionsArgs, withScores = false): Promise<MunicipalitySuggestionResult> {
    const policy = this.policies.resolve(args.policy, 'policy', args.onDate);
    const onDate = args.onDate ?? today();
    const period = args.period ?? periodOf(new Date(`${onDate}T00:00:00Z`));
    // The household and the period's capacity (R11) are one statement each and independent: side
    // by side (one round trip on a server; the embedded database's wire server keeps each
    // connection's statements whole).
    const [household, capacity, prices] = await Promise.all([
      this.household(principal, args.householdId),
      this.capacity.forPeriod(period, policy, undefined, args.householdId),
      args.mode === SuggestionMode.DYNAMIC ? this.placePrices.current(period) : null,
    ]);
    const municipalities = await this.municipalities();
    const dynamic = dynamicMode(args.mode, prices, period);
    // R2: only a status holders' household is linked; anything else is answered, not listed.
    if (!household.linkable.passed) return this.notLinkable(principal, args, household, policy, onDate, period, dynamic);
    const persons = household.scoring.size ?? household.scoring.members.length;
    // DYNAMIC (R11 over the rest of the period): the places a household takes cost their price, a
    // constant per municipality, so a bound on the link score less it is still a bound on the
    // dynamic score and the list is found the same way. Hard rules are untouched: only eligible
    // municipalities are ranked, in either mode.
    // The household's weight in the plan the prices come from (the policy's placementWeight).
    const priceWeight = householdWeight(
      policy.params.placementWeight.toLowerCase() as PlacementWeighting,
      persons,
      waitingDays(household.scoring.members, onDate),
      policy.params.placementWaitingDoublingDays,
    );
    const priceOf = (m: MunicipalityProfile) => (prices && dynamic.mode === SuggestionMode.DYNAMIC ? placePriceComponent({ municipalityName: m.name, persons, weight: priceWeight, stored: prices.byCode.get(m.code), highest: prices.highest }) : null);
    const penalty = new Map(prices && dynamic.mode === SuggestionMode.DYNAMIC ? municipalities.map((m) => [m.code, -priceOf(m)!.contribution]) : []);
    const ties = hardTiePoints({ household: household.scoring, policy });
    const radiusKm = policy.params.tieRadiusKm;
    // R12 first: only municipalities within the radius of every hard tie can be eligible.
    const withinTies = municipalities.filter((m) => satisfiesHardTies({ points: ties, municipality: m, radiusKm }));
    const candidates = args.includeIneligible ? municipalities : withinTies;
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const adults = household.adults;
    const labourDemand = ctx.labourDemand;
    // The household's side of every link once; per municipality only what depends on it.
    const scorer = prepareLink({ household: household.scoring, context: { policy, onDate, labourDemand } });
    // R14, R16: the outcome model's expected adults in work, when a model is loaded and there are adults.
    const model = this.outcome.current()?.model ?? null;
    const outlook = model && adults.length > 0 ? prepareHouseholdOutlook({ model, adults: household.adultProfiles, onDate, labourDemand }) : null;
    // Per pool position, the model's share; only needed before the list is decided when the policy weighs it.
    let shareAt: Float64Array | null = null;
    const scoreOf = (m: MunicipalityProfile, reachable: ReachableSummary, position = -1) =>
      scorer.score({ municipality: m, reachable, expectedEmployment: shareAt && position >= 0 ? shareAt[position] : null }) - (penalty.get(m.code) ?? 0);
    // Every municipality once, without words and without reachable vacancies (an empty summary):
    // eligibility (R11, R12, R16) does not depend on them. One ranked item per municipality that
    // can be listed, nothing else per municipality.
    const empty: ReachableSummary = { adults: [] };
    let eligibleCount = 0;
    const pool: { key: string; eligible: boolean; score: number; m: MunicipalityProfile; position: number; upper: number }[] = [];
    for (const m of candidates) {
      const eligible = scorer.eligible({ municipality: m, capacityLeft: capacity.left(m.code) });
      if (eligible) eligibleCount++;
      else if (!args.includeIneligible) continue;
      const score = scoreOf(m, empty);
      pool.push({ key: m.code, eligible, score, m, position: pool.length, upper: score });
    }
    const reachableOf = new Map<string, ReachableSummary>();
    let countsOf: ((position: number) => number[]) | null = null;
    let ranked: typeof pool;
    let session: ReturnType<typeof index.reachableSession> | null = null;
    if (adults.length === 0 || pool.length === 0) ranked = [...pool].sort(rankOrder).slice(0, args.take);
    else {
      // R14 for every adult: exact counts everywhere at once, the best scores only where they
      // can still decide the list. The link score only rises with either, so the score with
      // each adult's bound on the mean of the best is an upper bound (see topByBound).
      // The adults as profiles: one written by another process a moment ago need not be held by the index yet.
      const open = index.reachableSession({ adults: household.adultProfiles, municipalities: pool.map((p) => p.m), context: ctx, radiusKm });
      session = open;
      const countsAt = (position: number) => adults.map((_, k) => open.counts[k][position]);
      if (outlook && policy.linkWeights.expectedEmployment > 0) shareAt = Float64Array.from(pool, (p) => outlook.share(p.m, countsAt(p.position)));
      countsOf = countsAt;
      // One summary, refilled per municipality (the scorer keeps nothing of it).
      const scratch: ReachableSummary = { adults: adults.map((a) => ({ candidateId: a.id, eligibleVacancies: 0, meanBestScore: 0 })) };
      const bounded = (p: (typeof pool)[number], upper: (adult: number, position: number) => number): ReachableSummary => {
        scratch.adults.forEach((row, k) => {
          row.eligibleVacancies = open.counts[k][p.position];
          row.meanBestScore = upper(k, p.position);
        });
        return scratch;
      };
      // First every municipality with each adult's bound that holds anywhere (free: the passes
      // know it); the bound read off the blocks around a municipality only for those a chunk
      // reaches, as most never can make the list.
      for (const p of pool) p.upper = scoreOf(p.m, bounded(p, open.anywhereUpper), p.position);
      ranked = topByBound({
        items: pool,
        upper: (p) => p.upper,
        take: args.take,
        chunk: Math.max(8, args.take),
        // The bound read off the blocks around a municipality, once it comes to the front; what
        // completed chunks read (blocks whose waiting vacancies they scored) tightens it further.
        rebound: (chunk) => {
          for (const p of chunk) p.upper = scoreOf(p.m, bounded(p, open.bestUpper), p.position);
        },
        complete: (chunk) => {
          open.complete(chunk.map((c) => c.position)).forEach((x) => reachableOf.set(x.municipalityCode, x.reachable));
          return chunk.map((c) => ({ ...c, score: scoreOf(c.m, reachableOf.get(c.m.code)!, c.position) }));
        },
      }).top;
    }
    const { pseudonymOf, labels } = household;
    const named = <T extends { reason: { nl: string; en: string } }>(cs: T[]): T[] => byLabel(cs, labels);
    // Words only for what is shown (the same score: scoreMunicipalityLink takes linkValues' values).
    const items: MunicipalitySuggestion[] = ranked.map((s, i) => {
      const seen = outlook && countsOf ? outlook.explain(s.m, countsOf(s.position), 3) : null;
      const r = scoreMunicipalityLink({
        household: household.scoring,
        municipality: s.m,
        context: {
          policy,
          onDate,
          capacityLeft: capacity.left(s.m.code),
          labourDemand,
          reachable: reachableOf.get(s.m.code) ?? { adults: [] },
          expectedEmployment: seen
            ? { share: seen.share, expected: seen.expected, adults: seen.adults, modelVersion: seen.modelVersion, reasons: seen.contributions.map((c) => ({ nl: c.reasonNl, en: c.reasonEn })) }
            : null,
        },
      });
      // The price of the places as its own component: the components still sum to the score (R18).
      const price = priceOf(s.m);
      if (price) {
        r.components.push(price);
        r.score += price.contribution;
      }
      return {
        rank: i + 1,
        municipalityCode: s.m.code,
        municipalityName: s.m.name,
        labourMarketRegionCode: s.m.regionCode,
        score: r.score,
        eligible: r.eligible,
        capacityLeft: capacity.left(s.m.code),
        reachable: (reachableOf.get(s.m.code)?.adults ?? []).map((a) => ({ pseudonym: pseudonymOf.get(a.candidateId) ?? '', eligibleVacancies: a.eligibleVacancies, meanBestScore: round(a.meanBestScore) })),
        components: components(named(r.components), args.language),
        checks: checks(named(r.checks), args.language),
        policyVersion: policy.version,
        expectedEmployment: seen
          ? {
              modelVersion: seen.modelVersion,
              adults: seen.adults,
              expected: seen.expected,
              share: seen.share,
              contributions: seen.contributions.map((c) => ({ term: c.term, effect: c.effect, reason: args.language === Language.NL ? c.reasonNl : c.reasonEn, reasonNl: c.reasonNl, reasonEn: c.reasonEn })),
            }
          : null,
      };
    });
    // The map's view (only when asked, and before anything awaits: a session answers only until the
    // next one begins): every eligible municipality completed and scored exactly as the list scores.
    let scores: MunicipalityScore[] = [];
    if (withScores) {
      const rest = pool.filter((p) => p.eligible && !reachableOf.has(p.m.code));
      if (session && rest.length) session.complete(rest.map((p) => p.position)).forEach((x) => reachableOf.set(x.municipalityCode, x.reachable));
      const eligibleAt = new Map(pool.filter((p) => p.eligible).map((p) => [p.m.code, p]));
      const within = new Set(withinTies.map((m) => m.code));
      scores = municipalities.map((m) => {
        const p = eligibleAt.get(m.code);
        return {
          municipalityCode: m.code,
          municipalityName: m.name,
          eligible: !!p,
          score: p ? scoreOf(m, reachableOf.get(m.code) ?? empty, p.position) : null,
          capacityLeft: capacity.left(m.code),
          excludedBy: p ? null : within.has(m.code) ? 'R11' : 'R12',
        };
      });
    }
    const feasible = eligibleCount > 0;
    const nameOf = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
    const cause = feasible
      ? null
      : explainInfeasibility({ household: household.scoring, municipalities, policy, period, withinTies, capacityLeft: (code) => capacity.left(code), nameOf, persons });
    const why = cause ? { nl: relabel(cause.nl, labels, 'nl'), en: relabel(cause.en, labels, 'en') } : null;
    const suggestionId = await this.audit.record(principal, {
      action: 'suggestions.municipalities',
      subjectType: 'household',
      subjectRefs: [household.scoring.id, ...adults.map((a) => a.pseudonym)],
      details: {
        query: 'municipalitySuggestions',
        inputHash: inputHash(args),
        policyVersion: policy.version,
        ...(outlook ? { outcomeModelVersion: model!.version } : {}),
        mode: dynamic.mode,
        ...(dynamic.placePriceVersion ? { placePriceVersion: dynamic.placePriceVersion } : {}),
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
      eligibleCount,
      policyVersion: policy.version,
      outcomeModelVersion: outlook ? model!.version : null,
      ...modeFields(dynamic, args.language),
      suggestionId,
      scores,
    };
  }

  /**
   * One household–municipality pair taken apart (R11-R14, R16, R18), whether or not it makes the
   * list: what a map shows when any municipality is selected. Audited like a served list (R19).
   */
  async explainLink(principal: Principal, args: ExplainLinkArgs): Promise<LinkExplanation> {
    const policy = this.policies.resolve(args.policy, 'policy', args.onDate);
    const onDate = args.onDate ?? today();
    const period = args.period ?? periodOf(new Date(`${onDate}T00:00:00Z`));
    const m = (await this.municipalities()).find((x) => x.code === args.municipalityCode);
    if (!m) throw BadUserInputError.of('municipalityCode', 'exists', `${args.municipalityCode} is not a municipality`);
    const household = await this.household(principal, args.householdId);
    const capacity = await this.capacity.forPeriod(period, policy, undefined, args.householdId);
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const adults = household.adults;
    const open = adults.length === 0 ? null : index.reachableSession({ adults: household.adultProfiles, municipalities: [m], context: ctx, radiusKm: policy.params.tieRadiusKm });
    const reachable: ReachableSummary = open ? open.complete([0])[0].reachable : { adults: [] };
    // The outcome model's expected adults in work, as the list shows it (R16), when a model is loaded.
    const model = this.outcome.current()?.model ?? null;
    const outlook = model && open ? prepareHouseholdOutlook({ model, adults: household.adultProfiles, onDate, labourDemand: ctx.labourDemand }) : null;
    const seen = outlook && open ? outlook.explain(m, adults.map((_, k) => open.counts[k][0]), 3) : null;
    const capacityLeft = capacity.left(m.code);
    const r = scoreMunicipalityLink({
      household: household.scoring,
      municipality: m,
      context: {
        policy,
        onDate,
        capacityLeft,
        labourDemand: ctx.labourDemand,
        reachable,
        expectedEmployment: seen
          ? { share: seen.share, expected: seen.expected, adults: seen.adults, modelVersion: seen.modelVersion, reasons: seen.contributions.map((c) => ({ nl: c.reasonNl, en: c.reasonEn })) }
          : null,
      },
    });
    const pseudonymOf = new Map(adults.map((a) => [a.id, a.pseudonym]));
    // R2: a household that is not a status holders' cannot be linked anywhere: say so first.
    const linkable = household.linkable.passed ? [] : [household.linkable];
    const eligible = r.eligible && household.linkable.passed;
    await this.audit.record(principal, {
      action: 'suggestions.explainLink',
      subjectType: 'household',
      subjectRefs: [household.scoring.id, ...adults.map((a) => a.pseudonym)],
      details: { query: 'explainLink', inputHash: inputHash(args), policyVersion: policy.version, onDate, period, municipalityCode: m.code, score: round(r.score), eligible },
    });
    return {
      municipalityCode: m.code,
      municipalityName: m.name,
      labourMarketRegionCode: m.regionCode,
      score: r.score,
      eligible,
      capacityLeft,
      period,
      reachable: reachable.adults.map((a) => ({ pseudonym: pseudonymOf.get(a.candidateId) ?? '', eligibleVacancies: a.eligibleVacancies, meanBestScore: round(a.meanBestScore) })),
      components: components(byLabel(r.components, household.labels), args.language),
      checks: checks(byLabel([...linkable, ...r.checks], household.labels), args.language),
      policyVersion: policy.version,
    };
  }

  /**
   * The household the caller may see (platforms: their own), with the members the caller may
   * see (a household written before the one-tenant rule may hold another tenant's person, who
   * is neither scored nor named here) and, of its adults, the pseudonyms.
   */
  private async household(principal: Principal, id: string) {
    const found = await loadHousehold(this.ds, id);
    if (!found || !inScope(principal, found.tenant)) throw new NotFoundError('household', id);
    const h = { ...found, members: found.members.filter((m) => inScope(principal, m.tenant)) };
    if (h.members.length === 0) throw BadUserInputError.of('householdId', 'hasMembers', `household ${id} has no members left`);
    const onDate = today();
    const adultLimit = `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;
    const scoring: ScoringHousehold = { id: h.id, members: h.members.map((m) => m.profile), size: Math.max(h.size, h.members.length) };
    // R16: the adults, each of whom counts in the reachable vacancies.
    const grown = h.members.filter((m) => m.profile.birthDate <= adultLimit);
    const adults = grown.map((m) => ({ id: m.profile.id, pseudonym: m.pseudonym }));
    // R20: people in reasons by label ("adult 1 (34)"), evaluators by pseudonym; never by record id.
    const labels = memberLabels(principal, h.members, onDate);
    const linkable = byLabel([checkLinkable(scoring)], labels)[0];
    return { scoring, adults, adultProfiles: grown.map((m) => m.profile), pseudonymOf: new Map(h.members.map((m) => [m.profile.id, m.pseudonym])), labels, linkable };
  }

  /** R2: the answer for a household that is not a status holders': not feasible, no list, the rule and who; audited like a list. */
  private async notLinkable(
    principal: Principal,
    args: MunicipalitySuggestionsArgs,
    household: Awaited<ReturnType<MunicipalitySuggestionsService['household']>>,
    policy: { version: string },
    onDate: string,
    period: string,
    dynamic: ModeUsed,
  ): Promise<MunicipalitySuggestionResult> {
    const why = household.linkable.reason;
    const suggestionId = await this.audit.record(principal, {
      action: 'suggestions.municipalities',
      subjectType: 'household',
      subjectRefs: [household.scoring.id, ...household.adults.map((a) => a.pseudonym)],
      details: { query: 'municipalitySuggestions', inputHash: inputHash(args), policyVersion: policy.version, onDate, period, feasible: false, refusedBy: 'R2', ranked: [] },
    });
    return {
      items: [],
      feasible: false,
      reason: args.language === Language.NL ? why.nl : why.en,
      reasonNl: why.nl,
      reasonEn: why.en,
      period,
      eligibleCount: 0,
      policyVersion: policy.version,
      outcomeModelVersion: null,
      ...modeFields(dynamic, args.language),
      suggestionId,
      scores: [],
    };
  }

  /**
   * Prepares, once the API is up, what the first household's suggestions would otherwise build
   * on the request path (measured 2.2 s for the first household screen after a start, 0.1-0.4 s
   * after): the vacancy grid and every municipality's search area at the policy's tie radius
   * (R12, R14), from one reachable session of a held candidate over all municipalities. In the
   * background, not awaited: the start is not delayed, and a failure only leaves the work to the
   * first request.
   */
  onApplicationBootstrap(): void {
    const timer = setTimeout(() => {
      this.warmUp().catch((err: Error) => new Logger('MunicipalitySuggestions').debug(`warm-up skipped: ${err.message}`));
    }, 0);
    timer.unref();
  }

  private async warmUp(): Promise<void> {
    const rows: { id: string }[] = await this.ds.query('SELECT id FROM candidate ORDER BY id LIMIT 1');
    if (rows.length === 0) return;
    const index = await this.matching.matchingIndex();
    const onDate = today();
    const policy = this.policies.resolve(undefined, 'policy', onDate);
    const ctx = await this.matching.context(policy, onDate);
    const adult = index.preparedCandidate(rows[0].id, ctx)?.profile;
    if (!adult) return;
    const municipalities = await this.municipalities();
    const session = index.reachableSession({ adults: [adult], municipalities, context: ctx, radiusKm: policy.params.tieRadiusKm });
    session.complete(municipalities.map((_, i) => i));
  }

  /** The municipalities as scoring profiles, made once per reference snapshot. */
  private async municipalities(): Promise<MunicipalityProfile[]> {
    const ref = await this.reference.snapshot();
    if (this.profiles?.of !== ref) {
      const list = [...ref.municipalities.values()].map((m) => ({
        code: m.code,
        name: m.name,
        regionCode: m.regionCode,
        provinceCode: m.provinceCode,
        centroid: { lat: m.lat, lon: m.lon },
        population: m.population,
      }));
      this.profiles = { of: ref, list };
    }
    return this.profiles.list;
  }
}

/** The mode a list is ranked in, the prices used, and why it is not the mode asked for. */
interface ModeUsed {
  mode: SuggestionMode;
  placePriceVersion: string | null;
  note: { nl: string; en: string } | null;
}

/** DYNAMIC needs the period's prices: without them the list is static, and says so. */
function dynamicMode(asked: SuggestionMode, prices: CurrentPlacePrices | null, period: string): ModeUsed {
  if (asked !== SuggestionMode.DYNAMIC) return { mode: SuggestionMode.STATIC, placePriceVersion: null, note: null };
  if (prices) return { mode: SuggestionMode.DYNAMIC, placePriceVersion: prices.priceVersion, note: null };
  return {
    mode: SuggestionMode.STATIC,
    placePriceVersion: null,
    note: {
      nl: `Voor ${period} zijn nog geen plaatsprijzen berekend, dus deze lijst is statisch gerangschikt (op de eigen koppelscore). Een beheerder kan ze laten berekenen met recomputePlacePrices.`,
      en: `No place prices have been computed for ${period} yet, so this list is ranked statically (by the household's own link score). An admin can have them computed with recomputePlacePrices.`,
    },
  };
}

const modeFields = (m: ModeUsed, language: Language) => ({
  mode: m.mode,
  placePriceVersion: m.placePriceVersion,
  modeNote: m.note ? (language === Language.NL ? m.note.nl : m.note.en) : null,
  modeNoteNl: m.note?.nl ?? null,
  modeNoteEn: m.note?.en ?? null,
});
