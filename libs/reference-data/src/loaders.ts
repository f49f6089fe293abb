import { readCsv, readDataFile } from './files';
import {
  IscoGroupRecord,
  LabourMarketRegionRecord,
  MunicipalityRecord,
  OccupationRecord,
  OccupationSkillRecord,
  PostcodeAreaRecord,
  ProvinceRecord,
  SkillRecord,
} from './types';

/** The shipped files, by dataset name. `reference_dataset` rows use the same names. */
export const DATA_FILES = {
  municipalities: 'gemeenten_2025.csv',
  labourMarketRegions: 'arbeidsmarktregios_2025.csv',
  postcodes: 'pc4_centroids_cbs.csv.gz',
  iscoGroups: 'esco/isco08_groups.csv',
  occupations: 'esco/esco_occupations.csv.gz',
  skills: 'esco/esco_skills_en.csv.gz',
  occupationSkills: 'esco/esco_occupation_skill_relations.csv.gz',
  boundaries: 'gemeenten_2025_rd.geojson.gz',
  cefrLevels: 'cefr_levels.json',
  labourDemandSample: 'labour-demand-sample.csv',
} as const;

const num = (s: string): number => Number(s);

/** The 342 municipalities of 2025 (CBS/PDOK), with province, labour-market region and inhabitants. */
export function loadMunicipalities(): MunicipalityRecord[] {
  return readCsv(DATA_FILES.municipalities).map((r) => ({
    code: r.gemeentecode,
    name: r.gemeentenaam,
    provinceCode: r.provinciecode,
    regionCode: r.arbeidsmarktregiocode,
    centroid: { lat: num(r.centroid_lat), lon: num(r.centroid_lon) },
    labelPoint: { lat: num(r.label_lat), lon: num(r.label_lon) },
    areaKm2: num(r.area_km2),
    population: num(r.inwoners_2026_01_01),
  }));
}

/** The 12 provinces, derived from the municipality file (GeoNames names). */
export function loadProvinces(): ProvinceRecord[] {
  const byCode = new Map<string, string>();
  for (const r of readCsv(DATA_FILES.municipalities)) byCode.set(r.provinciecode, r.provincienaam);
  return [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }));
}

/** The 35 labour-market regions of 2025. */
export function loadLabourMarketRegions(): LabourMarketRegionRecord[] {
  return readCsv(DATA_FILES.labourMarketRegions).map((r) => ({
    code: r.arbeidsmarktregiocode,
    name: r.arbeidsmarktregionaam,
    municipalityCount: num(r.n_gemeenten),
    population: num(r.inwoners_2026_01_01),
  }));
}

/** The 4,067 four-digit postcode areas (CBS) with centroid and 2025 municipality. */
export function loadPostcodeAreas(): PostcodeAreaRecord[] {
  return readCsv(DATA_FILES.postcodes).map((r) => ({
    pc4: r.pc4,
    centroid: { lat: num(r.centroid_lat), lon: num(r.centroid_lon) },
    labelPoint: { lat: num(r.label_lat), lon: num(r.label_lon) },
    areaKm2: num(r.area_km2),
    population: num(r.inwoners),
    municipalityCode: r.gemeentecode_2025,
    municipalityOverlap: num(r.gemeente_overlap),
  }));
}

/** ISCO-08 groups, levels 1 to 4, with ESCO's English and Dutch labels. */
export function loadIscoGroups(): IscoGroupRecord[] {
  return readCsv(DATA_FILES.iscoGroups).map((r) => ({
    code: r.isco_code,
    level: num(r.level),
    labelEn: r.label_en,
    labelNl: r.label_nl,
  }));
}

/** ESCO v1.1.1 occupations (3,007) with ISCO-08 code, English and Dutch labels. */
export function loadOccupations(): OccupationRecord[] {
  return readCsv(DATA_FILES.occupations).map((r) => ({
    id: r.esco_id,
    escoCode: r.esco_code,
    iscoCode: r.isco_code,
    labelEn: r.label_en,
    labelNl: r.label_nl,
    altLabelsNl: r.alt_labels_nl ? r.alt_labels_nl.split('|').filter((s) => s.length > 0) : [],
  }));
}

/** ESCO v1.1.1 skills and knowledge (13,896), English labels. */
export function loadSkills(): SkillRecord[] {
  return readCsv(DATA_FILES.skills).map((r) => ({
    id: r.esco_id,
    type: r.skill_type,
    reuseLevel: r.reuse_level,
    labelEn: r.label_en,
  }));
}

/** ESCO occupation–skill relations (123,855): essential or optional. */
export function loadOccupationSkills(): OccupationSkillRecord[] {
  // 12 MB of CSV: a hand split is ~4x faster than the general parser and the file has no quoting.
  const text = readDataFile(DATA_FILES.occupationSkills).toString('utf8');
  const lines = text.split('\n');
  const out: OccupationSkillRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.length === 0) continue;
    const [occupationId, relation, , skillId] = line.split(',');
    if (relation !== 'essential' && relation !== 'optional') {
      throw new Error(`${DATA_FILES.occupationSkills} line ${i + 1}: unknown relation "${relation}"`);
    }
    out.push({ occupationId, skillId, relation });
  }
  return out;
}

/** Generalised municipal boundaries in RD New (EPSG:28992, metres), as GeoJSON text. */
export function loadMunicipalityBoundariesGeoJson(): string {
  return readDataFile(DATA_FILES.boundaries).toString('utf8');
}

/** A labour-demand figure in the import format (see README): tension = vacancies per short-term unemployed. */
export interface LabourDemandRecord {
  regionCode: string;
  iscoGroup: string;
  tension: number;
  label: string | null;
}

/**
 * The ILLUSTRATIVE labour-demand sample shipped with the project (not UWV data; see
 * apps/cli/src/labour-demand-sample.ts): used until an operator loads real figures.
 */
export function loadLabourDemandSample(): LabourDemandRecord[] {
  return readCsv(DATA_FILES.labourDemandSample).map((r) => ({
    regionCode: r.region_code,
    iscoGroup: r.isco_group,
    tension: num(r.tension),
    label: r.label || null,
  }));
}
