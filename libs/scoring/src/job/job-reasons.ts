/** Caseworker sentences for the job-match components and gates (internal; R18). */
import type { Explanation } from '../model/explanation';
import { CEFR_LEVELS } from '../model/cefr';
import { EDUCATION_LEVELS, educationRank } from '../model/education-level';
import type { RuleCheck } from '../model/score-result';
import { ASYLUM, HOLDER, WORKING_AGE_FLAGS, effectiveStart } from '../rights/right-to-work-core';
import { workingAgeCheck } from '../rights/right-to-work-reasons';
import { formatDay, formatKm, formatNumber } from '../util/format';
import { cefrLabel, diplomaStatusLabel, educationLabel, steps } from '../util/labels';
import type { PreparedJobContext } from './job-match-context';
import type { PreparedCandidate } from './prepare-candidate';
import type { PreparedVacancy } from './prepare-vacancy';
import { languageGap, relatedFloor, skillCredit } from './pair-core';

const n = (x: number): string => formatNumber(x, 'nl', 2);
const e = (x: number): string => formatNumber(x, 'en', 2);

export function skillsReason(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): Explanation {
  const sp = ctx.cp.policy.params.skills;
  if (pv.skillDenominator <= 0) {
    return {
      nl: `De vacature noemt geen vaardigheden; neutrale waarde ${n(sp.noSkillsListedValue)}.`,
      en: `The vacancy lists no skills; neutral value ${e(sp.noSkillsListedValue)}.`,
    };
  }
  const count = (ids: Int32Array): [number, number] => {
    let own = 0;
    let viaWork = 0;
    for (const id of ids) {
      const c = skillCredit(pc, id);
      if (c >= 1) own++;
      else if (c > 0) viaWork++;
    }
    return [own, viaWork];
  };
  const [eo, ew] = count(pv.essential);
  const [oo, ow] = count(pv.optional);
  const src = pv.skillsFromCatalogue ? { nl: ' (vaardigheden van het ESCO-beroep, want de vacature noemt er geen)', en: ' (skills of the ESCO occupation, as the vacancy lists none)' } : { nl: '', en: '' };
  let nl = `Van de ${pv.essential.length} essentiële vaardigheden${src.nl} heeft de kandidaat er ${eo} zelf en ${ew} via eerder werk`;
  let en = `Of the ${pv.essential.length} essential skills${src.en} the candidate has ${eo} and ${ew} more through past work`;
  if (pv.optional.length > 0) {
    nl += `; van de ${pv.optional.length} optionele ${oo} zelf en ${ow} via eerder werk`;
    en += `; of the ${pv.optional.length} optional ones ${oo}, and ${ow} through past work`;
  }
  const floor = relatedFloor(pc, pv, sp.sameIsco4Factor, sp.sameIsco3Factor);
  if (floor > 0) {
    const same4 = pv.isco4 >= 0 && Array.from(pc.occIsco4).includes(pv.isco4);
    const group = same4 ? pv.profile.iscoCode.slice(0, 4) : pv.profile.iscoCode.slice(0, 3);
    nl += `. Eerder werk in dezelfde beroepsgroep (ISCO ${group}) geeft elke andere vaardigheid deels krediet (${n(floor)})`;
    en += `. Past work in the same occupation group (ISCO ${group}) gives every other skill partial credit (${e(floor)})`;
  }
  return { nl: `${nl}.`, en: `${en}.` };
}

export function languageReason(pc: PreparedCandidate, pv: PreparedVacancy): Explanation {
  const d = CEFR_LEVELS[pc.dutch];
  const req = CEFR_LEVELS[pv.minDutch];
  const eff = CEFR_LEVELS[pv.dutchRequired];
  const gap = languageGap(pc, pv);
  let nl = pc.dutch === 0 ? 'Spreekt geen Nederlands' : `Spreekt Nederlands op ${d}`;
  let en = pc.dutch === 0 ? 'Speaks no Dutch' : `Speaks Dutch at ${d}`;
  nl += pv.minDutch === 0 ? '; de vacature vraagt geen Nederlands' : `; de vacature vraagt ${req}`;
  en += pv.minDutch === 0 ? '; the vacancy asks no Dutch' : `; the vacancy asks ${req}`;
  if (pv.dutchRequired < pv.minDutch) {
    if (pc.dutch >= pv.dutchRequired && pc.dutch < pv.minDutch) {
      nl += `, met taalcoaching op de werkvloer telt ${d} als voldoende`;
      en += `; with on-the-job language coaching ${d} counts as enough`;
    } else if (pc.dutch < pv.dutchRequired) {
      nl += `, met taalcoaching op de werkvloer ${cefrLabel(eff, 'nl')}`;
      en += `; with on-the-job language coaching ${cefrLabel(eff, 'en')}`;
    }
  }
  if (pv.englishRequired <= 6) {
    const en2 = CEFR_LEVELS[pv.englishRequired];
    const englishHelps = pv.englishRequired - pc.english < pv.dutchRequired - pc.dutch;
    nl += `; Engels op ${en2} volstaat ook en de kandidaat spreekt Engels op ${cefrLabel(CEFR_LEVELS[pc.english], 'nl')}`;
    en += `; English at ${en2} also suffices and the candidate speaks English at ${cefrLabel(CEFR_LEVELS[pc.english], 'en')}`;
    if (englishHelps && gap === 0) {
      nl += ', dus Engels is genoeg';
      en += ', so English is enough';
    }
  }
  if (gap > 0) {
    nl += `: ${steps(gap, 'nl')} te laag`;
    en += `: ${steps(gap, 'en')} short`;
  }
  return { nl: `${nl}.`, en: `${en}.` };
}

export function diplomaReason(pc: PreparedCandidate, pv: PreparedVacancy): Explanation {
  if (pv.diplomaRank === 0) return { nl: 'De vacature stelt geen diploma-eis.', en: 'The vacancy requires no diploma.' };
  const level = EDUCATION_LEVELS[pv.diplomaRank];
  const ds = pc.profile.diplomas;
  if (ds.length === 0) {
    return { nl: `De vacature vraagt ${educationLabel(level, 'nl')}; de kandidaat heeft geen diploma opgegeven.`, en: `The vacancy asks ${educationLabel(level, 'en')}; the candidate has stated no diploma.` };
  }
  const best = [...ds].sort((a, b) => educationRank(b.level) - educationRank(a.level))[0];
  return {
    nl: `De vacature vraagt ${educationLabel(level, 'nl')}; hoogste diploma van de kandidaat: ${educationLabel(best.level, 'nl')} (${diplomaStatusLabel(best.status, 'nl')}); een lager of onbewezen diploma telt minder.`,
    en: `The vacancy asks ${educationLabel(level, 'en')}; the candidate's highest diploma: ${educationLabel(best.level, 'en')} (${diplomaStatusLabel(best.status, 'en')}); a lower or unproven diploma counts less.`,
  };
}

export function distanceReason(km: number, ctx: PreparedJobContext): Explanation {
  const d = ctx.cp.policy.params.distance;
  return {
    nl: `Woont ${formatKm(km, 'nl')} van de werkplek; de waarde neemt af met de afstand (${n(d.valueAtReferenceRadius)} bij ${formatKm(d.referenceRadiusKm, 'nl')}).`,
    en: `Lives ${formatKm(km, 'en')} from the workplace; the value decays with distance (${e(d.valueAtReferenceRadius)} at ${formatKm(d.referenceRadiusKm, 'en')}).`,
  };
}

export function demandReason(pv: PreparedVacancy, ctx: PreparedJobContext): Explanation {
  const r = pv.demand;
  const region = pv.profile.regionCode;
  if (!r.figure) {
    const v = ctx.cp.policy.params.labourDemand.defaultValue;
    return {
      nl: `Geen cijfer over de arbeidsmarktspanning voor ISCO ${pv.profile.iscoCode} (of een bredere groep) in ${region}; een ontbrekend cijfer telt neutraal (${n(v)}).`,
      en: `No labour-market tension figure for ISCO ${pv.profile.iscoCode} (or a broader group) in ${region}; a missing figure counts as neutral (${e(v)}).`,
    };
  }
  const fallback = r.digits < 4 ? { nl: ` (${r.digits}-cijferige groep, want een fijner cijfer ontbreekt)`, en: ` (${r.digits}-digit group, as no finer figure exists)` } : { nl: '', en: '' };
  return {
    nl: `Spanning op de arbeidsmarkt in ${region} voor ISCO ${r.iscoGroup}${fallback.nl}: ${n(r.figure.tension)} vacatures per kortdurend werkloze; een krappe markt neemt sneller nieuwkomers aan.`,
    en: `Labour-market tension in ${region} for ISCO ${r.iscoGroup}${fallback.en}: ${e(r.figure.tension)} vacancies per short-term unemployed; a tight market hires newcomers more readily.`,
  };
}

export function timeToStartReason(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, rtw: number, earliest: number): Explanation {
  const start = effectiveStart(pv.startDay, ctx.onDay);
  if (rtw !== 0) {
    const from = Number.isNaN(earliest) ? { nl: 'een vroegste datum is niet te geven', en: 'no earliest date can be given' } : { nl: `vroegst mogelijk vanaf ${formatDay(earliest, 'nl')}`, en: `earliest possible from ${formatDay(earliest, 'en')}` };
    const rule = (rtw & ~WORKING_AGE_FLAGS) !== 0 ? 'R9.1' : 'R9.5';
    return { nl: `Kan niet op ${formatDay(start, 'nl')} beginnen (zie ${rule}); ${from.nl}.`, en: `Cannot start on ${formatDay(start, 'en')} (see ${rule}); ${from.en}.` };
  }
  if (pc.rtw.status === HOLDER) return { nl: 'Statushouder: kan zonder werkvergunning direct beginnen.', en: 'Status holder: can start straight away without a work permit.' };
  if (pc.rtw.status !== ASYLUM) return { nl: 'Ontheemd uit Oekraïne: kan direct beginnen.', en: 'Displaced from Ukraine: can start straight away.' };
  const cp = ctx.cp;
  const weeks = (start - ctx.onDay) / 7;
  let nl = `De start op ${formatDay(start, 'nl')} ligt ${formatNumber(weeks, 'nl')} weken na vandaag; UWV beslist over de werkvergunning in ${formatNumber(cp.leadDays / 7, 'nl')} weken, in de praktijk tot ${formatNumber(cp.leadMaxDays / 7, 'nl')}`;
  let en = `The start on ${formatDay(start, 'en')} is ${formatNumber(weeks, 'en')} weeks from today; UWV decides on the work permit within ${formatNumber(cp.leadDays / 7, 'en')} weeks, up to ${formatNumber(cp.leadMaxDays / 7, 'en')} in practice`;
  if (pv.endDay !== pv.endDay) {
    nl += `; het contract heeft geen einddatum en het W-document (tot ${formatDay(pc.rtw.wExpiryDay, 'nl')}) dekt alleen de eerste ${Math.max(0, pc.rtw.wExpiryDay - start)} dagen`;
    en += `; the contract is open-ended and the W-document (until ${formatDay(pc.rtw.wExpiryDay, 'en')}) covers only the first ${Math.max(0, pc.rtw.wExpiryDay - start)} days`;
  }
  return { nl: `${nl}.`, en: `${en}.` };
}

export function stabilityReason(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): Explanation {
  const st = ctx.cp.policy.params.stability;
  const m = pv.profile.contractMonths;
  const contract = m === null ? { nl: 'contract voor onbepaalde tijd', en: 'open-ended contract' } : { nl: `contract van ${formatNumber(m, 'nl')} maanden (volle waarde bij ${formatNumber(st.fullContractMonths, 'nl')})`, en: `contract of ${formatNumber(m, 'en')} months (full value at ${formatNumber(st.fullContractMonths, 'en')})` };
  const hours = { nl: `${formatNumber(pv.hours, 'nl')} uur per week (volle waarde vanaf ${formatNumber(st.minHoursPerWeek, 'nl')})`, en: `${formatNumber(pv.hours, 'en')} hours a week (full value from ${formatNumber(st.minHoursPerWeek, 'en')})` };
  const reloc = pc.profile.livesInReception ? { nl: 'woont in de opvang, dus kans op verhuizing', en: 'lives in reception, so may be relocated' } : { nl: 'geen verhuisrisico uit de opvang', en: 'no relocation risk from reception' };
  return { nl: `${cap(contract.nl)}, ${hours.nl}; ${reloc.nl}.`, en: `${cap(contract.en)}, ${hours.en}; ${reloc.en}.` };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function check(rule: string, passed: boolean, nl: string, en: string): RuleCheck {
  return { rule, passed, reason: { nl, en } };
}

/** R9.1 summary: may the person work on the start date, and if not, which rules fail. */
export function rightToWorkGate(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, rtw: number, earliest: number, details: RuleCheck[]): RuleCheck {
  const start = effectiveStart(pv.startDay, ctx.onDay);
  if ((rtw & ~WORKING_AGE_FLAGS) === 0) {
    const who = pc.rtw.status === ASYLUM ? { nl: 'als asielzoeker met werkvergunning', en: 'as an asylum seeker with a work permit' } : pc.rtw.status === HOLDER ? { nl: 'als statushouder', en: 'as a status holder' } : { nl: 'als ontheemde uit Oekraïne', en: 'as a person displaced from Ukraine' };
    return check('R9.1', true, `Mag werken op de startdatum ${formatDay(start, 'nl')} ${who.nl}.`, `May work on the start date ${formatDay(start, 'en')} ${who.en}.`);
  }
  const failed = details.filter((d) => !d.passed).map((d) => d.rule);
  const from = Number.isNaN(earliest) ? { nl: '', en: '' } : { nl: `; vroegst vanaf ${formatDay(earliest, 'nl')}`, en: `; earliest from ${formatDay(earliest, 'en')}` };
  return check('R9.1', false, `Mag niet werken op de startdatum ${formatDay(start, 'nl')}: niet voldaan aan ${failed.join(', ')}${from.nl}.`, `May not work on the start date ${formatDay(start, 'en')}: ${failed.join(', ')} not met${from.en}.`);
}

/** R9.5 working age of the pair (see `workingAgeCheck`); null for a person of the youth age or older on the start day. */
export function workingAgeGate(pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext, rtw: number): RuleCheck | null {
  return workingAgeCheck(pc.rtw, rtw, effectiveStart(pv.startDay, ctx.onDay), ctx.cp, pv.hours);
}

export function hoursGate(pc: PreparedCandidate, pv: PreparedVacancy, failed: boolean): RuleCheck {
  const v = formatNumber(pv.hours, 'nl');
  const a = formatNumber(pc.hoursAvailable, 'nl');
  return failed
    ? check('R9.2', false, `De vacature vraagt ${v} uur per week; de kandidaat is ${a} uur beschikbaar.`, `The vacancy asks ${formatNumber(pv.hours, 'en')} hours a week; the candidate is available ${formatNumber(pc.hoursAvailable, 'en')} hours.`)
    : check('R9.2', true, `De vacature vraagt ${v} uur per week; de kandidaat is ${a} uur beschikbaar.`, `The vacancy asks ${formatNumber(pv.hours, 'en')} hours a week; the candidate is available ${formatNumber(pc.hoursAvailable, 'en')} hours.`);
}

export function diplomaGate(pv: PreparedVacancy, failed: boolean): RuleCheck {
  const p = pv.profile.diplomaRequirement?.regulatedProfession;
  if (!p) return check('R9.3', true, 'Geen gereglementeerd beroep: geen erkend diploma vereist.', 'Not a regulated profession: no recognised diploma required.');
  return failed
    ? check('R9.3', false, `Gereglementeerd beroep (${p}): een erkend diploma voor dit beroep ontbreekt.`, `Regulated profession (${p}): a diploma recognised for this profession is missing.`)
    : check('R9.3', true, `Gereglementeerd beroep (${p}): erkend diploma aanwezig.`, `Regulated profession (${p}): recognised diploma present.`);
}

export function distanceGate(pc: PreparedCandidate, km: number, failed: boolean): RuleCheck {
  const max = { nl: formatKm(pc.maxTravelKm, 'nl'), en: formatKm(pc.maxTravelKm, 'en') };
  return failed
    ? check('R9.4', false, `Afstand ${formatKm(km, 'nl')}: verder dan de maximale reisafstand van ${max.nl}.`, `Distance ${formatKm(km, 'en')}: beyond the maximum travel distance of ${max.en}.`)
    : check('R9.4', true, `Afstand ${formatKm(km, 'nl')}: binnen de maximale reisafstand van ${max.nl}.`, `Distance ${formatKm(km, 'en')}: within the maximum travel distance of ${max.en}.`);
}

