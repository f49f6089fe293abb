/** A WGS84 point in decimal degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}
