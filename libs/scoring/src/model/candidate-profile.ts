import type { Cefr } from './cefr';
import type { DiplomaStatus, EducationLevel } from './education-level';
import type { GeoPoint } from './geo-point';

/** Legal status that decides the right to work (R1 asylum seeker, R2 status holder, R3 displaced from Ukraine). */
export type LegalStatus = 'ASYLUM_SEEKER' | 'STATUS_HOLDER' | 'DISPLACED_UKRAINE';

/** Civic-integration route under the 2021 law (R5). */
export type IntegrationRoute = 'B1' | 'EDUCATION' | 'Z';

/** Kind of tie to a place (R12). */
export type TieKind = 'FAMILY' | 'WORK' | 'EDUCATION' | 'MEDICAL';

/**
 * A tie to a place (R12). `location` is the tie's own place, else its municipality's centroid.
 * Whether it is a *hard* tie is decided by the rules (see `qualifyingTies`): FAMILY (first degree),
 * EDUCATION (admission) and MEDICAL (necessary treatment) always are; WORK only with at least
 * `minWorkHoursForTie` hours a week, a signed contract and a payslip.
 */
export interface HardTie {
  kind: TieKind;
  municipalityCode: string;
  location: GeoPoint;
  hoursPerWeek?: number | null;
  contractMonths?: number | null;
  monthlyWage?: number | null;
  signedContract?: boolean;
  payslip?: boolean;
  iscoCode?: string | null;
  /**
   * FAMILY only: `false` marks a relative beyond the first degree (or a close friend): that is
   * social network (soft, R13), not a hard tie. Absent or `true` = first-degree family (R12a).
   */
  firstDegree?: boolean;
}

/** A foreign qualification with its Dutch-equivalent level and status (R6). */
export interface CandidateDiploma {
  level: EducationLevel;
  status: DiplomaStatus;
  iscoCode?: string | null;
  /** The regulated profession the diploma is recognised for (e.g. "BIG:verpleegkundige"), if any. */
  regulatedProfession?: string | null;
}

/** An occupation worked in, with years of experience (R7). */
export interface HeldOccupation {
  escoId?: string | null;
  iscoCode: string;
  years: number;
}

/** Where the person would like to live and work (R13); every field optional. */
export interface CandidatePreferences {
  municipalityCodes?: string[];
  /** Labour-market region codes (AMxx) or province codes (PVxx); either matches. */
  regionCodes?: string[];
  iscoGroups?: string[];
}

/**
 * What a candidate brings (R5-R8). Deliberately has no nationality, country of origin, ethnicity,
 * religion, mother tongue or gender field (R17): those are never scoring inputs.
 * Dates are ISO calendar dates `YYYY-MM-DD`.
 */
export interface CandidateProfile {
  id: string;
  birthDate: string;
  legalStatus: LegalStatus;
  /** R1.2: date of the asylum application. */
  applicationDate?: string | null;
  /** R2: date the residence permit was granted. */
  permitDate?: string | null;
  /** R1.4: W-document issue and expiry dates. */
  wDocumentIssued?: string | null;
  wDocumentExpiry?: string | null;
  /** R1.3 */
  livesInReception: boolean;
  /** R1.7 */
  dublinOrReturnDecision: boolean;
  location: GeoPoint;
  dutchLevel: Cefr;
  englishLevel: Cefr;
  integrationRoute?: IntegrationRoute | null;
  diplomas: CandidateDiploma[];
  occupations: HeldOccupation[];
  /** ESCO skill ids the person has shown or declared. */
  skills: string[];
  hoursAvailable: number;
  maxTravelKm: number;
  preferences?: CandidatePreferences;
  ties: HardTie[];
}
