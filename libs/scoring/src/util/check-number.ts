import { ScoringInputError } from './scoring-input-error';

/** A finite number >= 0, or a ScoringInputError naming the field (internal). */
export function nonNegative(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ScoringInputError(field, `must be a finite number >= 0, got ${JSON.stringify(value)}`);
  return value;
}

/** Latitude/longitude in range, or a ScoringInputError naming the field (internal). */
export function geo(value: { lat: number; lon: number } | null | undefined, field: string): { lat: number; lon: number } {
  if (!value || typeof value.lat !== 'number' || typeof value.lon !== 'number' || !(Math.abs(value.lat) <= 90) || !(Math.abs(value.lon) <= 180)) {
    throw new ScoringInputError(field, `must be { lat in [-90, 90], lon in [-180, 180] }, got ${JSON.stringify(value)}`);
  }
  return value;
}
