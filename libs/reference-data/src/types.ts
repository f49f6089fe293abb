/** A point in WGS84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

export interface ProvinceRecord {
  code: string; // PV20..PV31
  name: string;
}

export interface LabourMarketRegionRecord {
  code: string; // AM01..AM35
  name: string;
  municipalityCount: number;
  population: number;
}

export interface MunicipalityRecord {
  code: string; // GM0363
  name: string;
  provinceCode: string;
  regionCode: string;
  centroid: LatLon;
  labelPoint: LatLon;
  areaKm2: number;
  population: number; // inhabitants on 1 January 2026 (CBS, provisional)
}

export interface PostcodeAreaRecord {
  pc4: string;
  centroid: LatLon;
  labelPoint: LatLon;
  areaKm2: number;
  population: number;
  municipalityCode: string; // 2025 municipality with the largest overlap
  municipalityOverlap: number; // share of the area, 0..1
}

export interface IscoGroupRecord {
  code: string; // 1 to 4 digits
  level: number; // 1..4
  labelEn: string;
  labelNl: string;
}

export interface OccupationRecord {
  id: string; // ESCO uuid
  escoCode: string;
  iscoCode: string;
  labelEn: string;
  labelNl: string;
  altLabelsNl: string[];
}

export interface SkillRecord {
  id: string; // ESCO uuid
  type: string; // 'skill/competence' | 'knowledge'
  reuseLevel: string;
  labelEn: string;
}

export interface OccupationSkillRecord {
  occupationId: string;
  skillId: string;
  relation: 'essential' | 'optional';
}
