import type { Cefr } from '../model/cefr';
import type { DiplomaStatus } from '../model/education-level';

/** Weights of the job-match components (R10); they sum to 1. */
export interface JobWeights {
  skills: number;
  language: number;
  diploma: number;
  distance: number;
  labourDemand: number;
  timeToStart: number;
  stability: number;
}

/** Weights of the municipality-link components (R13, R14); they sum to 1. */
export interface LinkWeights {
  education: number;
  experience: number;
  network: number;
  preferences: number;
  labourDemand: number;
  vacancyCount: number;
  vacancyQuality: number;
  currentJobOrSchool: number;
  /**
   * R14 chance of successful participation as the outcome model sees it: the share of the
   * household's adults expected in work at 24 months. 0 by default; with no model loaded the
   * component is neutral (and, at weight 0, not listed).
   */
  expectedEmployment: number;
}

/** The abolished 24-week cap (R1): a dated historical rule for what-if runs. */
export interface HistoricalWorkCap {
  /** Off by default: the cap was abolished on 29 Nov 2023. */
  enabled: boolean;
  weeksPerYear: number;
  /** Work starting on or after this date is not capped; null = a what-if in which it was never abolished. */
  abolishedOn: string | null;
}

/**
 * R9.5 working age, for every legal status (Arbeidstijdenwet art. 3:1-3:2 and the Arbeidstijdenbesluit
 * ch. 3 on children and young people). Ages are in whole years on the day work starts.
 */
export interface WorkingAge {
  /** From this age regular paid work is allowed (16: below it a person is a "kind" and child labour is prohibited). */
  minimumAge: number;
  /** From this age, and below `minimumAge`, only light non-industrial work outside school hours (13). */
  lightWorkMinimumAge: number;
  /** Light work: most hours in a school week (12 for 13-, 14- and 15-year-olds). */
  lightWorkMaxHoursPerWeek: number;
  /** Below this age the limits for young workers apply (18). */
  youthUntilAge: number;
  /** Young workers (16, 17): average hours a week over 4 weeks (40; 45 in a single week, 9 a shift, no night work). */
  youthMaxHoursPerWeek: number;
}

/** One ISCO-08 prefix that R15 excludes from re-linking, with the kind of work and what it covers. */
export interface RelinkingExclusion {
  prefix: string;
  kind: 'cleaning' | 'distribution';
  label?: string;
}

export type PlacementWeight = 'HOUSEHOLD' | 'PERSON' | 'WAITING';
export const PLACEMENT_WEIGHTS: readonly PlacementWeight[] = ['HOUSEHOLD', 'PERSON', 'WAITING'];

/** Every parameter marked *(param)* in domain.md, plus the tuning of each component. */
export interface PolicyParams {
  /** R9.5: minimum age for paid work and the limits for young workers, for every legal status. */
  workingAge: WorkingAge;
  /** R1.2: months an asylum application must be pending before work (calendar months). */
  asylumWorkWaitMonths: number;
  /** R1.5: statutory decision time of a work permit (TWV), weeks. */
  workPermitLeadTimeWeeks: number;
  /** R1.5: decision time in practice, weeks (time-to-start component). */
  workPermitLeadTimeMaxWeeks: number;
  /** R12: radius around each hard tie, km. */
  tieRadiusKm: number;
  /** R12b: minimum hours a week for work to count as a hard tie. */
  minWorkHoursForTie: number;
  /** R15b: minimum signed contract length for re-linking, months. */
  relinkingMinContractMonths: number;
  /** R15a: how many leading ISCO digits a job must share with an occupation or diploma to "match" (1-4). */
  relinkingIscoMatchDigits: number;
  /**
   * R15: "cleaning and distribution work never qualify". The rule names sectors, the engine sees
   * ISCO-08 codes: this list decides which codes count as that work, matched by prefix on the
   * job's code (a 3-digit entry covers its minor group). In the policy, so that a ministry's
   * reading of the rule is data a reviewer can see, not a constant in code.
   */
  relinkingExcludedIsco: RelinkingExclusion[];
  /** R15c: social-assistance norm per month, single adult and couple. */
  socialAssistanceNormPerMonth: { single: number; couple: number };
  /** R1.6: statutory minimum wage per month for a full-time week. */
  statutoryMinimumWagePerMonth: number;
  /** R1.6: the full-time week the monthly minimum wage refers to; part-time pro rata. */
  statutoryMinimumWageFullTimeHours: number;
  /** R5: CEFR steps a workplace with language coaching can accept below its requirement. */
  languageCoachingCreditSteps: number;
  /** R1: the abolished 24-week cap. */
  historicalWorkCap: HistoricalWorkCap;
  /** R11: national housing task for the period; null = the caller's figure is used. */
  nationalHousingTotal: number | null;
  /**
   * R11, R16: how a cohort plan shares a shortage of places. HOUSEHOLD: each placed household
   * counts once, whatever its size (capacity is in persons, so large families are left out
   * first); PERSON: each placed person counts once (score x persons), so no size is preferred for
   * its size; WAITING: per person, weighing more the longer the household has waited since its
   * permit (x (1 + days / placementWaitingDoublingDays)).
   */
  placementWeight: PlacementWeight;
  /** WAITING: days of waiting since the permit that double a person's weight. */
  placementWaitingDoublingDays: number;
  /** R10 distance decay: value = valueAtReferenceRadius ^ (km / referenceRadiusKm). */
  distance: { referenceRadiusKm: number; valueAtReferenceRadius: number };
  /** R7, R10 skills fit. */
  skills: {
    essentialWeight: number;
    optionalWeight: number;
    occupationCreditAtZeroYears: number;
    occupationCreditMax: number;
    occupationSaturationYears: number;
    sameIsco4Factor: number;
    sameIsco3Factor: number;
    noSkillsListedValue: number;
  };
  /** R5, R10 language fit: value by CEFR steps below the (coaching-softened) requirement; the last entry holds beyond. */
  language: { valueByStepsBelow: number[]; defaultMinEnglishLevel: Cefr };
  /** R6, R10 diploma fit. */
  diploma: { statusCredit: Record<DiplomaStatus, number>; valueByLevelsBelow: number[] };
  /** R10, R14 labour demand: value = ratio / (ratio + halfValueRatio); defaultValue when no figure. */
  labourDemand: { halfValueRatio: number; defaultValue: number };
  /** R10 time to start. */
  timeToStart: { wDocumentFullWindowDays: number };
  /** R10 stability: contract length, hours >= minHoursPerWeek, relocation risk (sub-weights sum to 1). */
  stability: {
    minHoursPerWeek: number;
    fullContractMonths: number;
    contractWeight: number;
    hoursWeight: number;
    relocationWeight: number;
    relocationRiskValue: number;
  };
  /** R13, R14 municipality link. */
  link: {
    neutralValue: number;
    preferenceMunicipalityValue: number;
    preferenceRegionValue: number;
    preferenceElsewhereValue: number;
    vacancyCountHalfValue: number;
  };
}

/**
 * A validated, immutable policy. `version` is `${name}@${hash}` of its canonical content (R18):
 * the same content always has the same version.
 */
export interface Policy {
  readonly name: string;
  readonly description?: string;
  /** The first day this version is in force (`YYYY-MM-DD`); absent for a policy that is not dated. */
  readonly effectiveFrom?: string;
  /** Where each figure comes from, one line per figure (R18). */
  readonly sources?: readonly string[];
  readonly version: string;
  readonly params: Readonly<PolicyParams>;
  readonly jobWeights: Readonly<JobWeights>;
  readonly linkWeights: Readonly<LinkWeights>;
}

/** Names of the job components, in the order they are summed. */
export const JOB_COMPONENTS = ['skills', 'language', 'diploma', 'distance', 'labourDemand', 'timeToStart', 'stability'] as const;

/** Names of the link components, in the order they are summed. */
export const LINK_COMPONENTS = [
  'education',
  'experience',
  'network',
  'preferences',
  'labourDemand',
  'vacancyCount',
  'vacancyQuality',
  'currentJobOrSchool',
  'expectedEmployment',
] as const;

/** A deep-partial policy override; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** What `applyPolicyOverride` accepts: any part of a policy except its derived version. */
export type PolicyOverride = DeepPartial<{
  name: string;
  description: string;
  effectiveFrom: string;
  sources: string[];
  params: PolicyParams;
  jobWeights: JobWeights;
  linkWeights: LinkWeights;
}>;
