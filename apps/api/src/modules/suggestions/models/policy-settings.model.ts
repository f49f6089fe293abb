import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Policy } from '@kansrijk/scoring';
import { PlacementWeightEnum } from '../dto/policy-override.input';

@ObjectType({ description: 'Weights of the job-match components (R10).' })
export class JobWeights {
  @Field(() => Float) skills: number;
  @Field(() => Float) language: number;
  @Field(() => Float) diploma: number;
  @Field(() => Float) distance: number;
  @Field(() => Float) labourDemand: number;
  @Field(() => Float) timeToStart: number;
  @Field(() => Float) stability: number;
}

@ObjectType({ description: 'Weights of the municipality-link components (R13, R14).' })
export class LinkWeights {
  @Field(() => Float) education: number;
  @Field(() => Float) experience: number;
  @Field(() => Float) network: number;
  @Field(() => Float) preferences: number;
  @Field(() => Float) labourDemand: number;
  @Field(() => Float) vacancyCount: number;
  @Field(() => Float) vacancyQuality: number;
  @Field(() => Float) currentJobOrSchool: number;
}

@ObjectType({ description: "R1: the abolished 24-week cap on asylum seekers' work." })
export class HistoricalWorkCap {
  @Field() enabled: boolean;
  @Field(() => Int) weeksPerYear: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null = never abolished.' }) abolishedOn: string | null;
}

@ObjectType({ description: 'R9.5 working age (Arbeidstijdenwet): minimum age and the limits for young workers, ages in whole years on the start day.' })
export class WorkingAgeSettings {
  @Field(() => Int, { description: 'Regular paid work from this age (16).' }) minimumAge: number;
  @Field(() => Int, { description: 'Light, non-industrial work outside school hours from this age (13).' }) lightWorkMinimumAge: number;
  @Field(() => Float, { description: 'Light work: most hours in a school week (12).' }) lightWorkMaxHoursPerWeek: number;
  @Field(() => Int, { description: 'The limits for young workers apply below this age (18).' }) youthUntilAge: number;
  @Field(() => Float, { description: 'Young workers: average hours a week over 4 weeks (40).' }) youthMaxHoursPerWeek: number;
}

/**
 * The default policy's values of every `PolicyOverride` field, under the same names, so a client
 * can show each field of an override with the value it replaces.
 */
@ObjectType({ description: 'The values of the default policy for every PolicyOverride field, under the same names.' })
export class PolicySettings {
  @Field({ description: 'name@hash of the policy.' }) version: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'First day this version is in force (YYYY-MM-DD); it applies until the next version\'s.' }) effectiveFrom: string | null;
  @Field(() => [String], { description: 'Where each figure of the version comes from, one line per figure.' }) sources: string[];
  @Field(() => WorkingAgeSettings, { description: 'R9.5 working age, for every legal status.' }) workingAge: WorkingAgeSettings;
  @Field(() => Float, { description: 'R12 tie radius, km.' }) tieRadiusKm: number;
  @Field(() => Float, { description: 'R12b minimum work hours a week for a work tie.' }) minWorkHoursForTie: number;
  @Field(() => Int, { description: 'R1.2 months an asylum application must be pending before work.' }) asylumWorkWaitMonths: number;
  @Field(() => Float, { description: 'R1.5 work-permit lead time, weeks.' }) workPermitLeadTimeWeeks: number;
  @Field(() => Float, { description: 'R1.5 lead time in practice, weeks.' }) workPermitLeadTimeMaxWeeks: number;
  @Field(() => Int, { description: 'R15b minimum contract for re-linking, months.' }) relinkingMinContractMonths: number;
  @Field(() => Int, { description: 'R5 CEFR steps a language-coaching workplace forgives.' }) languageCoachingCreditSteps: number;
  @Field(() => Float, { description: 'Euros a month.' }) statutoryMinimumWagePerMonth: number;
  @Field(() => Float, { description: 'R15c, euros a month.' }) socialAssistanceNormSingle: number;
  @Field(() => Float, { description: 'R15c, euros a month.' }) socialAssistanceNormCouple: number;
  @Field(() => Float, { description: 'R10 distance reference radius, km.' }) distanceReferenceRadiusKm: number;
  @Field(() => HistoricalWorkCap) historicalWorkCap: HistoricalWorkCap;
  @Field(() => Int, { nullable: true, description: 'R11 national housing total in the policy itself; null = the stored total of the period is used.' })
  nationalHousingTotal: number | null;
  @Field(() => PlacementWeightEnum, { description: 'R11, R16: how a cohort plan shares a shortage of places.' }) placementWeight: PlacementWeightEnum;
  @Field(() => Float, { description: 'WAITING: days since the permit that double a person\'s weight.' }) placementWaitingDoublingDays: number;
  @Field(() => JobWeights) jobWeights: JobWeights;
  @Field(() => LinkWeights) linkWeights: LinkWeights;
}

/** A policy's values under the override's names. */
export function toPolicySettings(policy: Policy): PolicySettings {
  const p = policy.params;
  return {
    version: policy.version,
    name: policy.name,
    effectiveFrom: policy.effectiveFrom ?? null,
    sources: [...(policy.sources ?? [])],
    workingAge: { ...p.workingAge },
    tieRadiusKm: p.tieRadiusKm,
    minWorkHoursForTie: p.minWorkHoursForTie,
    asylumWorkWaitMonths: p.asylumWorkWaitMonths,
    workPermitLeadTimeWeeks: p.workPermitLeadTimeWeeks,
    workPermitLeadTimeMaxWeeks: p.workPermitLeadTimeMaxWeeks,
    relinkingMinContractMonths: p.relinkingMinContractMonths,
    languageCoachingCreditSteps: p.languageCoachingCreditSteps,
    statutoryMinimumWagePerMonth: p.statutoryMinimumWagePerMonth,
    socialAssistanceNormSingle: p.socialAssistanceNormPerMonth.single,
    socialAssistanceNormCouple: p.socialAssistanceNormPerMonth.couple,
    distanceReferenceRadiusKm: p.distance.referenceRadiusKm,
    historicalWorkCap: { ...p.historicalWorkCap },
    nationalHousingTotal: p.nationalHousingTotal,
    placementWeight: p.placementWeight as PlacementWeightEnum,
    placementWaitingDoublingDays: p.placementWaitingDoublingDays,
    jobWeights: { ...policy.jobWeights },
    linkWeights: { ...policy.linkWeights },
  };
}
