import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CefrLevel, LegalStatusEnum } from '../../records/enums';
import { GeoPoint } from '../../reference/models/reference.models';
import { ExpectedEmploymentView } from '../../outcome/models/outcome-model.models';

export enum Language {
  NL = 'NL',
  EN = 'EN',
}
registerEnumType(Language, { name: 'Language', description: 'Language of the reasons (R18): Dutch or English.' });

export enum SuggestionMode {
  STATIC = 'STATIC',
  DYNAMIC = 'DYNAMIC',
}
registerEnumType(SuggestionMode, {
  name: 'SuggestionMode',
  description:
    "STATIC: ranked by the household's own link score and the room left now. DYNAMIC: by the link score minus the price of the places the household would take (the period's newest place prices, R11), shown as the component placePrice; hard rules stay hard.",
});

@ObjectType({ description: 'One scored component (R10, R13, R14): value in [0, 1], weight, contribution = weight × value.' })
export class ScoreComponent {
  @Field() name: string;
  @Field(() => Float) value: number;
  @Field(() => Float) weight: number;
  @Field(() => Float) contribution: number;
  @Field({ description: 'Why, in the language asked for.' }) reason: string;
  @Field() reasonNl: string;
  @Field() reasonEn: string;
}

@ObjectType({ description: 'The result of one rule (R18), by rule number.' })
export class RuleCheck {
  @Field({ description: 'e.g. R9.1, R12, R1.2' }) rule: string;
  @Field() passed: boolean;
  @Field() reason: string;
  @Field() reasonNl: string;
  @Field() reasonEn: string;
}

@ObjectType({ description: 'What a job seeker sees of a vacancy in a suggestion (no internal fields).' })
export class VacancySummary {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() iscoCode: string;
  @Field(() => String, { nullable: true }) occupationLabelNl: string | null;
  @Field(() => String, { nullable: true }) employerName: string | null;
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field(() => GeoPoint) location: GeoPoint;
  @Field(() => Int) hoursPerWeek: number;
  @Field(() => Int, { nullable: true }) contractMonths: number | null;
  @Field(() => Float, { nullable: true }) monthlyWage: number | null;
  @Field() startDate: string;
  @Field(() => CefrLevel) minDutchLevel: string;
  @Field() languageCoaching: boolean;
}

@ObjectType({ description: 'What a vacancy owner sees of a suggested candidate. Evaluators see only the pseudonym.' })
export class CandidateSummary {
  @Field(() => ID, { nullable: true, description: 'null for evaluators, who see only the pseudonym.' }) id: string | null;
  @Field() pseudonym: string;
  @Field(() => String, { nullable: true, description: 'null for evaluators.' }) name: string | null;
  @Field(() => LegalStatusEnum) legalStatus: string;
  @Field(() => CefrLevel) dutchLevel: string;
  @Field(() => CefrLevel) englishLevel: string;
  @Field(() => Int) hoursAvailable: number;
  @Field() municipalityCode: string;
}

@ObjectType({ description: 'A vacancy suggested for a candidate, with its score taken apart (R9, R10, R18).' })
export class JobSuggestion {
  @Field(() => Int) rank: number;
  @Field(() => ID) vacancyId: string;
  @Field(() => VacancySummary) vacancy: VacancySummary;
  @Field(() => Float) score: number;
  @Field() eligible: boolean;
  @Field(() => Float) distanceKm: number;
  @Field(() => String, { nullable: true, description: 'Earliest start as far as the right to work goes.' }) earliestStart: string | null;
  @Field(() => [ScoreComponent]) components: ScoreComponent[];
  @Field(() => [RuleCheck]) checks: RuleCheck[];
  @Field() policyVersion: string;
}

@ObjectType()
export class JobSuggestionPage {
  @Field(() => [JobSuggestion]) items: JobSuggestion[];
  @Field(() => Int, { description: 'Vacancies that pass the filter (and the gates, unless ineligible ones are included).' }) total: number;
  @Field() policyVersion: string;
  @Field(() => ID, { description: 'Reference of this served list in the audit trail (R19).' }) suggestionId: string;
}

@ObjectType({ description: 'A candidate suggested for a vacancy, with the score taken apart.' })
export class CandidateSuggestion {
  @Field(() => Int) rank: number;
  @Field(() => CandidateSummary) candidate: CandidateSummary;
  @Field(() => Float) score: number;
  @Field() eligible: boolean;
  @Field(() => Float) distanceKm: number;
  @Field(() => String, { nullable: true }) earliestStart: string | null;
  @Field(() => [ScoreComponent]) components: ScoreComponent[];
  @Field(() => [RuleCheck]) checks: RuleCheck[];
  @Field() policyVersion: string;
}

@ObjectType()
export class CandidateSuggestionPage {
  @Field(() => [CandidateSuggestion]) items: CandidateSuggestion[];
  @Field(() => Int) total: number;
  @Field() policyVersion: string;
  @Field(() => ID) suggestionId: string;
}

@ObjectType({ description: 'R14: what one adult could reach from the municipality.' })
export class ReachableForAdult {
  @Field() pseudonym: string;
  @Field(() => Int) eligibleVacancies: number;
  @Field(() => Float) meanBestScore: number;
}

@ObjectType({ description: 'A municipality for a household, with every hard rule and component (R11-R14, R16).' })
export class MunicipalitySuggestion {
  @Field(() => Int) rank: number;
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field() labourMarketRegionCode: string;
  @Field(() => Float) score: number;
  @Field() eligible: boolean;
  @Field(() => Int, { nullable: true, description: 'R11: persons the municipality can still house this period; null when unknown.' }) capacityLeft: number | null;
  @Field(() => [ReachableForAdult]) reachable: ReachableForAdult[];
  @Field(() => [ScoreComponent]) components: ScoreComponent[];
  @Field(() => [RuleCheck]) checks: RuleCheck[];
  @Field() policyVersion: string;
  @Field(() => ExpectedEmploymentView, { nullable: true, description: 'R14, R16: what the outcome model expects of the household here; null when no model is loaded.' })
  expectedEmployment: ExpectedEmploymentView | null;
}

@ObjectType({ description: 'One household–municipality pair taken apart (R11-R14, R16, R18), listed or not.' })
export class LinkExplanation {
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field() labourMarketRegionCode: string;
  @Field(() => Float) score: number;
  @Field({ description: 'Meets every hard rule (R11, R12, R16).' }) eligible: boolean;
  @Field(() => Int, { nullable: true, description: 'R11: persons the municipality can still house this period; null when unknown.' }) capacityLeft: number | null;
  @Field({ description: 'The half-year whose housing task was used.' }) period: string;
  @Field(() => [ReachableForAdult]) reachable: ReachableForAdult[];
  @Field(() => [ScoreComponent]) components: ScoreComponent[];
  @Field(() => [RuleCheck]) checks: RuleCheck[];
  @Field() policyVersion: string;
}

@ObjectType({ description: 'One municipality on a map of a household\'s links: its link score, or the hard rule that excludes it.' })
export class MunicipalityScore {
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field({ description: 'Meets every hard rule (R11, R12, R16).' }) eligible: boolean;
  @Field(() => Float, { nullable: true, description: 'The link score, as the list would give it; null when excluded.' }) score: number | null;
  @Field(() => Int, { nullable: true, description: 'R11: persons the municipality can still house this period; null when unknown.' }) capacityLeft: number | null;
  @Field(() => String, { nullable: true, description: 'R12 (beyond the radius of a hard tie) or R11 (no room for the whole household); null when eligible.' })
  excludedBy: string | null;
}

@ObjectType({ description: 'Municipalities for a household; feasible: false (with the reason) when none meets the hard rules.' })
export class MunicipalitySuggestionResult {
  @Field(() => [MunicipalitySuggestion]) items: MunicipalitySuggestion[];
  @Field() feasible: boolean;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true }) reasonNl: string | null;
  @Field(() => String, { nullable: true }) reasonEn: string | null;
  @Field({ description: 'The half-year whose housing task was used.' }) period: string;
  @Field(() => Int, { description: 'Municipalities that meet every hard rule.' }) eligibleCount: number;
  @Field() policyVersion: string;
  @Field(() => String, { nullable: true, description: 'The outcome model (name@hash) whose expectations this answer shows; null when none is loaded.' })
  outcomeModelVersion: string | null;
  @Field(() => SuggestionMode, { description: 'The mode the list was ranked in (DYNAMIC asked without prices for the period falls back to STATIC; modeNote says so).' })
  mode: SuggestionMode;
  @Field(() => String, { nullable: true, description: 'The place prices used (period#version, see placePrices); null in STATIC mode.' })
  placePriceVersion: string | null;
  @Field(() => String, { nullable: true, description: 'Why the mode used is not the one asked for, in the language asked for.' })
  modeNote: string | null;
  @Field(() => String, { nullable: true }) modeNoteNl: string | null;
  @Field(() => String, { nullable: true }) modeNoteEn: string | null;
  @Field(() => ID) suggestionId: string;
  @Field(() => [MunicipalityScore], {
    description: 'Every municipality with its link score or the rule that excludes it, for a map; computed only when selected.',
  })
  scores: MunicipalityScore[];
}

@ObjectType({ description: 'One candidate–vacancy pair taken apart (R9, R10, R18).' })
export class MatchExplanation {
  @Field(() => ID) candidateId: string;
  @Field(() => ID) vacancyId: string;
  @Field(() => Float) score: number;
  @Field() eligible: boolean;
  @Field(() => Float) distanceKm: number;
  @Field(() => String, { nullable: true }) earliestStart: string | null;
  @Field(() => [ScoreComponent]) components: ScoreComponent[];
  @Field(() => [RuleCheck]) checks: RuleCheck[];
  @Field() policyVersion: string;
}
