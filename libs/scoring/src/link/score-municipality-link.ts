import type { CandidateProfile } from '../model/candidate-profile';
import type { Explanation } from '../model/explanation';
import type { GeoPoint } from '../model/geo-point';
import type { Household } from '../model/household';
import type { MunicipalityProfile } from '../model/municipality-profile';
import type { RuleCheck, ScoreComponent, ScoreResult } from '../model/score-result';
import { compilePolicy } from '../policy/compiled-policy';
import { LINK_COMPONENTS, type Policy } from '../policy/policy';
import { type LabourDemand, labourDemandValue, lookupLabourDemand } from '../reference/labour-demand';
import { formatKm, formatNumber } from '../util/format';
import { distanceKm as haversineKm } from '../util/haversine';
import { ageOn, parseIsoDay } from '../util/iso-date';
import { ScoringInputError } from '../util/scoring-input-error';
import { type DistanceFn, checkHardTies, hardTiePoints, satisfiesHardTies } from './hard-ties';

/** What the matching engine found for one adult from this municipality (R14). */
export interface ReachableAdult {
  candidateId: string;
  /** Eligible vacancies within the adult's travel distance from the municipality. */
  eligibleVacancies: number;
  /** Mean job-match score of the best of those vacancies, in [0, 1]. */
  meanBestScore: number;
}

/** The caller's summary of reachable vacancies; an adult missing from it has none. */
export interface ReachableSummary {
  adults: ReachableAdult[];
}

/** What a municipality link needs besides the household and the municipality. */
export interface LinkContext {
  policy: Policy;
  /** Reference date `YYYY-MM-DD`: adults are members aged 18 or more on it (R16). */
  onDate: string;
  /** R11: persons the municipality can still house this period; null = unknown (not judged). */
  capacityLeft: number | null;
  labourDemand?: LabourDemand | null;
  /** R14: null/absent = not computed (both vacancy components neutral). */
  reachable?: ReachableSummary | null;
  /** Distance between points, km; great-circle by default (e.g. pass road distance). */
  distanceKm?: DistanceFn;
  /** R14: what the outcome model expects of the household here; null/absent = no model (neutral). */
  expectedEmployment?: ExpectedEmploymentValue | null;
}

/**
 * The outcome model's expectation for a household in one municipality (R14, R16: every adult
 * counted), computed by the caller (libs/outcome): the component's value is `share`.
 */
export interface ExpectedEmploymentValue {
  /** Expected adults in work at 24 months ÷ adults, in [0, 1]. */
  share: number;
  /** Expected adults in work at 24 months. */
  expected: number;
  adults: number;
  modelVersion: string;
  /** The largest contributions in words, already phrased by the caller. */
  reasons?: { nl: string; en: string }[];
}

/** A municipality link with every component and check explained (R11-R14, R16, R18). */
export interface MunicipalityLinkResult extends ScoreResult {
  householdId: string;
  municipalityCode: string;
  /** Ids of the members counted as adults (R16). */
  adultIds: string[];
}

type Name = (typeof LINK_COMPONENTS)[number];

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const n2 = (x: number, lang: 'nl' | 'en'): string => formatNumber(x, lang, 2);

/** The eight component values of a link, each in [0, 1] (see `scoreMunicipalityLink`), and the eligibility. */
export interface LinkValues {
  values: Record<Name, number>;
  score: number;
  eligible: boolean;
  adults: CandidateProfile[];
  size: number;
}

/**
 * What both link functions start from: the policy's link parameters, the distance and decay
 * functions, and the household checked, with its adults (R16: members aged 18 or more on the
 * reference date; a household of minors only counts every member).
 */
function linkSetup(household: Household, context: LinkContext) {
  const policy = context.policy;
  const cp = compilePolicy(policy);
  const lp = policy.params.link;
  const onDay = parseIsoDay(context.onDate, 'context.onDate');
  const members = household.members;
  if (!Array.isArray(members) || members.length === 0) throw new ScoringInputError(`household(${household.id}).members`, 'must hold at least one member');
  if (household.size !== undefined && !(Number.isInteger(household.size) && household.size >= members.length)) {
    throw new ScoringInputError(`household(${household.id}).size`, `must be a whole number of at least the ${members.length} members`);
  }
  const grown = members.filter((m) => ageOn(parseIsoDay(m.birthDate, `member(${m.id}).birthDate`), onDay) >= 18);
  return {
    policy,
    lp,
    neutral: lp.neutralValue,
    dist: context.distanceKm ?? haversineKm,
    decay: (km: number): number => Math.exp(cp.decayPerKm * km),
    members,
    adults: grown.length > 0 ? grown : members,
  };
}

/** What a link needs per municipality once the household is prepared (see `prepareLink`). */
export interface LinkScorer {
  /** The members counted as adults (R16). */
  adults: CandidateProfile[];
  size: number;
  /** `linkValues` for this household in one municipality. */
  values(args: { municipality: MunicipalityProfile; capacityLeft: number | null | undefined; reachable?: ReachableSummary | null; expectedEmployment?: number | null }): LinkValues;
  /** Its score alone (the same number; capacity does not enter the score). `expectedEmployment`: the model's share, null = none (neutral). */
  score(args: { municipality: MunicipalityProfile; reachable?: ReachableSummary | null; expectedEmployment?: number | null }): number;
  /** Its eligibility alone (R11, R12; the same answer as `values`). */
  eligible(args: { municipality: MunicipalityProfile; capacityLeft: number | null | undefined }): boolean;
}

/** The link components that do not depend on the reachable vacancies, in the order `prepareLink` keeps them. */
const FIXED = ['education', 'experience', 'network', 'preferences', 'labourDemand', 'currentJobOrSchool'] as const;
const FIXED_AT = Object.fromEntries(FIXED.map((name, i) => [name, i])) as Record<(typeof FIXED)[number], number>;

/**
 * The household's side of `linkValues`, done once for many municipalities: the checks and adults
 * of `linkSetup`, the hard-tie points (R12), the soft ties and the places of work or school, and
 * each adult's ISCO codes; the labour-demand components once per labour-market region, and
 * everything but the reachable vacancies once per municipality (object). `values` then adds the
 * reachable vacancies (R14), with the same arithmetic in the same order as `linkValues` (which is
 * this, for one municipality).
 */
export function prepareLink(args: { household: Household; context: Omit<LinkContext, 'capacityLeft' | 'reachable'> }): LinkScorer {
  const { household, context } = args;
  const { policy, lp, neutral, dist, decay, members, adults } = linkSetup(household, context as LinkContext);
  const demandByRegion = new Map<string, Map<string, number>>();
  const soft = members.flatMap((m) => m.ties.filter((t) => t.kind === 'FAMILY' && t.firstDegree === false));
  const withPlace = members.map((m) => m.ties.filter((t) => t.kind === 'WORK' || t.kind === 'EDUCATION')).filter((ts) => ts.length > 0);
  const educationCodes = adults.map((a) => a.diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : [])));
  const prospectCodes = adults.map((a) => [...a.occupations.map((o) => o.iscoCode), ...a.diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : [])), ...(a.preferences?.iscoGroups ?? [])]);
  let points: ReturnType<typeof hardTiePoints> | undefined;
  const size = household.size ?? members.length;
  const radiusKm = policy.params.tieRadiusKm;
  const demandIn = (regionCode: string): ((isco: string) => number) => {
    let cache = demandByRegion.get(regionCode);
    if (!cache) {
      cache = new Map();
      demandByRegion.set(regionCode, cache);
    }
    const known = cache;
    return (isco) => {
      let d = known.get(isco);
      if (d === undefined) {
        d = labourDemandValue(lookupLabourDemand({ labourDemand: context.labourDemand, regionCode, iscoCode: isco }), policy);
        known.set(isco, d);
      }
      return d;
    };
  };
  const perAdult = (f: (a: CandidateProfile, i: number) => number): number => mean(adults.map(f));
  // What depends on the labour-market region only (R13, R14 labour demand), once per region.
  const regional = new Map<string, { education: number; experience: number; labourDemand: number }>();
  const ofRegion = (regionCode: string) => {
    let r = regional.get(regionCode);
    if (!r) {
      const demand = demandIn(regionCode);
      const best = (codes: string[]): number => (codes.length === 0 ? neutral : Math.max(...codes.map(demand)));
      r = {
        education: perAdult((_, i) => best(educationCodes[i])),
        experience: perAdult((a) => {
          if (a.occupations.length === 0) return neutral;
          const total = a.occupations.reduce((sum, o) => sum + Math.max(0, o.years), 0);
          return Math.min(1, a.occupations.reduce((sum, o) => sum + demand(o.iscoCode) * (total > 0 ? Math.max(0, o.years) / total : 1 / a.occupations.length), 0));
        }),
        labourDemand: perAdult((_, i) => best(prospectCodes[i])),
      };
      regional.set(regionCode, r);
    }
    return r;
  };
  /** The nearest of `ties` to the municipality, km (0 for a tie in the municipality itself). */
  const nearestKm = (mun: MunicipalityProfile, ties: readonly { municipalityCode: string; location: GeoPoint }[]): number => {
    let nearest = Infinity;
    for (let i = 0; i < ties.length; i++) nearest = Math.min(nearest, ties[i].municipalityCode === mun.code ? 0 : dist(mun.centroid, ties[i].location));
    return nearest;
  };
  const preferenceValue = (a: CandidateProfile, mun: MunicipalityProfile): number => {
    const pr = a.preferences;
    if (!pr || (pr.municipalityCodes?.length ?? 0) + (pr.regionCodes?.length ?? 0) === 0) return neutral;
    if (pr.municipalityCodes?.includes(mun.code)) return lp.preferenceMunicipalityValue;
    if (pr.regionCodes?.includes(mun.regionCode) || pr.regionCodes?.includes(mun.provinceCode)) return lp.preferenceRegionValue;
    return lp.preferenceElsewhereValue;
  };
  // What depends on the municipality but not on its reachable vacancies, once per municipality:
  // six numbers in a column per municipality (FIXED order) and whether it meets the hard ties,
  // not an object each, so a household's hundreds of links leave no records behind to copy.
  const slotOf = new Map<MunicipalityProfile, number>();
  let fixed = new Float64Array(FIXED.length * 64);
  let ties = new Int8Array(64); // -1 not yet known, 0 fails R12, 1 meets it
  const slotFor = (mun: MunicipalityProfile): number => {
    let s = slotOf.get(mun);
    if (s !== undefined) return s;
    s = slotOf.size;
    if (s === ties.length) {
      const more = new Float64Array(fixed.length * 2);
      more.set(fixed);
      fixed = more;
      const moreTies = new Int8Array(ties.length * 2);
      moreTies.set(ties);
      ties = moreTies;
    }
    const r = ofRegion(mun.regionCode);
    const o = s * FIXED.length;
    // Loops rather than closures and arrays per municipality; the same sums in the same order.
    fixed[o + FIXED_AT.education] = r.education;
    fixed[o + FIXED_AT.experience] = r.experience;
    fixed[o + FIXED_AT.network] = soft.length === 0 ? neutral : neutral + (1 - neutral) * decay(nearestKm(mun, soft));
    let preferences = 0;
    for (let i = 0; i < adults.length; i++) preferences += preferenceValue(adults[i], mun);
    fixed[o + FIXED_AT.preferences] = preferences / adults.length;
    fixed[o + FIXED_AT.labourDemand] = r.labourDemand;
    let near = 0;
    for (let i = 0; i < withPlace.length; i++) near += decay(nearestKm(mun, withPlace[i]));
    fixed[o + FIXED_AT.currentJobOrSchool] = withPlace.length === 0 ? neutral : near / withPlace.length;
    ties[s] = -1;
    slotOf.set(mun, s);
    return s;
  };
  // Per component in LINK_COMPONENTS order: its weight and its column (-1: a vacancy component).
  const weights = LINK_COMPONENTS.map((name) => policy.linkWeights[name]);
  const columns = LINK_COMPONENTS.map((name) => (FIXED as readonly string[]).indexOf(name));
  const countAt = LINK_COMPONENTS.indexOf('vacancyCount');
  const employmentAt = LINK_COMPONENTS.indexOf('expectedEmployment');
  /** The score (and, into `out` when given, the component values) of one municipality. */
  const compute = (mun: MunicipalityProfile, summary: ReachableSummary | null | undefined, employment: number | null | undefined, out: Record<Name, number> | null): number => {
    const o = slotFor(mun) * FIXED.length;
    let vacancyCount = neutral;
    let vacancyQuality = neutral;
    if (summary) {
      // Per adult, their row of the summary (the last one, should an id repeat); the means summed
      // in the adults' order from 0, as perAdult sums them.
      const rows = summary.adults;
      let count = 0;
      let quality = 0;
      for (let i = 0; i < adults.length; i++) {
        let r: ReachableAdult | undefined;
        for (let j = rows.length - 1; j >= 0; j--) {
          if (rows[j].candidateId === adults[i].id) {
            r = rows[j];
            break;
          }
        }
        const k = Math.max(0, r?.eligibleVacancies ?? 0);
        count += k / (k + lp.vacancyCountHalfValue);
        quality += !r || r.eligibleVacancies <= 0 ? 0 : Math.min(1, Math.max(0, r.meanBestScore));
      }
      vacancyCount = count / adults.length;
      vacancyQuality = quality / adults.length;
    }
    let score = 0;
    for (let c = 0; c < weights.length; c++) {
      const column = columns[c];
      const raw = column >= 0 ? fixed[o + column] : c === countAt ? vacancyCount : c === employmentAt ? (employment ?? neutral) : vacancyQuality;
      const v = raw < 0 ? 0 : raw > 1 ? 1 : raw;
      if (out) out[LINK_COMPONENTS[c]] = v;
      score += weights[c] * v;
    }
    return score > 1 ? 1 : score;
  };
  const eligibleIn = (mun: MunicipalityProfile, cap: number | null | undefined): boolean => {
    const fits = cap === null || cap === undefined || size <= cap;
    if (!fits) return false;
    const s = slotFor(mun);
    if (ties[s] < 0) ties[s] = satisfiesHardTies({ points: (points ??= hardTiePoints({ household, policy })), municipality: mun, radiusKm, distanceKm: context.distanceKm }) ? 1 : 0;
    return ties[s] === 1;
  };
  const values: LinkScorer['values'] = ({ municipality: mun, capacityLeft: cap, reachable: summary, expectedEmployment: employment }) => {
    const out: Record<Name, number> = { education: 0, experience: 0, network: 0, preferences: 0, labourDemand: 0, vacancyCount: 0, vacancyQuality: 0, currentJobOrSchool: 0, expectedEmployment: 0 };
    const score = compute(mun, summary, employment, out);
    return { values: out, score, eligible: eligibleIn(mun, cap), adults, size };
  };
  const score: LinkScorer['score'] = ({ municipality: mun, reachable: summary, expectedEmployment: employment }) => compute(mun, summary, employment, null);
  const eligible: LinkScorer['eligible'] = ({ municipality: mun, capacityLeft: cap }) => eligibleIn(mun, cap);
  return { adults, size, values, score, eligible };
}

/**
 * The arithmetic of a municipality link without a word of explanation: the component values,
 * the score and the eligibility, exactly as `scoreMunicipalityLink` has them (it takes its
 * values from here). For ranking many municipalities, prepare the household once (`prepareLink`);
 * explain only what is shown.
 */
export function linkValues(args: { household: Household; municipality: MunicipalityProfile; context: LinkContext }): LinkValues {
  const { household, municipality, context } = args;
  return prepareLink({ household, context }).values({ municipality, capacityLeft: context.capacityLeft, reachable: context.reachable, expectedEmployment: context.expectedEmployment?.share ?? null });
}

/**
 * Scores a household for one municipality (R11-R14, R16). Checks: R11 the whole household fits in
 * the capacity left (unknown capacity is not judged); R12 every hard tie of every member lies
 * within the tie radius (see `checkHardTies`); R16 the household is placed together. Components,
 * each in [0, 1] with weights from `policy.linkWeights`, are averaged over the adults (R16: every
 * adult counts, not only the most employable one):
 * - education (R13): regional labour demand for the occupations the adults' diplomas lead to;
 * - experience (R13): regional labour demand for their held occupations, weighted by years;
 * - network (R13): nearness of the household's soft ties (FAMILY ties with `firstDegree: false`);
 * - preferences (R13): the municipality, or its labour-market region or province, preferred;
 * - labourDemand (R14): per adult the best demand over all their occupations, diplomas and
 *   preferred ISCO groups (their best prospect);
 * - vacancyCount, vacancyQuality (R14): the caller's reachable-vacancy summary;
 * - currentJobOrSchool: nearness of every member's current work or school, hard tie or not.
 * A component with no information takes `params.link.neutralValue`. The labour-demand lookup falls
 * back from 4- to 1-digit ISCO and counts a missing figure as neutral.
 */
export function scoreMunicipalityLink(args: { household: Household; municipality: MunicipalityProfile; context: LinkContext }): MunicipalityLinkResult {
  const { household, municipality: mun, context } = args;
  const { policy, lp, neutral, dist, decay, members, adults } = linkSetup(household, context);

  const demandCache = new Map<string, { value: number; text: Explanation }>();
  const demand = (isco: string): { value: number; text: Explanation } => {
    let d = demandCache.get(isco);
    if (!d) {
      const lookup = lookupLabourDemand({ labourDemand: context.labourDemand, regionCode: mun.regionCode, iscoCode: isco });
      const value = labourDemandValue(lookup, policy);
      d = lookup.figure
        ? {
            value,
            text: {
              nl: `ISCO ${isco}: ${n2(lookup.figure.tension, 'nl')} vacatures per kortdurend werkloze${lookup.digits < 4 ? ` (${lookup.digits}-cijferige groep ${lookup.iscoGroup})` : ''}`,
              en: `ISCO ${isco}: ${n2(lookup.figure.tension, 'en')} vacancies per short-term unemployed${lookup.digits < 4 ? ` (${lookup.digits}-digit group ${lookup.iscoGroup})` : ''}`,
            },
          }
        : { value, text: { nl: `ISCO ${isco}: geen cijfer, telt neutraal`, en: `ISCO ${isco}: no figure, counts as neutral` } };
      demandCache.set(isco, d);
    }
    return d;
  };

  /** Per adult: a value and a fragment; averaged with a joined reason. */
  const perAdult = (f: (a: CandidateProfile) => { value: number; nl: string; en: string }, lead: Explanation): { value: number; reason: Explanation } => {
    const parts = adults.map((a) => ({ id: a.id, ...f(a) }));
    return {
      value: mean(parts.map((p) => p.value)),
      reason: {
        nl: `${lead.nl} (gemiddelde over ${adults.length} volwassene${adults.length === 1 ? '' : 'n'}): ${parts.map((p) => `${p.id}: ${p.nl}`).join('; ')}.`,
        en: `${lead.en} (mean over ${adults.length} adult${adults.length === 1 ? '' : 's'}): ${parts.map((p) => `${p.id}: ${p.en}`).join('; ')}.`,
      },
    };
  };
  const neutralText = { nl: `neutraal (${n2(neutral, 'nl')})`, en: `neutral (${n2(neutral, 'en')})` };
  const best = (codes: string[]): { value: number; nl: string; en: string } => {
    if (codes.length === 0) return { value: neutral, nl: `geen gegevens, ${neutralText.nl}`, en: `no data, ${neutralText.en}` };
    const ds = codes.map(demand);
    const top = ds.reduce((a, b) => (b.value > a.value ? b : a));
    return { value: top.value, nl: top.text.nl, en: top.text.en };
  };

  const region = { nl: `in arbeidsmarktregio ${mun.regionCode}`, en: `in labour-market region ${mun.regionCode}` };
  const parts: Record<Name, () => { value: number; reason: Explanation }> = {
    education: () =>
      perAdult((a) => best(a.diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : []))), {
        nl: `Vraag naar de beroepen waar de diploma's toe opleiden, ${region.nl}`,
        en: `Demand for the occupations the diplomas lead to, ${region.en}`,
      }),
    experience: () =>
      perAdult(
        (a) => {
          if (a.occupations.length === 0) return { value: neutral, nl: `geen werkervaring opgegeven, ${neutralText.nl}`, en: `no work experience stated, ${neutralText.en}` };
          const total = a.occupations.reduce((s, o) => s + Math.max(0, o.years), 0);
          const value = a.occupations.reduce((s, o) => s + demand(o.iscoCode).value * (total > 0 ? Math.max(0, o.years) / total : 1 / a.occupations.length), 0);
          return {
            value: Math.min(1, value),
            nl: a.occupations.map((o) => `${demand(o.iscoCode).text.nl} (${formatNumber(o.years, 'nl')} jaar)`).join(', '),
            en: a.occupations.map((o) => `${demand(o.iscoCode).text.en} (${formatNumber(o.years, 'en')} years)`).join(', '),
          };
        },
        { nl: `Vraag naar de beroepen waarin gewerkt is, gewogen naar jaren, ${region.nl}`, en: `Demand for the occupations worked in, weighted by years, ${region.en}` },
      ),
    network: () => {
      const soft = members.flatMap((m) => m.ties.filter((t) => t.kind === 'FAMILY' && t.firstDegree === false));
      if (soft.length === 0) return { value: neutral, reason: { nl: `Geen sociaal netwerk opgegeven; ${neutralText.nl}.`, en: `No social network stated; ${neutralText.en}.` } };
      const km = Math.min(...soft.map((t) => (t.municipalityCode === mun.code ? 0 : dist(mun.centroid, t.location))));
      return {
        value: neutral + (1 - neutral) * decay(km),
        reason: { nl: `Dichtstbijzijnde netwerk (familie of vrienden, geen harde binding) op ${formatKm(km, 'nl')}.`, en: `Nearest network (family or friends, not a hard tie) at ${formatKm(km, 'en')}.` },
      };
    },
    preferences: () =>
      perAdult(
        (a) => {
          const p = a.preferences;
          const places = (p?.municipalityCodes?.length ?? 0) + (p?.regionCodes?.length ?? 0);
          if (!p || places === 0) return { value: neutral, nl: `geen voorkeur, ${neutralText.nl}`, en: `no preference, ${neutralText.en}` };
          if (p.municipalityCodes?.includes(mun.code)) return { value: lp.preferenceMunicipalityValue, nl: `voorkeur voor ${mun.name}`, en: `prefers ${mun.name}` };
          if (p.regionCodes?.includes(mun.regionCode) || p.regionCodes?.includes(mun.provinceCode)) return { value: lp.preferenceRegionValue, nl: 'voorkeur voor deze regio', en: 'prefers this region' };
          return { value: lp.preferenceElsewhereValue, nl: 'voorkeur voor elders', en: 'prefers elsewhere' };
        },
        { nl: `Voorkeuren voor ${mun.name}`, en: `Preferences for ${mun.name}` },
      ),
    labourDemand: () =>
      perAdult(
        (a) =>
          best([
            ...a.occupations.map((o) => o.iscoCode),
            ...a.diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : [])),
            ...(a.preferences?.iscoGroups ?? []),
          ]),
        { nl: `Beste kans op werk: hoogste vraag naar een van de eigen of gewenste beroepen ${region.nl}`, en: `Best prospect: highest demand for any own or wished-for occupation ${region.en}` },
      ),
    vacancyCount: () => {
      if (!context.reachable) return { value: neutral, reason: { nl: `Bereikbare vacatures niet berekend; ${neutralText.nl}.`, en: `Reachable vacancies not computed; ${neutralText.en}.` } };
      const byId = new Map(context.reachable.adults.map((r) => [r.candidateId, r]));
      const half = lp.vacancyCountHalfValue;
      return perAdult(
        (a) => {
          const k = Math.max(0, byId.get(a.id)?.eligibleVacancies ?? 0);
          return { value: k / (k + half), nl: `${k} passende vacatures`, en: `${k} eligible vacancies` };
        },
        { nl: `Aantal bereikbare passende vacatures (waarde 0,5 bij ${formatNumber(half, 'nl')})`, en: `Number of reachable eligible vacancies (value 0.5 at ${formatNumber(half, 'en')})` },
      );
    },
    vacancyQuality: () => {
      if (!context.reachable) return { value: neutral, reason: { nl: `Bereikbare vacatures niet berekend; ${neutralText.nl}.`, en: `Reachable vacancies not computed; ${neutralText.en}.` } };
      const byId = new Map(context.reachable.adults.map((r) => [r.candidateId, r]));
      return perAdult(
        (a) => {
          const r = byId.get(a.id);
          if (!r || r.eligibleVacancies <= 0) return { value: 0, nl: 'geen passende vacature', en: 'no eligible vacancy' };
          const q = Math.min(1, Math.max(0, r.meanBestScore));
          return { value: q, nl: `gemiddelde score van de beste ${n2(q, 'nl')}`, en: `mean score of the best ${n2(q, 'en')}` };
        },
        { nl: 'Kwaliteit van de bereikbare vacatures', en: 'Quality of the reachable vacancies' },
      );
    },
    expectedEmployment: () => {
      const e = context.expectedEmployment;
      if (!e) return { value: neutral, reason: { nl: `Geen uitkomstmodel geladen; ${neutralText.nl}.`, en: `No outcome model loaded; ${neutralText.en}.` } };
      const why = (lang: 'nl' | 'en') => (e.reasons?.length ? ` ${lang === 'nl' ? 'Grootste invloeden' : 'Largest effects'}: ${e.reasons.map((r) => r[lang]).join('; ')}.` : '');
      return {
        value: e.share,
        reason: {
          nl: `Verwacht aan het werk na 24 maanden (uitkomstmodel ${e.modelVersion}): ${n2(e.expected, 'nl')} van ${e.adults} volwassene${e.adults === 1 ? '' : 'n'}.${why('nl')}`,
          en: `Expected in work at 24 months (outcome model ${e.modelVersion}): ${n2(e.expected, 'en')} of ${e.adults} adult${e.adults === 1 ? '' : 's'}.${why('en')}`,
        },
      };
    },
    currentJobOrSchool: () => {
      const withPlace = members
        .map((m) => ({ m, ts: m.ties.filter((t) => t.kind === 'WORK' || t.kind === 'EDUCATION') }))
        .filter((x) => x.ts.length > 0);
      if (withPlace.length === 0) return { value: neutral, reason: { nl: `Niemand heeft nu werk of school; ${neutralText.nl}.`, en: `No one has a current job or school; ${neutralText.en}.` } };
      const each = withPlace.map(({ m, ts }) => ({ id: m.id, km: Math.min(...ts.map((t) => (t.municipalityCode === mun.code ? 0 : dist(mun.centroid, t.location)))) }));
      return {
        value: mean(each.map((x) => decay(x.km))),
        reason: {
          nl: `Afstand tot huidig werk of school (ook als dat geen harde binding is): ${each.map((x) => `${x.id} ${formatKm(x.km, 'nl')}`).join(', ')}.`,
          en: `Distance to the current job or school (even when not a hard tie): ${each.map((x) => `${x.id} ${formatKm(x.km, 'en')}`).join(', ')}.`,
        },
      };
    },
  };

  // The values (and so the score) come from linkValues: one arithmetic for both paths.
  const fast = linkValues(args);
  let score = 0;
  const w = policy.linkWeights;
  // With no outcome model and no weight the component says nothing: it is left out, so an
  // answer without a model is what it was before the component existed.
  const listed = LINK_COMPONENTS.filter((name) => name !== 'expectedEmployment' || w.expectedEmployment > 0 || !!context.expectedEmployment);
  const components: ScoreComponent[] = listed.map((name) => {
    const { reason } = parts[name]();
    const v = fast.values[name];
    const contribution = w[name] * v;
    score += contribution;
    return { name, value: v, weight: w[name], contribution, reason };
  });
  if (score > 1) score = 1;

  const size = household.size ?? members.length;
  const cap = context.capacityLeft;
  const capacity: RuleCheck =
    cap === null || cap === undefined
      ? { rule: 'R11', passed: true, reason: { nl: `Resterende taakstelling van ${mun.name} onbekend; niet getoetst.`, en: `Remaining housing task of ${mun.name} unknown; not checked.` } }
      : size <= cap
        ? { rule: 'R11', passed: true, reason: { nl: `${mun.name} kan deze periode nog ${cap} personen huisvesten; het huishouden telt ${size}.`, en: `${mun.name} can still house ${cap} persons this period; the household has ${size}.` } }
        : { rule: 'R11', passed: false, reason: { nl: `${mun.name} kan deze periode nog ${Math.max(0, cap)} personen huisvesten; het huishouden telt ${size}: vol.`, en: `${mun.name} can still house ${Math.max(0, cap)} persons this period; the household has ${size}: full.` } };
  const ties = checkHardTies({ household, municipality: mun, policy, distanceKm: context.distanceKm });
  const together: RuleCheck = {
    rule: 'R16',
    passed: true,
    reason: {
      nl: `Het huishouden (${size} personen, ${adults.length} volwassene${adults.length === 1 ? '' : 'n'}) wordt samen geplaatst; elke volwassene telt mee in de score.`,
      en: `The household (${size} persons, ${adults.length} adult${adults.length === 1 ? '' : 's'}) is placed together; every adult counts in the score.`,
    },
  };
  const checks = [capacity, ...ties.checks, together];
  return {
    householdId: household.id,
    municipalityCode: mun.code,
    adultIds: adults.map((a) => a.id),
    eligible: checks.every((c) => c.passed),
    score,
    components,
    checks,
    policyVersion: policy.version,
  };
}
