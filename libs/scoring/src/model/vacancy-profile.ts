import type { Cefr } from './cefr';
import type { EducationLevel } from './education-level';
import type { GeoPoint } from './geo-point';

/** A diploma requirement of a vacancy (R9 gate for regulated professions, R10 diploma fit). */
export interface DiplomaRequirement {
  level: EducationLevel;
  /** Set for a regulated profession: then a RECOGNISED diploma for exactly this profession is required (R9.3). */
  regulatedProfession?: string | null;
}

/** A vacancy as the scoring library sees it (section 4 of the domain brief). Dates are `YYYY-MM-DD`. */
export interface VacancyProfile {
  id: string;
  iscoCode: string;
  escoOccupationId?: string | null;
  essentialSkills: string[];
  optionalSkills: string[];
  minDutchLevel: Cefr;
  englishSuffices: boolean;
  /** Level of English that suffices when `englishSuffices`; the policy default when absent. */
  minEnglishLevel?: Cefr | null;
  diplomaRequirement?: DiplomaRequirement | null;
  hoursPerWeek: number;
  /** Contract length in months; null = open-ended. */
  contractMonths: number | null;
  /** Gross monthly wage; null = not stated. */
  monthlyWage: number | null;
  location: GeoPoint;
  /** Labour-market region code (AMxx). */
  regionCode: string;
  startDate: string;
  languageCoaching: boolean;
  jobCoach: boolean;
  /** R1.5: the employer will apply for a work permit (TWV) for an asylum seeker. */
  workPermitWillingness: boolean;
  sector?: string | null;
}
