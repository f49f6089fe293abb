/**
 * Test support: the answers the matching index must give, by scoring every pair with the
 * scoring library's public functions and applying the documented filters literally.
 */
import {
  DISTANCE_TOLERANCE_KM,
  distanceKm,
  prepareCandidate,
  scorePrepared,
  type CandidateProfile,
  type MunicipalityProfile,
  type PreparedCandidate,
  type PreparedJobContext,
  type PreparedVacancy,
  type ReachableSummary,
} from '@kansrijk/scoring';
import type { CandidateFilter, CandidateSuggestion, JobFilter, JobSuggestion } from '../types';

const norm = (s: string | null | undefined) => (s === null || s === undefined ? null : s.trim().toLowerCase());
const byRank = (a: { score: number; id: string }, b: { score: number; id: string }) => (a.score !== b.score ? b.score - a.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The distance bound of a pair under a filter, as `JobFilter` documents it. */
function radius(filter: JobFilter | CandidateFilter, maxTravelKm: number): number {
  if (filter.includeIneligible) return filter.maxDistanceKm ?? 2 * maxTravelKm;
  return Math.min(filter.maxDistanceKm ?? Infinity, maxTravelKm);
}

export function bruteTopJobs(ctx: PreparedJobContext, pc: PreparedCandidate, vacancies: PreparedVacancy[], k: number, filter: JobFilter = {}): { items: JobSuggestion[]; matched: number } {
  const all: (JobSuggestion & { id: string })[] = [];
  for (const pv of vacancies) {
    const v = pv.profile;
    const km = distanceKm(pc.profile.location, v.location);
    if (!(km <= radius(filter, pc.maxTravelKm) + DISTANCE_TOLERANCE_KM)) continue;
    if (filter.minHours != null && v.hoursPerWeek < filter.minHours) continue;
    if (filter.maxHours != null && v.hoursPerWeek > filter.maxHours) continue;
    if (filter.iscoGroups != null && !filter.iscoGroups.some((g) => v.iscoCode.startsWith(g.trim()))) continue;
    if (filter.sector != null && norm(v.sector) !== norm(filter.sector)) continue;
    const s = scorePrepared(pc, pv, ctx);
    if (!filter.includeIneligible && !s.eligible) continue;
    if (filter.minScore != null && s.score < filter.minScore) continue;
    all.push({ id: v.id, vacancyId: v.id, score: s.score, eligible: s.eligible, failedGates: s.failedGates, distanceKm: km });
  }
  all.sort(byRank);
  return { items: all.slice(0, k).map(({ id: _id, ...x }) => x), matched: all.length };
}

export function bruteTopCandidates(ctx: PreparedJobContext, pv: PreparedVacancy, candidates: PreparedCandidate[], k: number, filter: CandidateFilter = {}): { items: CandidateSuggestion[]; matched: number } {
  const all: (CandidateSuggestion & { id: string })[] = [];
  for (const pc of candidates) {
    const c = pc.profile;
    const km = distanceKm(c.location, pv.profile.location);
    if (!(km <= radius(filter, c.maxTravelKm) + DISTANCE_TOLERANCE_KM)) continue;
    if (filter.minHours != null && c.hoursAvailable < filter.minHours) continue;
    if (filter.maxHours != null && c.hoursAvailable > filter.maxHours) continue;
    if (filter.iscoGroups != null && !c.occupations.some((o) => filter.iscoGroups?.some((g) => o.iscoCode.startsWith(g.trim())))) continue;
    const s = scorePrepared(pc, pv, ctx);
    if (!filter.includeIneligible && !s.eligible) continue;
    if (filter.minScore != null && s.score < filter.minScore) continue;
    all.push({ id: c.id, candidateId: c.id, score: s.score, eligible: s.eligible, failedGates: s.failedGates, distanceKm: km });
  }
  all.sort(byRank);
  return { items: all.slice(0, k).map(({ id: _id, ...x }) => x), matched: all.length };
}

/**
 * R14/R16 summary by brute force: each adult prepared afresh with the municipality's centroid as
 * location; eligible (scorePrepared) and within `radiusKm` of the centroid; the mean of the best
 * `bestOf` scores, summed best first.
 */
export function bruteReachable(ctx: PreparedJobContext, adults: CandidateProfile[], municipalities: MunicipalityProfile[], vacancies: PreparedVacancy[], radiusKm: number, bestOf: number): ReachableSummary[] {
  return municipalities.map((m) => ({
    adults: adults.map((a) => {
      const moved = prepareCandidate({ ...a, location: { ...m.centroid } }, ctx);
      const scores: number[] = [];
      for (const pv of vacancies) {
        if (!(distanceKm(m.centroid, pv.profile.location) <= radiusKm + DISTANCE_TOLERANCE_KM)) continue;
        const s = scorePrepared(moved, pv, ctx);
        if (s.eligible) scores.push(s.score);
      }
      scores.sort((x, y) => y - x);
      const best = scores.slice(0, bestOf);
      let sum = 0;
      for (const s of best) sum += s;
      return { candidateId: a.id, eligibleVacancies: scores.length, meanBestScore: best.length === 0 ? 0 : sum / best.length };
    }),
  }));
}
