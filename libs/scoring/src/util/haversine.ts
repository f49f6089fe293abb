import type { GeoPoint } from '../model/geo-point';

/**
 * Earth radius, km. All distances in the library are great-circle distances on this sphere.
 * 6371 km, the figure geokdbush (used by libs/matching for radius queries) and most haversine
 * code use, so that a point another module finds within 50 km is within 50 km here too.
 */
export const EARTH_RADIUS_KM = 6371;

/**
 * Tolerance for "within X km" (R9.4, R12): 1e-3 km = 1 m. A distance of exactly 50.0 km is within a
 * 50 km radius even when rounding, or a caller who built the point on a slightly different Earth
 * radius (6371.0088 km moves 50 km by 7 cm), puts it a hair above; 50.01 km is not. Places here
 * are municipality centroids and addresses, so a metre is far below their precision.
 */
export const DISTANCE_TOLERANCE_KM = 1e-3;

/** Degrees to radians. */
export const DEG = Math.PI / 180;

/**
 * Great-circle (haversine) distance in km from coordinates already in radians with the cosine of
 * each latitude: the fast path precomputes these once per profile.
 */
export function haversineRad(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
  const s1 = Math.sin((lat2 - lat1) / 2);
  const s2 = Math.sin((lon2 - lon1) / 2);
  const h = s1 * s1 + cos1 * cos2 * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle (haversine) distance between two WGS84 points, in km. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const lat1 = a.lat * DEG;
  const lat2 = b.lat * DEG;
  return haversineRad(lat1, a.lon * DEG, Math.cos(lat1), lat2, b.lon * DEG, Math.cos(lat2));
}

/** Whether a distance is within a limit, with the documented 1 m tolerance. */
export function withinKm(distance: number, limitKm: number): boolean {
  return distance <= limitKm + DISTANCE_TOLERANCE_KM;
}
