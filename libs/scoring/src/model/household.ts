import type { CandidateProfile } from './candidate-profile';

/** The unit of placement (R16): members are placed together. Adults are members aged 18 or more on the reference date. */
export interface Household {
  id: string;
  members: CandidateProfile[];
}
