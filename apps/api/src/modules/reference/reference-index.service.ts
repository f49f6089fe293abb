import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MunicipalityLocator } from '@kansrijk/reference-data';
import { FieldProblem } from '../../common/errors/domain-errors';
import { LocationInput, ResolvedLocation } from '../records/location';

export interface MunicipalityFacts {
  code: string;
  name: string;
  regionCode: string;
  provinceCode: string;
  lat: number;
  lon: number;
  population: number;
}

/** The reference tables in memory, for validating and locating records without a query per field. */
export interface ReferenceSnapshot {
  occupations: Map<string, { iscoCode: string; labelNl: string }>;
  skills: Set<string>;
  iscoCodes: Set<string>;
  municipalities: Map<string, MunicipalityFacts>;
  regions: Set<string>;
  provinces: Set<string>;
  postcodes: Map<string, { lat: number; lon: number; municipalityCode: string }>;
  locator: MunicipalityLocator;
}

/**
 * Loads the reference tables once (about 40,000 small rows) and answers validation
 * questions from memory: does this ESCO skill exist, where is postcode 1011, which
 * municipality holds this point. The tables change only when the shipped data does,
 * i.e. with a new release and a restart.
 */
@Injectable()
export class ReferenceIndex {
  private loading?: Promise<ReferenceSnapshot>;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  snapshot(): Promise<ReferenceSnapshot> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<ReferenceSnapshot> {
    const [occ, skills, isco, muns, regions, provinces, pcs] = await Promise.all([
      this.ds.query('SELECT id, isco_code, label_nl FROM occupation') as Promise<{ id: string; isco_code: string; label_nl: string }[]>,
      this.ds.query('SELECT id FROM skill') as Promise<{ id: string }[]>,
      this.ds.query('SELECT code FROM isco_group') as Promise<{ code: string }[]>,
      this.ds.query(
        'SELECT code, name, region_code, province_code, centroid_lat, centroid_lon, population FROM municipality',
      ) as Promise<{ code: string; name: string; region_code: string; province_code: string; centroid_lat: number; centroid_lon: number; population: number }[]>,
      this.ds.query('SELECT code FROM labour_market_region') as Promise<{ code: string }[]>,
      this.ds.query('SELECT code FROM province') as Promise<{ code: string }[]>,
      this.ds.query('SELECT pc4, centroid_lat, centroid_lon, municipality_code FROM postcode_area') as Promise<
        { pc4: string; centroid_lat: number; centroid_lon: number; municipality_code: string }[]
      >,
    ]);
    return {
      occupations: new Map(occ.map((o) => [o.id, { iscoCode: o.isco_code, labelNl: o.label_nl }])),
      skills: new Set(skills.map((s) => s.id)),
      iscoCodes: new Set(isco.map((i) => i.code)),
      municipalities: new Map(
        muns.map((m) => [
          m.code,
          { code: m.code, name: m.name, regionCode: m.region_code, provinceCode: m.province_code, lat: m.centroid_lat, lon: m.centroid_lon, population: m.population },
        ]),
      ),
      regions: new Set(regions.map((r) => r.code)),
      provinces: new Set(provinces.map((p) => p.code)),
      postcodes: new Map(pcs.map((p) => [p.pc4, { lat: p.centroid_lat, lon: p.centroid_lon, municipalityCode: p.municipality_code }])),
      locator: MunicipalityLocator.fromShippedBoundaries(),
    };
  }
}

/**
 * Resolves a location input: exactly one of a known postcode (its centroid) or a
 * latitude/longitude pair inside the Netherlands (its municipality by boundary).
 */
export function resolveLocation(ref: ReferenceSnapshot, input: LocationInput | undefined | null, path: string): ResolvedLocation | FieldProblem[] {
  if (!input) return [{ field: path, rule: 'isDefined', message: `${path} is required: a postcode, or lat and lon` }];
  const hasPostcode = input.postcode != null;
  const hasLat = input.lat != null;
  const hasLon = input.lon != null;
  if (hasPostcode && (hasLat || hasLon)) {
    return [{ field: path, rule: 'oneOf', message: `${path} takes a postcode or lat/lon, not both` }];
  }
  if (hasPostcode) {
    const pc = ref.postcodes.get(input.postcode!);
    if (!pc) return [{ field: `${path}.postcode`, rule: 'exists', message: `postcode ${input.postcode} is not a known four-digit postcode area` }];
    const m = ref.municipalities.get(pc.municipalityCode)!;
    return { postcode: input.postcode!, lat: pc.lat, lon: pc.lon, municipalityCode: m.code, regionCode: m.regionCode };
  }
  if (hasLat !== hasLon) {
    return [{ field: `${path}.${hasLat ? 'lon' : 'lat'}`, rule: 'isDefined', message: `${path} needs both lat and lon` }];
  }
  if (!hasLat) return [{ field: path, rule: 'isDefined', message: `${path} is required: a postcode, or lat and lon` }];
  const hit = ref.locator.locate(input.lat!, input.lon!);
  if (!hit) {
    return [{ field: path, rule: 'insideNetherlands', message: `${path} (${input.lat}, ${input.lon}) is not inside the Netherlands` }];
  }
  const m = ref.municipalities.get(hit.municipalityCode)!;
  return { postcode: null, lat: input.lat!, lon: input.lon!, municipalityCode: m.code, regionCode: m.regionCode };
}
