import { cefrStep, educationRank, parseIsoDay } from '@kansrijk/scoring';
import { OutcomeInputError } from '../outcome-input-error';
import type { OutcomeCase, OutcomeLocation, OutcomeProfile } from './outcome-input';

/** The facts of one case the features are made of, read once (see `readCase`). */
export interface RawCase {
  age: number;
  dutchStep: number;
  englishStep: number;
  /** Highest Dutch-equivalent education level of any diploma (0 none ... 5 WO), R6. */
  educationRank: number;
  /** Some diploma is evaluated or recognised (R6). */
  recognised: boolean;
  /** Years worked in all occupations together (R7). */
  years: number;
  hours: number;
  legalStatus: OutcomeProfile['legalStatus'];
  integrationRoute: OutcomeProfile['integrationRoute'];
  /** Months from the asylum application to the permit (or to the day, without a permit); NaN without an application date. */
  procedureMonths: number;
  /** Months from the permit to the day; NaN without a permit date. */
  monthsSincePermit: number;
  tension: number | null;
  reachable: number;
  tieKm: number | null;
  population: number;
}

const DAYS_PER_MONTH = 365.25 / 12;

const finite = (x: unknown, field: string, min = 0): number => {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < min) throw new OutcomeInputError(field, 'number', `must be a number >= ${min}, got ${JSON.stringify(x)}`);
  return x;
};

/** Whole years from one ISO date to another (both already checked), birthdays by calendar day. */
function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The person's part of a case: read once per person when one person is placed in many municipalities. */
export function readProfile(profile: OutcomeProfile, onDate: string, field = 'profile'): Omit<RawCase, 'tension' | 'reachable' | 'tieKm' | 'population'> {
  const onDay = parseIsoDay(onDate, `${field}.onDate`);
  parseIsoDay(profile.birthDate, `${field}.birthDate`);
  const application = profile.applicationDate ? parseIsoDay(profile.applicationDate, `${field}.applicationDate`) : NaN;
  const permit = profile.permitDate ? parseIsoDay(profile.permitDate, `${field}.permitDate`) : NaN;
  let rank = 0;
  let recognised = false;
  for (const d of profile.diplomas ?? []) {
    const r = educationRank(d.level);
    if (d.status !== 'NONE' && r > rank) rank = r;
    if ((d.status === 'EVALUATED' || d.status === 'RECOGNISED') && r > 0) recognised = true;
  }
  let years = 0;
  for (const o of profile.occupations ?? []) years += Math.max(0, finite(o.years, `${field}.occupations.years`));
  const procedureEnd = Number.isNaN(permit) ? onDay : Math.min(permit, onDay);
  return {
    age: ageOn(profile.birthDate, onDate),
    dutchStep: cefrStep(profile.dutchLevel),
    englishStep: cefrStep(profile.englishLevel),
    educationRank: rank,
    recognised,
    years,
    hours: finite(profile.hoursAvailable, `${field}.hoursAvailable`),
    legalStatus: profile.legalStatus,
    integrationRoute: profile.integrationRoute ?? null,
    procedureMonths: Number.isNaN(application) ? NaN : Math.max(0, (procedureEnd - application) / DAYS_PER_MONTH),
    monthsSincePermit: Number.isNaN(permit) ? NaN : Math.max(0, (onDay - permit) / DAYS_PER_MONTH),
  };
}

/** The place's part of a case, checked. */
export function readLocation(location: OutcomeLocation, field = 'location'): Pick<RawCase, 'tension' | 'reachable' | 'tieKm' | 'population'> {
  return {
    tension: location.labourDemandTension === null || location.labourDemandTension === undefined ? null : finite(location.labourDemandTension, `${field}.labourDemandTension`),
    reachable: finite(location.reachableVacancies, `${field}.reachableVacancies`),
    tieKm: location.nearestTieKm === null || location.nearestTieKm === undefined ? null : finite(location.nearestTieKm, `${field}.nearestTieKm`),
    population: finite(location.population, `${field}.population`, 1),
  };
}

/** Every fact of a case (see `RawCase`); throws an OutcomeInputError naming the field when one cannot be read. */
export function readCase(c: OutcomeCase, field = 'case'): RawCase {
  return { ...readProfile(c.profile, c.onDate, `${field}.profile`), ...readLocation(c.location, `${field}.location`) };
}
