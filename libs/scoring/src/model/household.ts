import type { CandidateProfile } from './candidate-profile';

/** The unit of placement (R16): members are placed together. Adults are members aged 18 or more on the reference date. */
export interface Household {
  id: string;
  members: CandidateProfile[];
  /**
   * Persons in the household (R11 counts persons), also those without a candidate record,
   * such as young children. Default: the number of members; never fewer.
   */
  size?: number;
}
