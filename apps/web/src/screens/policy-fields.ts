import type { MessageKey } from '../i18n/I18n';

/** The PolicyOverride fields the what-if form offers, with their unit; labels and defaults come from i18n and the API. */
export const POLICY_NUMBERS = [
  { key: 'tieRadiusKm', unit: 'unit_km', integer: false },
  { key: 'minWorkHoursForTie', unit: 'unit_hoursPerWeek', integer: false },
  { key: 'asylumWorkWaitMonths', unit: 'unit_months', integer: true },
  { key: 'workPermitLeadTimeWeeks', unit: 'unit_weeks', integer: false },
  { key: 'workPermitLeadTimeMaxWeeks', unit: 'unit_weeks', integer: false },
  { key: 'relinkingMinContractMonths', unit: 'unit_months', integer: true },
  { key: 'languageCoachingCreditSteps', unit: 'unit_steps', integer: true },
  { key: 'statutoryMinimumWagePerMonth', unit: 'unit_eurosPerMonth', integer: false },
  { key: 'socialAssistanceNormSingle', unit: 'unit_eurosPerMonth', integer: false },
  { key: 'socialAssistanceNormCouple', unit: 'unit_eurosPerMonth', integer: false },
  { key: 'distanceReferenceRadiusKm', unit: 'unit_km', integer: false },
  { key: 'nationalHousingTotal', unit: 'unit_persons', integer: true },
] as const satisfies readonly { key: string; unit: MessageKey; integer: boolean }[];

export const JOB_WEIGHTS = ['skills', 'language', 'diploma', 'distance', 'labourDemand', 'timeToStart', 'stability'] as const;
export const LINK_WEIGHTS = ['education', 'experience', 'network', 'preferences', 'labourDemand', 'vacancyCount', 'vacancyQuality', 'currentJobOrSchool'] as const;

export type NumberKey = (typeof POLICY_NUMBERS)[number]['key'];
