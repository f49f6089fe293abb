import type { CandidateProfile } from '@kansrijk/scoring';

/** Days from the household's earliest residence permit (domain §1: its status holders') to `onDate`; 0 without one or before it. */
export function waitingDays(members: readonly CandidateProfile[], onDate: string): number {
  const permits = members.filter((m) => m.legalStatus === 'STATUS_HOLDER' && m.permitDate).map((m) => m.permitDate as string);
  if (permits.length === 0) return 0;
  const first = permits.sort()[0];
  return Math.max(0, Math.round((Date.parse(`${onDate}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000));
}
