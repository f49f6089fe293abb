import type { CandidateProfile } from '@kansrijk/scoring';

/**
 * What the outcome model reads of a person: the profile fields the scoring library already
 * knows (R5-R8 and the legal-status dates). Deliberately no monitoring attribute (R17): the type
 * has no field for gender, nationality or country of birth, so a prediction cannot read one.
 */
export type OutcomeProfile = Pick<
  CandidateProfile,
  'birthDate' | 'legalStatus' | 'applicationDate' | 'permitDate' | 'dutchLevel' | 'englishLevel' | 'integrationRoute' | 'hoursAvailable'
> & {
  diplomas: Pick<CandidateProfile['diplomas'][number], 'level' | 'status'>[];
  occupations: Pick<CandidateProfile['occupations'][number], 'iscoCode' | 'years'>[];
};

/**
 * What the model reads of a place for one person, as plain numbers the caller computes (the API
 * from its matching index and labour-demand figures, a history file from its columns; see
 * `outcomeLocation`).
 */
export interface OutcomeLocation {
  /** UWV tension (vacancies per short-term unemployed) for the person's best occupation group in the municipality's region; null = no figure. */
  labourDemandTension: number | null;
  /** Eligible vacancies the person can reach from the municipality (R14). */
  reachableVacancies: number;
  /** Km from the municipality to the person's nearest tie (family, work, education, medical); null = no tie. */
  nearestTieKm: number | null;
  /** The municipality's population (its size). */
  population: number;
}

/** One adult at one place on one day: everything a prediction reads. */
export interface OutcomeCase {
  profile: OutcomeProfile;
  location: OutcomeLocation;
  /** The day of the link (history) or the reference day (a suggestion), `YYYY-MM-DD`. */
  onDate: string;
}

/** Monitoring attributes (R17): read for evaluation only (calibration by group, the proxy audit), never by a prediction. */
export interface MonitoringAttributes {
  gender?: string | null;
  countryOfBirth?: string | null;
  nationality?: string | null;
}
