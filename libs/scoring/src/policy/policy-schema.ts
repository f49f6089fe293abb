/**
 * The shape of a policy as data, so that one walker can validate a whole policy and a partial
 * override and name the JSON path of every offending field. Internal to the library.
 */
import { CEFR_LEVELS } from '../model/cefr';
import { isIsoDate } from '../util/iso-date';
import { PLACEMENT_WEIGHTS } from './policy';

type ObjectCheck = (value: Record<string, unknown>, path: string) => string[];

export type Schema =
  | { t: 'number'; min?: number; minExclusive?: boolean; max?: number; integer?: boolean; nullable?: boolean; optional?: boolean }
  | { t: 'string'; nonEmpty?: boolean; date?: boolean; nullable?: boolean; oneOf?: readonly string[]; optional?: boolean }
  | { t: 'boolean'; optional?: boolean }
  | { t: 'array'; items: Schema; minLength?: number; nonIncreasing?: boolean; optional?: boolean }
  | { t: 'object'; fields: Record<string, Schema>; sumsTo1?: boolean; check?: ObjectCheck; optional?: boolean };

/** Tolerance for "weights sum to 1". */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

const unit: Schema = { t: 'number', min: 0, max: 1 };
const positive: Schema = { t: 'number', min: 0, minExclusive: true };
const nonNegative: Schema = { t: 'number', min: 0 };
const weight: Schema = unit;

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function subWeightsSumTo1(keys: string[]): ObjectCheck {
  return (v, path) => {
    const nums = keys.map((k) => v[k]);
    if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return [];
    const sum = (nums as number[]).reduce((a, b) => a + b, 0);
    return Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE ? [`${path}: ${keys.join(' + ')} must sum to 1 (they sum to ${roundForMessage(sum)})`] : [];
  };
}

export function roundForMessage(x: number): string {
  return String(Math.round(x * 1e9) / 1e9);
}

/** The schema of a complete policy (R18: every weight and parameter is named and bounded). */
export const POLICY_SCHEMA: Schema = {
  t: 'object',
  fields: {
    name: { t: 'string', nonEmpty: true },
    description: { t: 'string', optional: true },
    effectiveFrom: { t: 'string', date: true, optional: true },
    sources: { t: 'array', items: { t: 'string', nonEmpty: true }, optional: true },
    params: {
      t: 'object',
      fields: {
        workingAge: {
          t: 'object',
          fields: {
            minimumAge: { t: 'number', min: 0, max: 30, integer: true },
            lightWorkMinimumAge: { t: 'number', min: 0, max: 30, integer: true },
            lightWorkMaxHoursPerWeek: nonNegative,
            youthUntilAge: { t: 'number', min: 0, max: 30, integer: true },
            youthMaxHoursPerWeek: positive,
          },
          check: (v, path) =>
            typeof v.lightWorkMinimumAge === 'number' && typeof v.minimumAge === 'number' && typeof v.youthUntilAge === 'number' && !(v.lightWorkMinimumAge <= v.minimumAge && v.minimumAge <= v.youthUntilAge)
              ? [`${path}: must have lightWorkMinimumAge <= minimumAge <= youthUntilAge`]
              : [],
        },
        asylumWorkWaitMonths: { t: 'number', min: 0, integer: true },
        workPermitLeadTimeWeeks: nonNegative,
        workPermitLeadTimeMaxWeeks: nonNegative,
        tieRadiusKm: positive,
        minWorkHoursForTie: nonNegative,
        relinkingMinContractMonths: { t: 'number', min: 0, integer: true },
        relinkingIscoMatchDigits: { t: 'number', min: 1, max: 4, integer: true },
        relinkingExcludedIsco: {
          t: 'array',
          items: {
            t: 'object',
            fields: { prefix: { t: 'string', nonEmpty: true }, kind: { t: 'string', oneOf: ['cleaning', 'distribution'] }, label: { t: 'string', optional: true } },
            check: (v, path) => (typeof v.prefix === 'string' && !/^\d{1,4}$/.test(v.prefix) ? [`${join(path, 'prefix')}: must be 1 to 4 digits of an ISCO-08 code`] : []),
          },
        },
        socialAssistanceNormPerMonth: { t: 'object', fields: { single: nonNegative, couple: nonNegative } },
        statutoryMinimumWagePerMonth: nonNegative,
        statutoryMinimumWageFullTimeHours: positive,
        languageCoachingCreditSteps: { t: 'number', min: 0, max: 6, integer: true },
        historicalWorkCap: {
          t: 'object',
          fields: {
            enabled: { t: 'boolean' },
            weeksPerYear: { t: 'number', min: 0, max: 52 },
            abolishedOn: { t: 'string', date: true, nullable: true },
          },
        },
        nationalHousingTotal: { t: 'number', min: 0, integer: true, nullable: true },
        placementWeight: { t: 'string', oneOf: PLACEMENT_WEIGHTS },
        placementWaitingDoublingDays: positive,
        distance: {
          t: 'object',
          fields: { referenceRadiusKm: positive, valueAtReferenceRadius: { t: 'number', min: 0, minExclusive: true, max: 1 } },
        },
        skills: {
          t: 'object',
          fields: {
            essentialWeight: positive,
            optionalWeight: nonNegative,
            occupationCreditAtZeroYears: unit,
            occupationCreditMax: unit,
            occupationSaturationYears: positive,
            sameIsco4Factor: unit,
            sameIsco3Factor: unit,
            noSkillsListedValue: unit,
          },
          check: (v, path) =>
            typeof v.occupationCreditMax === 'number' &&
            typeof v.occupationCreditAtZeroYears === 'number' &&
            v.occupationCreditMax < v.occupationCreditAtZeroYears
              ? [`${join(path, 'occupationCreditMax')}: must be >= occupationCreditAtZeroYears (${v.occupationCreditAtZeroYears})`]
              : [],
        },
        language: {
          t: 'object',
          fields: {
            valueByStepsBelow: { t: 'array', items: unit, minLength: 1, nonIncreasing: true },
            defaultMinEnglishLevel: { t: 'string', oneOf: CEFR_LEVELS },
          },
        },
        diploma: {
          t: 'object',
          fields: {
            statusCredit: { t: 'object', fields: { NONE: unit, SELF_REPORTED: unit, EVALUATED: unit, RECOGNISED: unit } },
            valueByLevelsBelow: { t: 'array', items: unit, minLength: 1, nonIncreasing: true },
          },
        },
        labourDemand: { t: 'object', fields: { halfValueRatio: positive, defaultValue: unit } },
        timeToStart: { t: 'object', fields: { wDocumentFullWindowDays: positive } },
        stability: {
          t: 'object',
          fields: {
            minHoursPerWeek: positive,
            fullContractMonths: positive,
            contractWeight: weight,
            hoursWeight: weight,
            relocationWeight: weight,
            relocationRiskValue: unit,
          },
          check: subWeightsSumTo1(['contractWeight', 'hoursWeight', 'relocationWeight']),
        },
        link: {
          t: 'object',
          fields: {
            neutralValue: unit,
            preferenceMunicipalityValue: unit,
            preferenceRegionValue: unit,
            preferenceElsewhereValue: unit,
            vacancyCountHalfValue: positive,
          },
        },
      },
      check: (v, path) =>
        typeof v.workPermitLeadTimeMaxWeeks === 'number' &&
        typeof v.workPermitLeadTimeWeeks === 'number' &&
        v.workPermitLeadTimeMaxWeeks < v.workPermitLeadTimeWeeks
          ? [`${join(path, 'workPermitLeadTimeMaxWeeks')}: must be >= workPermitLeadTimeWeeks (${v.workPermitLeadTimeWeeks})`]
          : [],
    },
    jobWeights: {
      t: 'object',
      sumsTo1: true,
      fields: {
        skills: weight,
        language: weight,
        diploma: weight,
        distance: weight,
        labourDemand: weight,
        timeToStart: weight,
        stability: weight,
      },
    },
    linkWeights: {
      t: 'object',
      sumsTo1: true,
      fields: {
        education: weight,
        experience: weight,
        network: weight,
        preferences: weight,
        labourDemand: weight,
        vacancyCount: weight,
        vacancyQuality: weight,
        currentJobOrSchool: weight,
        expectedEmployment: weight,
      },
    },
  },
};

function describeNumber(s: Extract<Schema, { t: 'number' }>): string {
  const kind = s.integer ? 'an integer' : 'a number';
  let range = '';
  if (s.min !== undefined && s.max !== undefined) range = ` in ${s.minExclusive ? '(' : '['}${s.min}, ${s.max}]`;
  else if (s.min !== undefined) range = s.minExclusive ? ` > ${s.min}` : ` >= ${s.min}`;
  else if (s.max !== undefined) range = ` <= ${s.max}`;
  return `must be ${s.nullable ? 'null or ' : ''}${kind}${range}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates `value` against `schema`. In `partial` mode (an override) missing fields are allowed
 * and object-level sums and cross-field checks are left to the merged result.
 * `ignoreKeys` names top-level keys that are accepted and ignored (the derived `version`).
 */
export function validateAgainst(schema: Schema, value: unknown, path: string, partial: boolean, ignoreKeys: readonly string[] = []): string[] {
  const at = path === '' ? '(root)' : path;
  switch (schema.t) {
    case 'number': {
      if (value === null && schema.nullable) return [];
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!schema.integer || Number.isInteger(value)) &&
        (schema.min === undefined || (schema.minExclusive ? value > schema.min : value >= schema.min)) &&
        (schema.max === undefined || value <= schema.max);
      return ok ? [] : [`${at}: ${describeNumber(schema)}`];
    }
    case 'string': {
      if (value === null && schema.nullable) return [];
      const nul = schema.nullable ? 'null or ' : '';
      if (schema.date) return isIsoDate(value) ? [] : [`${at}: must be ${nul}an ISO date (YYYY-MM-DD)`];
      if (schema.oneOf) return typeof value === 'string' && schema.oneOf.includes(value) ? [] : [`${at}: must be one of ${schema.oneOf.join(', ')}`];
      if (typeof value !== 'string' || (schema.nonEmpty && value.trim() === '')) return [`${at}: must be ${nul}a ${schema.nonEmpty ? 'non-empty ' : ''}string`];
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: must be true or false`];
    case 'array': {
      const min = schema.minLength ?? 0;
      if (!Array.isArray(value) || value.length < min) return [`${at}: must be an array of at least ${min} item(s)`];
      const errors: string[] = [];
      value.forEach((item, i) => errors.push(...validateAgainst(schema.items, item, `${path}[${i}]`, false)));
      if (errors.length === 0 && schema.nonIncreasing) {
        for (let i = 1; i < value.length; i++) {
          if ((value[i] as number) > (value[i - 1] as number)) errors.push(`${path}[${i}]: must not exceed the previous entry (${value[i - 1]})`);
        }
      }
      return errors;
    }
    case 'object': {
      if (!isPlainObject(value)) return [`${at}: must be an object`];
      const errors: string[] = [];
      for (const key of Object.keys(value)) {
        if (!(key in schema.fields) && !ignoreKeys.includes(key)) errors.push(`${join(path, key)}: unknown field`);
      }
      for (const [key, sub] of Object.entries(schema.fields)) {
        const v = value[key];
        if (v === undefined) {
          if (!partial && !sub.optional) errors.push(`${join(path, key)}: is required`);
          continue;
        }
        errors.push(...validateAgainst(sub, v, join(path, key), partial));
      }
      if (!partial && errors.length === 0) {
        if (schema.sumsTo1) {
          const sum = Object.keys(schema.fields).reduce((a, k) => a + (value[k] as number), 0);
          if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) errors.push(`${at}: weights must sum to 1 (they sum to ${roundForMessage(sum)})`);
        }
        if (schema.check) errors.push(...schema.check(value, path));
      }
      return errors;
    }
  }
}
