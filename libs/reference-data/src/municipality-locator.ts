import proj4 from 'proj4';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { loadMunicipalityBoundariesGeoJson } from './loaders';

/** RD New (Amersfoort / EPSG:28992), the Dutch national grid of the shipped boundaries. */
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toRd = proj4('WGS84', RD_NEW);

type Ring = number[][];
type Polygon = Ring[];
interface Area {
  code: string;
  polygons: Polygon[];
  bbox: [number, number, number, number];
}

/** Where a point lies: its municipality, and whether it fell inside a boundary or only near one. */
export interface LocatedPoint {
  municipalityCode: string;
  /** 0 when inside the (generalised) boundary; otherwise metres to the nearest boundary. */
  distanceM: number;
}

/**
 * Finds the municipality a WGS84 point lies in, with the shipped 2025 boundaries
 * (generalised, RD New). proj4 projects the point to RD; a point-in-polygon test decides.
 * Generalised coastlines and borders can leave a real address just outside every polygon,
 * so a point within `toleranceM` of a boundary is given to the nearest municipality.
 */
export class MunicipalityLocator {
  private constructor(private readonly areas: Area[]) {}

  static fromShippedBoundaries(): MunicipalityLocator {
    const geo = JSON.parse(loadMunicipalityBoundariesGeoJson()) as {
      features: { properties: { code: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
    };
    const areas = geo.features.map((f) => {
      const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Polygon[];
      const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of polygons) {
        for (const [x, y] of poly[0]) {
          bbox[0] = Math.min(bbox[0], x);
          bbox[1] = Math.min(bbox[1], y);
          bbox[2] = Math.max(bbox[2], x);
          bbox[3] = Math.max(bbox[3], y);
        }
      }
      return { code: f.properties.code, polygons, bbox };
    });
    return new MunicipalityLocator(areas);
  }

  /** The municipality containing (lat, lon), or the nearest within toleranceM; null when outside. */
  locate(lat: number, lon: number, toleranceM = 1000): LocatedPoint | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    const [x, y] = toRd.forward([lon, lat]);
    for (const a of this.areas) {
      if (x < a.bbox[0] || x > a.bbox[2] || y < a.bbox[1] || y > a.bbox[3]) continue;
      for (const poly of a.polygons) {
        if (booleanPointInPolygon([x, y], { type: 'Polygon', coordinates: poly })) return { municipalityCode: a.code, distanceM: 0 };
      }
    }
    let best: LocatedPoint | null = null;
    for (const a of this.areas) {
      if (x < a.bbox[0] - toleranceM || x > a.bbox[2] + toleranceM || y < a.bbox[1] - toleranceM || y > a.bbox[3] + toleranceM) continue;
      for (const poly of a.polygons) {
        for (const ring of poly) {
          const d = distanceToRing(x, y, ring);
          if (d <= toleranceM && (!best || d < best.distanceM)) best = { municipalityCode: a.code, distanceM: d };
        }
      }
    }
    return best;
  }
}

function distanceToRing(px: number, py: number, ring: Ring): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1];
    const [bx, by] = ring[i];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
  }
  return best;
}
