/**
 * Spherical geometry for the matching index (internal). Distances follow libs/scoring: great
 * circles on a sphere of radius EARTH_RADIUS_KM (6,371 km), "within X km" with the 1 m tolerance.
 * Every helper here is conservative: a box or a range may hold more than the disc, never less;
 * the exact test is always the scoring library's haversine.
 */
import { EARTH_RADIUS_KM } from '@kansrijk/scoring';

export const DEG = Math.PI / 180;

/** Margin for the fast pre-tests, km (1 mm): far above floating-point error, far below any real distance. */
export const SAFE_KM = 1e-6;

/** A latitude/longitude box in degrees. */
export interface LatLonBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * A box holding every point within `km` of (lat, lon). Latitude: ± km / R. Longitude: the widest
 * point of a spherical cap of angular radius δ at latitude φ lies asin(sin δ / cos φ) away; near a
 * pole or across the antimeridian the box spans every longitude.
 */
export function boxAround(lat: number, lon: number, km: number): LatLonBox {
  const delta = Math.max(0, km) / EARTH_RADIUS_KM;
  const dLat = (delta / DEG) * (1 + 1e-9) + 1e-9;
  const minLat = lat - dLat;
  const maxLat = lat + dLat;
  if (minLat <= -90 || maxLat >= 90 || delta >= Math.PI / 2) return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), minLon: -180, maxLon: 180 };
  const s = Math.sin(delta) / Math.cos(lat * DEG);
  if (s >= 1) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const dLon = (Math.asin(s) / DEG) * (1 + 1e-9) + 1e-9;
  if (lon - dLon < -180 || lon + dLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  return { minLat, maxLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/** The cosine of the angle a great-circle distance of `km` spans (for unit-vector dot products). */
export function cosOfKm(km: number): number {
  return Math.cos(Math.max(0, km) / EARTH_RADIUS_KM);
}

/**
 * A distance threshold as two dot-product bounds: a unit-vector dot product at least `inside`
 * means certainly within `km`, below `outside` certainly beyond; between the two (1 mm either
 * side) the caller decides with the exact haversine.
 */
export interface DotThreshold {
  inside: number;
  outside: number;
}

export function dotThreshold(km: number): DotThreshold {
  return { inside: cosOfKm(km - SAFE_KM), outside: cosOfKm(km + SAFE_KM) };
}

/** Rounding of a unit-vector dot product, with room: each vector's components are a few ulp off. */
const DOT_ROUNDING = 4e-15;

/**
 * A lower bound on the great-circle distance, km, between two points whose unit vectors have dot
 * product `dot`: the chord between them (√(2 − 2·dot) on the unit sphere) is never longer than
 * the arc. The dot product's rounding is taken off before the square root, which would magnify it
 * near 0 (to 16 cm at the same point), then SAFE_KM. Costs a square root where the haversine
 * takes three trigonometric calls, so it can rule a vacancy out before its distance is computed.
 */
export function kmAtLeast(dot: number): number {
  const c2 = 2 - 2 * dot - 2 * DOT_ROUNDING;
  return c2 > 0 ? EARTH_RADIUS_KM * Math.sqrt(c2) - SAFE_KM : -SAFE_KM;
}

/** The unit vector of (lat, lon), computed as `writeUnitVector` computes it. */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const c = Math.cos(phi);
  return [c * Math.cos(lambda), c * Math.sin(lambda), Math.sin(phi)];
}

/** Writes the unit vector of (lat, lon) at `i` of the three arrays. */
export function writeUnitVector(lat: number, lon: number, x: Float64Array, y: Float64Array, z: Float64Array, i: number): void {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const c = Math.cos(phi);
  x[i] = c * Math.cos(lambda);
  y[i] = c * Math.sin(lambda);
  z[i] = Math.sin(phi);
}
