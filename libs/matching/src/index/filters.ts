import { MatchingInputError } from './matching-input-error';
import type { CandidateFilter, JobFilter } from './types';

/** Lists with ineligible pairs reach this many times the candidate's own maximum travel distance, unless `maxDistanceKm` says otherwise. */
export const INELIGIBLE_RADIUS_FACTOR = 2;

/** Largest k a query accepts. */
export const MAX_K = 10_000;

/** A filter checked and brought to one shape (internal). */
export interface NormalFilter {
  maxDistanceKm: number | null;
  minHours: number | null;
  maxHours: number | null;
  /** ISCO prefixes, none covering another; null = any group. */
  iscoGroups: string[] | null;
  sector: string | null;
  minScore: number | null;
  includeIneligible: boolean;
}

export function checkK(k: number, field = 'k'): number {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new MatchingInputError(field, `must be an integer from 1 to ${MAX_K}, got ${String(k)}`);
  return k;
}

function nonNegativeOrNull(v: number | null | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new MatchingInputError(field, `must be a finite number >= 0, got ${String(v)}`);
  return v;
}

/** ISCO-08 prefixes of 1 to 4 digits, without duplicates or prefixes covered by a shorter one. */
export function minimalIscoPrefixes(groups: readonly string[], field: string): string[] {
  const clean = groups.map((g, i) => {
    const s = typeof g === 'string' ? g.trim() : '';
    if (!/^\d{1,4}$/.test(s)) throw new MatchingInputError(`${field}[${i}]`, `must be an ISCO-08 group of 1 to 4 digits, got ${JSON.stringify(g)}`);
    return s;
  });
  const sorted = [...new Set(clean)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/** Whether an ISCO code starts with one of the prefixes. */
export function iscoMatches(code: string | null | undefined, prefixes: readonly string[]): boolean {
  if (!code) return false;
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

export function normaliseSector(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.trim().toLowerCase();
}

function normalise(f: JobFilter | CandidateFilter | null | undefined, field: string, sector: boolean): NormalFilter {
  const src = f ?? {};
  const minHours = nonNegativeOrNull(src.minHours, `${field}.minHours`);
  const maxHours = nonNegativeOrNull(src.maxHours, `${field}.maxHours`);
  if (minHours !== null && maxHours !== null && minHours > maxHours) throw new MatchingInputError(`${field}.maxHours`, `must be >= minHours (${minHours}), got ${maxHours}`);
  const minScore = src.minScore === null || src.minScore === undefined ? null : src.minScore;
  if (minScore !== null && (typeof minScore !== 'number' || !Number.isFinite(minScore))) throw new MatchingInputError(`${field}.minScore`, `must be a finite number, got ${String(minScore)}`);
  const groups = src.iscoGroups;
  if (groups !== null && groups !== undefined && !Array.isArray(groups)) throw new MatchingInputError(`${field}.iscoGroups`, 'must be a list of ISCO-08 groups');
  const sectorValue = sector ? (src as JobFilter).sector : null;
  if (sectorValue !== null && sectorValue !== undefined && typeof sectorValue !== 'string') throw new MatchingInputError(`${field}.sector`, 'must be a string');
  return {
    maxDistanceKm: nonNegativeOrNull(src.maxDistanceKm, `${field}.maxDistanceKm`),
    minHours,
    maxHours,
    iscoGroups: groups === null || groups === undefined ? null : minimalIscoPrefixes(groups, `${field}.iscoGroups`),
    sector: normaliseSector(sectorValue),
    minScore,
    includeIneligible: src.includeIneligible === true,
  };
}

export function normaliseJobFilter(f: JobFilter | null | undefined): NormalFilter {
  return normalise(f, 'filter', true);
}

export function normaliseCandidateFilter(f: CandidateFilter | null | undefined): NormalFilter {
  return normalise(f, 'filter', false);
}

/**
 * The farthest a pair may lie apart under a filter, km (before the 1 m tolerance): eligible-only,
 * the smaller of the filter's bound and the candidate's maximum travel distance (R9.4); with
 * ineligible pairs, the filter's bound or else INELIGIBLE_RADIUS_FACTOR × that maximum.
 */
export function pairRadiusKm(filter: NormalFilter, maxTravelKm: number): number {
  if (filter.includeIneligible) return filter.maxDistanceKm ?? INELIGIBLE_RADIUS_FACTOR * maxTravelKm;
  return filter.maxDistanceKm === null ? maxTravelKm : Math.min(filter.maxDistanceKm, maxTravelKm);
}

/** Hours within the filter's range (inclusive). */
export function hoursMatch(hours: number, filter: NormalFilter): boolean {
  return (filter.minHours === null || hours >= filter.minHours) && (filter.maxHours === null || hours <= filter.maxHours);
}
