import type { GeoPoint } from '../model/geo-point';

/** Mean Earth radius (IUGG), km. All distances in the library are great-circle distances on this sphere. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Tolerance for "within X km" (R9, R12): 1e-6 km = 1 mm. A distance of exactly 50.0 km is within a
 * 50 km radius even when floating-point rounding puts it a hair above; 50.001 km is not.
 */
export const DISTANCE_TOLERANCE_KM = 1e-6;

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

/** Whether a distance is within a limit, with the documented 1 mm tolerance. */
export function withinKm(distance: number, limitKm: number): boolean {
  return distance <= limitKm + DISTANCE_TOLERANCE_KM;
}
