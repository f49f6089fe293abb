import { cefrStep } from '../model/cefr';
import { educationRank } from '../model/education-level';
import type { VacancyProfile } from '../model/vacancy-profile';
import { type LabourDemandLookup, labourDemandValue, lookupLabourDemand } from '../reference/labour-demand';
import { geo, nonNegative } from '../util/check-number';
import { DEG } from '../util/haversine';
import { addCalendarMonths, parseIsoDay } from '../util/iso-date';
import { isco3Of, isco4Of } from '../util/isco';
import { type JobMatchContext, type PreparedJobContext, prepareJobContext } from './job-match-context';
import { normaliseProfession } from './prepare-candidate';

/** A vacancy read once for many candidate pairs, bound to one prepared context. */
export interface PreparedVacancy {
  readonly context: PreparedJobContext;
  readonly profile: VacancyProfile;
  readonly id: string;
  /** @internal */ readonly latRad: number;
  /** @internal */ readonly lonRad: number;
  /** @internal */ readonly cosLat: number;
  /** @internal skill numbers; a skill listed as both essential and optional counts as essential */
  readonly essential: Int32Array;
  /** @internal */ readonly optional: Int32Array;
  /** @internal essentialWeight × #essential + optionalWeight × #optional (0 = no skills to judge) */
  readonly skillDenominator: number;
  /** @internal true when the skills came from the catalogue because the vacancy listed none */
  readonly skillsFromCatalogue: boolean;
  /** @internal */ readonly isco4: number;
  /** @internal */ readonly isco3: number;
  /** @internal */ readonly minDutch: number;
  /** @internal Dutch requirement after the coaching credit (R5) */
  readonly dutchRequired: number;
  /** @internal English level that suffices, or 99 when English does not suffice */
  readonly englishRequired: number;
  /** @internal required education rank, 0 = none */
  readonly diplomaRank: number;
  /** @internal normalised regulated profession or null */
  readonly regulated: string | null;
  /** @internal */ readonly hours: number;
  /** @internal */ readonly startDay: number;
  /** @internal last day of the contract, NaN = open-ended */
  readonly endDay: number;
  /** @internal */ readonly demand: LabourDemandLookup;
  /** @internal */ readonly demandValue: number;
  /** @internal contractWeight × contract value + hoursWeight × hours value (R10 stability) */
  readonly stabilityPart: number;
}

/** Last day of a contract of `months` months from `startDay`; fractional months add 30.44 days per month. */
function endOfContract(startDay: number, months: number): number {
  const whole = Math.floor(months);
  const extraDays = Math.round((months - whole) * 30.44);
  return Math.max(startDay, addCalendarMonths(startDay, whole) + extraDays - 1);
}

/**
 * Prepares a vacancy for `scorePrepared` (R9, R10). When the vacancy lists no skills and names an
 * ESCO occupation known to the catalogue, that occupation's skills stand in (R7).
 */
export function prepareVacancy(vacancy: VacancyProfile, context: JobMatchContext | PreparedJobContext): PreparedVacancy {
  const ctx = prepareJobContext(context);
  const cp = ctx.cp;
  const p = cp.policy.params;
  const field = `vacancy(${vacancy.id})`;
  const loc = geo(vacancy.location, `${field}.location`);

  let essentialIds = vacancy.essentialSkills;
  let optionalIds = vacancy.optionalSkills;
  let fromCatalogue = false;
  if (essentialIds.length === 0 && optionalIds.length === 0 && vacancy.escoOccupationId) {
    const entry = ctx.catalogue.get(vacancy.escoOccupationId);
    if (entry) {
      essentialIds = [...entry.essentialSkills];
      optionalIds = [...entry.optionalSkills];
      fromCatalogue = true;
    }
  }
  const ess = [...new Set(essentialIds.map((s) => ctx.interner.id(s)))];
  const essSet = new Set(ess);
  const opt = [...new Set(optionalIds.map((s) => ctx.interner.id(s)))].filter((id) => !essSet.has(id));
  const sp = p.skills;

  const minDutch = cefrStep(vacancy.minDutchLevel);
  const credit = vacancy.languageCoaching ? p.languageCoachingCreditSteps : 0;
  const englishLevel = vacancy.minEnglishLevel ?? p.language.defaultMinEnglishLevel;

  const hours = nonNegative(vacancy.hoursPerWeek, `${field}.hoursPerWeek`);
  const months = vacancy.contractMonths === null || vacancy.contractMonths === undefined ? null : nonNegative(vacancy.contractMonths, `${field}.contractMonths`);
  if (vacancy.monthlyWage !== null && vacancy.monthlyWage !== undefined) nonNegative(vacancy.monthlyWage, `${field}.monthlyWage`);
  const startDay = parseIsoDay(vacancy.startDate, `${field}.startDate`);
  const st = p.stability;
  // R10 stability: an open-ended contract or one of fullContractMonths counts fully; hours >= minHoursPerWeek count fully.
  const contractValue = months === null ? 1 : Math.min(1, months / st.fullContractMonths);
  const hoursValue = Math.min(1, hours / st.minHoursPerWeek);

  const demand = lookupLabourDemand({ labourDemand: ctx.labourDemand, regionCode: vacancy.regionCode, iscoCode: vacancy.iscoCode });
  const latRad = loc.lat * DEG;
  const req = vacancy.diplomaRequirement ?? null;
  return {
    context: ctx,
    profile: vacancy,
    id: vacancy.id,
    latRad,
    lonRad: loc.lon * DEG,
    cosLat: Math.cos(latRad),
    essential: Int32Array.from(ess),
    optional: Int32Array.from(opt),
    skillDenominator: sp.essentialWeight * ess.length + sp.optionalWeight * opt.length,
    skillsFromCatalogue: fromCatalogue,
    isco4: isco4Of(vacancy.iscoCode),
    isco3: isco3Of(vacancy.iscoCode),
    minDutch,
    dutchRequired: Math.max(0, minDutch - credit),
    englishRequired: vacancy.englishSuffices ? cefrStep(englishLevel) : 99,
    diplomaRank: req ? educationRank(req.level) : 0,
    regulated: req?.regulatedProfession ? normaliseProfession(req.regulatedProfession) : null,
    hours,
    startDay,
    endDay: months === null ? NaN : endOfContract(startDay, months),
    demand,
    demandValue: labourDemandValue(demand, cp.policy),
    stabilityPart: st.contractWeight * contractValue + st.hoursWeight * hoursValue,
  };
}
