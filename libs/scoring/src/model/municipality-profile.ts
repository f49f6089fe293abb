import type { GeoPoint } from './geo-point';

/** A municipality as the link scoring sees it. */
export interface MunicipalityProfile {
  /** CBS code, e.g. "GM0363". */
  code: string;
  name: string;
  /** Labour-market region code (AMxx). */
  regionCode: string;
  /** Province code (PVxx). */
  provinceCode: string;
  centroid: GeoPoint;
  population: number;
}
