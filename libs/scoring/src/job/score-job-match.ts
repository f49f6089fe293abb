import type { CandidateProfile } from '../model/candidate-profile';
import type { VacancyProfile } from '../model/vacancy-profile';
import { type JobMatchResult, explainPrepared } from './explain-prepared';
import { type JobMatchContext, type PreparedJobContext, prepareJobContext } from './job-match-context';
import { prepareCandidate } from './prepare-candidate';
import { prepareVacancy } from './prepare-vacancy';

/**
 * Scores one candidate against one vacancy and explains it (R9, R10, R18): `eligible` is false when
 * any gate fails (right to work by the start date incl. the employer's permit willingness for an
 * asylum seeker, hours, regulated-profession diploma, maximum travel distance); the components
 * (skills, language, diploma, distance, labourDemand, timeToStart, stability) are each in [0, 1] and
 * their contributions sum to the score. For many pairs prepare the profiles once and use
 * `scorePrepared`, which gives the identical score.
 */
export function scoreJobMatch(args: { candidate: CandidateProfile; vacancy: VacancyProfile; context: JobMatchContext | PreparedJobContext }): JobMatchResult {
  const ctx = prepareJobContext(args.context);
  return explainPrepared(prepareCandidate(args.candidate, ctx), prepareVacancy(args.vacancy, ctx), ctx);
}
