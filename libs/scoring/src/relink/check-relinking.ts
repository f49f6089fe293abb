import type { CandidateProfile } from '../model/candidate-profile';
import type { GeoPoint } from '../model/geo-point';
import type { Household } from '../model/household';
import type { MunicipalityProfile } from '../model/municipality-profile';
import type { RuleCheck } from '../model/score-result';
import type { Policy } from '../policy/policy';
import { formatEuro, formatKm, formatNumber } from '../util/format';
import { distanceKm, withinKm } from '../util/haversine';
import { ageOn, parseIsoDay } from '../util/iso-date';
import { sameIscoGroup } from '../util/isco';
import { ScoringInputError } from '../util/scoring-input-error';
import { excludedFromRelinking } from './excluded-occupations';

/** The job a re-linking request rests on (R15). */
export interface RelinkingJob {
  iscoCode: string;
  /** Labour-market region of the workplace. */
  regionCode: string;
  /** Its name, for the reasons (the code when absent). */
  regionName?: string | null;
  municipalityCode?: string | null;
  /** The workplace (for R15.place: the new municipality must lie within the tie radius of it). */
  location?: GeoPoint | null;
  signedContract: boolean;
  /** Contract length in months; null = open-ended (counts as long enough). */
  contractMonths: number | null;
  /** Gross monthly wage; null = not known. */
  monthlyWage: number | null;
  payslip: boolean;
}

/** Arguments of `checkRelinking`. */
export interface CheckRelinkingArgs {
  /** The member who has the job; when absent, the household's adults are judged together for R15a. */
  candidate?: CandidateProfile | null;
  /** The household: picks the social-assistance norm (couple when two or more adults); absent = single. */
  household?: Household | null;
  job: RelinkingJob;
  onDate: string;
  policy: Policy;
  /** Housing has already been offered in the linked municipality. */
  housingOffered: boolean;
  /** Civic integration has started. */
  integrationStarted: boolean;
  /** Labour-market region of the municipality the household is linked to now. */
  currentRegionCode?: string | null;
  /** Whether a comparable job was found in the current region; absent/null = not established. */
  comparableJobInCurrentRegion?: boolean | null;
  /** How many comparable open vacancies the current region has (for the reason), when counted. */
  comparableJobsInCurrentRegion?: number | null;
  /**
   * The municipality the household would be re-linked to: when given, R15.place checks that it lies
   * within the tie radius (R12) of the workplace, as the job is what the re-link is for.
   */
  target?: MunicipalityProfile | null;
}

/** Whether re-linking is allowed, with one check per condition. */
export interface RelinkingResult {
  allowed: boolean;
  checks: RuleCheck[];
  policyVersion: string;
}

function check(rule: string, passed: boolean, nl: string, en: string): RuleCheck {
  return { rule, passed, reason: { nl, en } };
}

/**
 * R15 re-linking ("omkoppeling"): allowed only when every condition holds: no housing offered yet
 * and civic integration not started; (a) the job matches the person's education or experience
 * (an occupation held or a diploma's ISCO code shares the first `relinkingIscoMatchDigits` digits
 * with the job) and could not be found in the current region (the job lies outside it and no
 * comparable job was found there); (b) a signed contract of at least `relinkingMinContractMonths`
 * months (exactly that many is enough; open-ended counts); (c) pay at least the monthly
 * social-assistance norm (the couple norm when the household has two or more adults); (d) a
 * payslip shown; and never cleaning or distribution work (the policy's `relinkingExcludedIsco`).
 * With a `target`, also that the new municipality lies within the tie radius of the job (R15.place).
 */
export function checkRelinking(args: CheckRelinkingArgs): RelinkingResult {
  const { job, policy } = args;
  const p = policy.params;
  const onDay = parseIsoDay(args.onDate, 'onDate');
  const adultsOf = (h: Household) => h.members.filter((m) => ageOn(parseIsoDay(m.birthDate, `member(${m.id}).birthDate`), onDay) >= 18);
  const people = args.candidate ? [args.candidate] : args.household ? adultsOf(args.household) : [];
  if (people.length === 0) throw new ScoringInputError('candidate', 'give the candidate with the job, or a household with at least one adult');
  const checks: RuleCheck[] = [];

  checks.push(
    args.housingOffered
      ? check('R15.housing', false, 'Er is al huisvesting aangeboden: omkoppelen kan niet meer.', 'Housing has already been offered: re-linking is no longer possible.')
      : check('R15.housing', true, 'Nog geen huisvesting aangeboden.', 'No housing offered yet.'),
  );
  checks.push(
    args.integrationStarted
      ? check('R15.integration', false, 'De inburgering is al begonnen: omkoppelen kan niet meer.', 'Civic integration has already started: re-linking is no longer possible.')
      : check('R15.integration', true, 'De inburgering is nog niet begonnen.', 'Civic integration has not started yet.'),
  );

  const digits = p.relinkingIscoMatchDigits;
  const byWork = people.flatMap((x) => x.occupations).find((o) => sameIscoGroup(o.iscoCode, job.iscoCode, digits));
  const byDiploma = people.flatMap((x) => x.diplomas).find((d) => sameIscoGroup(d.iscoCode, job.iscoCode, digits));
  checks.push(
    byWork
      ? check('R15a.match', true, `Het werk (ISCO ${job.iscoCode}) past bij de werkervaring (ISCO ${byWork.iscoCode}, ${formatNumber(byWork.years, 'nl')} jaar).`, `The job (ISCO ${job.iscoCode}) matches the work experience (ISCO ${byWork.iscoCode}, ${formatNumber(byWork.years, 'en')} years).`)
      : byDiploma
        ? check('R15a.match', true, `Het werk (ISCO ${job.iscoCode}) past bij de opleiding (diploma voor ISCO ${byDiploma.iscoCode}).`, `The job (ISCO ${job.iscoCode}) matches the education (diploma for ISCO ${byDiploma.iscoCode}).`)
        : check('R15a.match', false, `Het werk (ISCO ${job.iscoCode}) past niet bij opleiding of werkervaring (geen gelijke ${digits}-cijferige beroepsgroep).`, `The job (ISCO ${job.iscoCode}) matches neither education nor experience (no shared ${digits}-digit occupation group).`),
  );

  const inCurrent = args.currentRegionCode !== null && args.currentRegionCode !== undefined && args.currentRegionCode === job.regionCode;
  checks.push(
    inCurrent
      ? check('R15a.region', false, `Het werk ligt in de huidige arbeidsmarktregio (${job.regionName ?? job.regionCode}): daarvoor is omkoppelen niet nodig.`, `The job lies in the current labour-market region (${job.regionName ?? job.regionCode}): no re-linking is needed for it.`)
      : args.comparableJobInCurrentRegion === false
        ? check('R15a.region', true, 'Vergelijkbaar werk was in de huidige regio niet te vinden.', 'Comparable work could not be found in the current region.')
        : args.comparableJobInCurrentRegion === true
          ? typeof args.comparableJobsInCurrentRegion === 'number'
            ? check('R15a.region', false, `Vergelijkbaar werk is ook in de huidige regio te vinden: ${formatNumber(args.comparableJobsInCurrentRegion, 'nl')} open vacature(s) in dezelfde beroepsgroep.`, `Comparable work can also be found in the current region: ${formatNumber(args.comparableJobsInCurrentRegion, 'en')} open vacancy(ies) in the same occupation group.`)
            : check('R15a.region', false, 'Vergelijkbaar werk is ook in de huidige regio te vinden.', 'Comparable work can also be found in the current region.')
          : check('R15a.region', false, 'Niet vastgesteld dat vergelijkbaar werk in de huidige regio ontbreekt.', 'Not established that comparable work is lacking in the current region.'),
  );

  const min = p.relinkingMinContractMonths;
  const longEnough = job.contractMonths === null || job.contractMonths >= min;
  const len = job.contractMonths === null ? { nl: 'voor onbepaalde tijd', en: 'open-ended' } : { nl: `van ${formatNumber(job.contractMonths, 'nl')} maanden`, en: `of ${formatNumber(job.contractMonths, 'en')} months` };
  checks.push(
    job.signedContract && longEnough
      ? check('R15b', true, `Getekend contract ${len.nl} (minimaal ${min}).`, `Signed contract ${len.en} (at least ${min}).`)
      : !job.signedContract
        ? check('R15b', false, 'Geen getekend contract.', 'No signed contract.')
        : check('R15b', false, `Contract ${len.nl}: korter dan ${min} maanden.`, `Contract ${len.en}: shorter than ${min} months.`),
  );

  const adults = args.household ? adultsOf(args.household).length : 1;
  const couple = adults >= 2;
  const norm = couple ? p.socialAssistanceNormPerMonth.couple : p.socialAssistanceNormPerMonth.single;
  const who = couple ? { nl: 'gehuwden/samenwonenden', en: 'couple' } : { nl: 'alleenstaande', en: 'single adult' };
  checks.push(
    job.monthlyWage === null || job.monthlyWage === undefined
      ? check('R15c', false, 'Het maandloon is niet bekend.', 'The monthly wage is not known.')
      : job.monthlyWage >= norm
        ? check('R15c', true, `Loon ${formatEuro(job.monthlyWage, 'nl')} per maand, minstens de bijstandsnorm (${who.nl}) van ${formatEuro(norm, 'nl')}.`, `Wage ${formatEuro(job.monthlyWage, 'en')} a month, at least the social-assistance norm (${who.en}) of ${formatEuro(norm, 'en')}.`)
        : check('R15c', false, `Loon ${formatEuro(job.monthlyWage, 'nl')} per maand, onder de bijstandsnorm (${who.nl}) van ${formatEuro(norm, 'nl')}.`, `Wage ${formatEuro(job.monthlyWage, 'en')} a month, below the social-assistance norm (${who.en}) of ${formatEuro(norm, 'en')}.`),
  );
  checks.push(job.payslip ? check('R15d', true, 'Loonstrook getoond.', 'Payslip shown.') : check('R15d', false, 'Geen loonstrook getoond.', 'No payslip shown.'));

  const excluded = excludedFromRelinking(job.iscoCode, p.relinkingExcludedIsco);
  const kind = excluded?.kind === 'cleaning' ? { nl: 'schoonmaakwerk', en: 'cleaning work' } : { nl: 'distributiewerk', en: 'distribution work' };
  const what = excluded?.label ? ` (${excluded.prefix}: ${excluded.label})` : excluded ? ` (${excluded.prefix})` : '';
  checks.push(
    excluded
      ? check('R15.excluded', false, `ISCO ${job.iscoCode} is ${kind.nl}${what}: dat telt nooit voor omkoppeling.`, `ISCO ${job.iscoCode} is ${kind.en}${what}: that never qualifies for re-linking.`)
      : check('R15.excluded', true, `ISCO ${job.iscoCode} is geen schoonmaak- of distributiewerk.`, `ISCO ${job.iscoCode} is neither cleaning nor distribution work.`),
  );

  const target = args.target;
  if (target) {
    const radius = p.tieRadiusKm;
    const km = job.municipalityCode === target.code ? 0 : job.location ? distanceKm(target.centroid, job.location) : null;
    checks.push(
      km === null
        ? check('R15.place', false, `De plaats van het werk is niet bekend: niet na te gaan of ${target.name} binnen ${formatKm(radius, 'nl')} ligt.`, `The workplace is not known: cannot tell whether ${target.name} lies within ${formatKm(radius, 'en')}.`)
        : withinKm(km, radius)
          ? check('R15.place', true, `${target.name} ligt op ${formatKm(km, 'nl')} van het werk, binnen ${formatKm(radius, 'nl')}.`, `${target.name} lies ${formatKm(km, 'en')} from the job, within ${formatKm(radius, 'en')}.`)
          : check('R15.place', false, `${target.name} ligt op ${formatKm(km, 'nl')} van het werk, verder dan ${formatKm(radius, 'nl')}: omkoppelen is voor dit werk.`, `${target.name} lies ${formatKm(km, 'en')} from the job, beyond ${formatKm(radius, 'en')}: the re-link is for this job.`),
    );
  }
  return { allowed: checks.every((x) => x.passed), checks, policyVersion: policy.version };
}
