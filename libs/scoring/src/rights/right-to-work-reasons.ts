/** Caseworker sentences for the right-to-work rules (internal; R18). */
import type { RuleCheck } from '../model/score-result';
import type { CompiledPolicy } from '../policy/compiled-policy';
import { formatDay, formatEuro, formatNumber } from '../util/format';
import { ageOn } from '../util/iso-date';
import { ASYLUM, HOLDER, RTW, type RtwFacts, effectiveStart } from './right-to-work-core';


function check(rule: string, passed: boolean, nl: string, en: string): RuleCheck {
  return { rule, passed, reason: { nl, en } };
}

export interface RtwReasonInput {
  f: RtwFacts;
  flags: number;
  onDay: number;
  startDay: number;
  endDay: number;
  cp: CompiledPolicy;
  employerApplies: boolean | undefined;
  monthlyWage: number | null | undefined;
  hoursPerWeek: number;
}

/** One check per rule that applies to the person's status (R1.1-R1.7 and the historical cap, or R2, or R3). */
export function rtwChecks(x: RtwReasonInput): RuleCheck[] {
  const { f, flags, cp } = x;
  if (f.status === HOLDER) {
    return [check('R2', true, 'Statushouder: vrije toegang tot de arbeidsmarkt, geen werkvergunning en geen wachttijd nodig.', 'Status holder: free access to the labour market, no work permit and no waiting period needed.')];
  }
  if (f.status !== ASYLUM) {
    return [check('R3', true, 'Ontheemd uit Oekraïne: mag vanaf dag één werken; de werkgever meldt het werk alleen bij UWV.', 'Displaced from Ukraine: may work from day one; the employer only notifies UWV.')];
  }
  const start = effectiveStart(x.startDay, x.onDay);
  const sNl = formatDay(start, 'nl');
  const sEn = formatDay(start, 'en');
  const out: RuleCheck[] = [];

  const age = ageOn(f.birthDay, start);
  out.push(
    flags & RTW.UNDER_18
      ? check('R1.1', false, `Is ${age} jaar op ${sNl}; een asielzoeker mag pas vanaf 18 jaar werken (18 op ${formatDay(f.adultDay, 'nl')}).`, `Is ${age} on ${sEn}; an asylum seeker may work only from 18 (turns 18 on ${formatDay(f.adultDay, 'en')}).`)
      : check('R1.1', true, `Is ${age} jaar op ${sNl}: 18 of ouder.`, `Is ${age} on ${sEn}: 18 or older.`),
  );

  const m = cp.waitMonths;
  if (flags & RTW.NO_APPLICATION) {
    out.push(check('R1.2', false, 'De datum van de asielaanvraag is niet bekend, dus de wachttijd van ' + `${m} maanden is niet vast te stellen.`, `The date of the asylum application is not known, so the ${m}-month wait cannot be established.`));
  } else {
    const a = `${formatDay(f.applicationDay, 'nl')}`;
    const w = formatDay(f.waitEndDay, 'nl');
    out.push(
      flags & RTW.WAIT
        ? check('R1.2', false, `Asielaanvraag op ${a}; de wachttijd van ${m} maanden is pas voorbij op ${w}, na de start op ${sNl}.`, `Asylum application on ${formatDay(f.applicationDay, 'en')}; the ${m}-month wait ends only on ${formatDay(f.waitEndDay, 'en')}, after the start on ${sEn}.`)
        : check('R1.2', true, `Asielaanvraag op ${a}; de wachttijd van ${m} maanden is voorbij op ${w}.`, `Asylum application on ${formatDay(f.applicationDay, 'en')}; the ${m}-month wait is over on ${formatDay(f.waitEndDay, 'en')}.`),
    );
  }

  out.push(
    flags & RTW.NOT_IN_RECEPTION
      ? check('R1.3', false, 'Woont niet in een COA-opvanglocatie; een asielzoeker mag alleen werken vanuit de opvang.', 'Does not live in a COA reception facility; an asylum seeker may work only while living in reception.')
      : check('R1.3', true, 'Woont in een COA-opvanglocatie.', 'Lives in a COA reception facility.'),
  );

  if (flags & RTW.NO_W_DOCUMENT) {
    const known = !Number.isNaN(f.wExpiryDay);
    out.push(
      check(
        'R1.4',
        false,
        known ? `Het W-document (geldig tot ${formatDay(f.wExpiryDay, 'nl')}) is op ${sNl} niet geldig.` : 'Geen geldig W-document bekend.',
        known ? `The W-document (valid until ${formatDay(f.wExpiryDay, 'en')}) is not valid on ${sEn}.` : 'No valid W-document known.',
      ),
    );
  } else if (flags & RTW.W_DOCUMENT_BEFORE_END) {
    out.push(check('R1.4', false, `Het W-document verloopt op ${formatDay(f.wExpiryDay, 'nl')}, voor het einde van het contract op ${formatDay(x.endDay, 'nl')}; de werkvergunning kan niet langer gelden.`, `The W-document expires on ${formatDay(f.wExpiryDay, 'en')}, before the contract ends on ${formatDay(x.endDay, 'en')}; the work permit cannot outlast it.`));
  } else if (x.endDay === x.endDay) {
    out.push(check('R1.4', true, `Het W-document is geldig tot ${formatDay(f.wExpiryDay, 'nl')}, tot en met het einde van het contract (${formatDay(x.endDay, 'nl')}).`, `The W-document is valid until ${formatDay(f.wExpiryDay, 'en')}, through the end of the contract (${formatDay(x.endDay, 'en')}).`));
  } else {
    out.push(check('R1.4', true, `Het W-document is geldig tot ${formatDay(f.wExpiryDay, 'nl')}; bij een contract zonder einddatum geldt de werkvergunning hooguit tot dan.`, `The W-document is valid until ${formatDay(f.wExpiryDay, 'en')}; with an open-ended contract the work permit lasts at most until then.`));
  }

  const weeks = formatNumber(cp.leadDays / 7, 'nl');
  const weeksEn = formatNumber(cp.leadDays / 7, 'en');
  const maxWeeks = formatNumber(cp.leadMaxDays / 7, 'nl');
  const maxWeeksEn = formatNumber(cp.leadMaxDays / 7, 'en');
  const ready = x.onDay + cp.leadDays;
  out.push(
    flags & RTW.LEAD_TIME
      ? check('R1.5', false, `Werkvergunning (TWV) nodig: UWV beslist in ${weeks} weken (in de praktijk tot ${maxWeeks}), dus niet voor ${formatDay(ready, 'nl')}; de start op ${sNl} is te vroeg.`, `Work permit (TWV) needed: UWV decides within ${weeksEn} weeks (up to ${maxWeeksEn} in practice), so not before ${formatDay(ready, 'en')}; the start on ${sEn} is too early.`)
      : check('R1.5', true, `Werkvergunning (TWV) nodig: UWV beslist in ${weeks} weken (in de praktijk tot ${maxWeeks}); dat past voor de start op ${sNl}.`, `Work permit (TWV) needed: UWV decides within ${weeksEn} weeks (up to ${maxWeeksEn} in practice); that fits before the start on ${sEn}.`),
  );
  if (x.employerApplies !== undefined) {
    out.push(
      flags & RTW.EMPLOYER
        ? check('R1.5', false, 'De werkgever vraagt geen werkvergunning aan voor een asielzoeker.', 'The employer will not apply for a work permit for an asylum seeker.')
        : check('R1.5', true, 'De werkgever wil een werkvergunning aanvragen.', 'The employer is willing to apply for a work permit.'),
    );
  }
  if (x.monthlyWage !== null && x.monthlyWage !== undefined) {
    const min = cp.minWagePerHour * x.hoursPerWeek;
    const h = formatNumber(x.hoursPerWeek, 'nl');
    out.push(
      flags & RTW.WAGE
        ? check('R1.6', false, `Het loon van ${formatEuro(x.monthlyWage, 'nl')} per maand ligt onder het minimumloon voor ${h} uur per week (${formatEuro(min, 'nl')}).`, `The wage of ${formatEuro(x.monthlyWage, 'en')} a month is below the minimum wage for ${formatNumber(x.hoursPerWeek, 'en')} hours a week (${formatEuro(min, 'en')}).`)
        : check('R1.6', true, `Het loon van ${formatEuro(x.monthlyWage, 'nl')} per maand is minstens het minimumloon voor ${h} uur per week (${formatEuro(min, 'nl')}).`, `The wage of ${formatEuro(x.monthlyWage, 'en')} a month is at least the minimum wage for ${formatNumber(x.hoursPerWeek, 'en')} hours a week (${formatEuro(min, 'en')}).`),
    );
  }
  out.push(
    flags & RTW.DUBLIN
      ? check('R1.7', false, 'Valt onder de Dublinverordening of heeft een terugkeerbesluit: een werkvergunning is praktisch niet te krijgen.', 'Falls under the Dublin regulation or has a return decision: a work permit is practically unobtainable.')
      : check('R1.7', true, 'Geen Dublinclaim en geen terugkeerbesluit.', 'No Dublin claim and no return decision.'),
  );
  if (start < cp.capUntilDay) {
    const capWeeks = formatNumber(cp.capDays / 7, 'nl');
    out.push(
      flags & RTW.CAP
        ? check('R1.cap', false, `Historische regel (what-if): werk was beperkt tot ${capWeeks} weken per 52 weken; dit contract duurt langer.`, `Historical rule (what-if): work was limited to ${formatNumber(cp.capDays / 7, 'en')} weeks in 52; this contract runs longer.`)
        : check('R1.cap', true, `Historische regel (what-if): werk beperkt tot ${capWeeks} weken per 52 weken; dit contract past daarbinnen.`, `Historical rule (what-if): work limited to ${formatNumber(cp.capDays / 7, 'en')} weeks in 52; this contract fits.`),
    );
  }
  return out;
}

/**
 * R9.5 working age for every legal status (Arbeidstijdenwet; Arbeidstijdenbesluit ch. 3): listed only for a
 * person under the youth age on the start day, as what they may and may not do. Sources: the policy file.
 */
export function workingAgeCheck(f: RtwFacts, rtw: number, start: number, cp: CompiledPolicy, hoursPerWeek: number): RuleCheck | null {
  if (f.youthEndDay <= start) return null;
  const wa = cp.policy.params.workingAge;
  const age = ageOn(f.birthDay, start);
  const s = { nl: formatDay(start, 'nl'), en: formatDay(start, 'en') };
  const h = { nl: formatNumber(hoursPerWeek, 'nl'), en: formatNumber(hoursPerWeek, 'en') };
  if (rtw & RTW.UNDER_LIGHT_WORK_AGE) {
    return check('R9.5', false, `Is ${age} jaar op ${s.nl}: onder ${wa.lightWorkMinimumAge} jaar is betaald werk verboden (Arbeidstijdenwet, kinderarbeid).`, `Is ${age} on ${s.en}: paid work under ${wa.lightWorkMinimumAge} is prohibited (Working Hours Act, child labour).`);
  }
  if (f.workAgeDay > start) {
    const lim = { nl: formatNumber(wa.lightWorkMaxHoursPerWeek, 'nl'), en: formatNumber(wa.lightWorkMaxHoursPerWeek, 'en') };
    const rules = {
      nl: `onder ${wa.minimumAge} jaar alleen licht, niet-industrieel werk buiten schooltijd, hooguit ${lim.nl} uur in een schoolweek, niet na 19.00 uur en niet in de horeca waar alcohol wordt geschonken`,
      en: `under ${wa.minimumAge} only light, non-industrial work outside school hours, at most ${lim.en} hours in a school week, not after 19:00 and not where alcohol is served`,
    };
    return rtw & RTW.LIGHT_WORK_HOURS
      ? check('R9.5', false, `Is ${age} jaar op ${s.nl}; de vacature vraagt ${h.nl} uur per week: ${rules.nl}.`, `Is ${age} on ${s.en}; the vacancy asks ${h.en} hours a week: ${rules.en}.`)
      : check('R9.5', true, `Is ${age} jaar op ${s.nl}; ${h.nl} uur per week past, maar ${rules.nl}: de werkgever moet nagaan dat het werk licht is.`, `Is ${age} on ${s.en}; ${h.en} hours a week fit, but ${rules.en}: the employer must make sure the work is light.`);
  }
  const lim = { nl: formatNumber(wa.youthMaxHoursPerWeek, 'nl'), en: formatNumber(wa.youthMaxHoursPerWeek, 'en') };
  const rules = {
    nl: `tot ${wa.youthUntilAge} jaar gemiddeld hooguit ${lim.nl} uur per week (over 4 weken), hooguit 9 uur per dienst, geen nachtwerk (23.00-06.00 uur), geen overwerk of oproepdiensten en geen gevaarlijk werk`,
    en: `under ${wa.youthUntilAge} an average of at most ${lim.en} hours a week (over 4 weeks), at most 9 hours a shift, no night work (23:00-06:00), no overtime or on-call shifts and no hazardous work`,
  };
  return rtw & RTW.YOUTH_HOURS
    ? check('R9.5', false, `Is ${age} jaar op ${s.nl}; de vacature vraagt ${h.nl} uur per week: ${rules.nl}.`, `Is ${age} on ${s.en}; the vacancy asks ${h.en} hours a week: ${rules.en}.`)
    : check('R9.5', true, `Is ${age} jaar op ${s.nl}; ${h.nl} uur per week past: ${rules.nl}.`, `Is ${age} on ${s.en}; ${h.en} hours a week fit: ${rules.en}.`);
}

