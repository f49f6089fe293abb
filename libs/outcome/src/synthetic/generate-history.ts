import { CEFR_LEVELS, EDUCATION_LEVELS, formatIsoDay, parseIsoDay, type Cefr, type DiplomaStatus, type EducationLevel, type IntegrationRoute } from '@kansrijk/scoring';
import { readCase } from '../features/raw-case';
import { compileTerms } from '../features/terms';
import type { HistoryRecord } from '../model/history-record';
import { OutcomeInputError } from '../outcome-input-error';
import { mulberry32, normal } from '../util/random';
import { DEFAULT_GROUND_TRUTH, validateGroundTruth, type GroundTruth } from './ground-truth';

/** A municipality a synthetic adult can be linked to. */
export interface SyntheticMunicipality {
  code: string;
  regionCode: string;
  population: number;
}

/**
 * A deliberate proxy for origin: adults born in `origin` get `feature` shifted by `strength`
 * (CEFR steps for dutch and english, levels for education, 8 hours a week for hours, 4 years for
 * experience), so the model's inputs stand in for their origin and the proxy audit should say so.
 */
export interface PlantedProxy {
  origin: string;
  feature: 'english' | 'dutch' | 'education' | 'hours' | 'experience';
  strength: number;
}
export const PROXY_FEATURES: readonly PlantedProxy['feature'][] = ['english', 'dutch', 'education', 'hours', 'experience'];

/** Countries of birth of the synthetic adults, with weights (the larger groups of recent permit holders). */
export const SYNTHETIC_ORIGINS: readonly (readonly [string, number])[] = [
  ['SY', 30],
  ['ER', 14],
  ['TR', 12],
  ['AF', 10],
  ['YE', 8],
  ['IR', 5],
  ['IQ', 5],
  ['SO', 5],
  ['ET', 4],
  ['SD', 4],
  ['LB', 3],
];
const ISCO = ['5120', '9112', '7112', '8322', '2221', '2512', '7231', '5223', '9333', '6111', '5131', '3221', '7411', '4110', '9412'];

/** One generated history with what the truth says about each row. */
export interface SyntheticHistory {
  records: HistoryRecord[];
  /** True P(employed within 24 months) of each row (before the outcome was drawn). */
  trueProbability24: Float64Array;
  truth: GroundTruth;
}

function weighted<T>(next: () => number, pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = next() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * A synthetic history of `rows` adults linked between `from` and `to`, with outcomes drawn from
 * `truth`: every record is marked synthetic. Profiles are drawn with plausible dependencies
 * (education with English, the Z route with little schooling); places from `municipalities`,
 * weighted by population, with labour-demand tension, reachable vacancies and ties drawn per
 * adult. Monitoring attributes (gender, country of birth, nationality) are drawn independently
 * of everything else unless a proxy is planted or the truth has group effects. Deterministic in `seed`.
 */
export function generateHistory(args: {
  rows: number;
  seed: number;
  municipalities: readonly SyntheticMunicipality[];
  truth?: GroundTruth;
  proxy?: PlantedProxy | null;
  from?: string;
  to?: string;
}): SyntheticHistory {
  const truth = validateGroundTruth(args.truth ?? DEFAULT_GROUND_TRUTH);
  if (!Number.isInteger(args.rows) || args.rows < 1) throw new OutcomeInputError('rows', 'min', 'must be a whole number >= 1');
  if (args.municipalities.length === 0) throw new OutcomeInputError('municipalities', 'notEmpty', 'needs at least one municipality');
  const proxy = args.proxy ?? null;
  if (proxy && !PROXY_FEATURES.includes(proxy.feature)) throw new OutcomeInputError('proxy.feature', 'oneOf', `must be one of ${PROXY_FEATURES.join(', ')}`);
  const terms = compileTerms(Object.keys(truth.coefficients), 'truth.coefficients');
  const beta = terms.map((t) => truth.coefficients[t.name]);
  const next = mulberry32(args.seed);
  const from = parseIsoDay(args.from ?? '2016-01-01', 'from');
  const to = parseIsoDay(args.to ?? '2022-12-31', 'to');
  const munWeights = args.municipalities.map((m) => [m, m.population] as const);
  const records: HistoryRecord[] = [];
  const trueProbability24 = new Float64Array(args.rows);
  const missing = truth.missingShare ?? 0.03;
  const step = (levels: number, p: readonly number[]) => weighted(next, p.map((w, i) => [i, w] as const).slice(0, levels));
  for (let i = 0; i < args.rows; i++) {
    const origin = weighted(next, SYNTHETIC_ORIGINS);
    const gender = next() < 0.42 ? 'FEMALE' : 'MALE';
    const nationality = next() < 0.93 ? origin : 'XX';
    const shift = proxy && proxy.origin === origin ? proxy.strength : 0;
    const onDay = from + Math.floor(next() * (to - from + 1));
    const band = weighted(next, [[0, 25], [1, 35], [2, 28], [3, 12]] as const);
    const age = [18, 25, 35, 50][band] + Math.floor(next() * [7, 10, 15, 15][band]);
    const birthDay = onDay - Math.floor((age + next()) * 365.25);
    const monthsSincePermit = 1 + next() * 20;
    const procedureMonths = 3 + next() * 30;
    const permitDay = onDay - Math.round(monthsSincePermit * 30.44);
    const applicationDay = permitDay - Math.round(procedureMonths * 30.44);
    // Schooling first: English, the Z route and diplomas follow from it.
    let eduRank: number = weighted(next, [[0, 10], [1, 20], [2, 30], [3, 18], [4, 14], [5, 8]] as const);
    if (proxy?.feature === 'education') eduRank = Math.max(0, Math.min(5, eduRank + Math.round(shift)));
    const route: IntegrationRoute = eduRank <= 1 && next() < 0.6 ? 'Z' : eduRank >= 4 && next() < 0.4 ? 'EDUCATION' : 'B1';
    let dutch = step(5, [25, 30, 25, 15, 5]);
    let english = Math.max(0, Math.min(6, Math.round(eduRank * 0.7 + normal(next) * 1.1)));
    if (proxy?.feature === 'dutch') dutch = Math.max(0, Math.min(6, dutch + Math.round(shift)));
    if (proxy?.feature === 'english') english = Math.max(0, Math.min(6, english + Math.round(shift)));
    const status: DiplomaStatus = weighted(next, [['SELF_REPORTED', 55], ['EVALUATED', 35], ['RECOGNISED', 10]] as const);
    const diplomas = eduRank === 0 ? [] : [{ level: EDUCATION_LEVELS[eduRank] as EducationLevel, status }];
    const jobs = weighted(next, [[0, 25], [1, 50], [2, 25]] as const);
    const occupations = Array.from({ length: jobs }, () => ({
      iscoCode: ISCO[Math.floor(next() * ISCO.length)],
      years: Math.round((next() * 12 + (proxy?.feature === 'experience' ? 4 * shift : 0)) * 2) / 2,
    })).map((o) => ({ ...o, years: Math.max(0, o.years) }));
    let hours: number = weighted(next, [[16, 15], [24, 25], [32, 25], [36, 15], [40, 20]] as const);
    if (proxy?.feature === 'hours') hours = Math.max(0, Math.min(60, hours + 8 * shift));
    const m = weighted(next, munWeights);
    const tension = Math.round(Math.exp(normal(next) * 0.6) * 100) / 100;
    const reachable = Math.max(0, Math.round((m.population / 400) * Math.exp(normal(next) * 0.8)));
    const nearestTieKm = next() < 0.35 ? Math.round(-Math.log(1 - next()) * 40 * 10) / 10 : null;
    const record: HistoryRecord = {
      profile: {
        birthDate: formatIsoDay(birthDay),
        legalStatus: 'STATUS_HOLDER',
        applicationDate: formatIsoDay(applicationDay),
        permitDate: formatIsoDay(permitDay),
        dutchLevel: CEFR_LEVELS[dutch] as Cefr,
        englishLevel: CEFR_LEVELS[english] as Cefr,
        integrationRoute: route,
        diplomas,
        occupations,
        hoursAvailable: hours,
      },
      location: { labourDemandTension: tension, reachableVacancies: reachable, nearestTieKm, population: m.population },
      onDate: formatIsoDay(onDay),
      employed12: null,
      employed24: null,
      municipalityCode: m.code,
      monitoring: { gender, countryOfBirth: origin, nationality },
      synthetic: true,
    };
    const raw = readCase(record, `synthetic[${i}]`);
    let eta = truth.intercept + (truth.groupEffects?.origin?.[origin] ?? 0) + (truth.groupEffects?.gender?.[gender] ?? 0);
    for (let j = 0; j < terms.length; j++) eta += beta[j] * terms[j].value(raw);
    const p24 = 1 / (1 + Math.exp(-eta));
    const p12 = 1 / (1 + Math.exp(-(eta + truth.employed12Shift)));
    // One draw for both, so work within 12 months implies work within 24.
    const u = next();
    trueProbability24[i] = p24;
    const unknown = next() < missing;
    record.employed24 = unknown ? null : u < p24 ? 1 : 0;
    record.employed12 = u < p12 ? 1 : 0;
    records.push(record);
  }
  return { records, trueProbability24, truth };
}
