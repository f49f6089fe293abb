import { IscoGroupEntity } from './entities/isco-group.entity';
import { LabourMarketRegionEntity } from './entities/labour-market-region.entity';
import { MunicipalityEntity } from './entities/municipality.entity';
import { OccupationEntity } from './entities/occupation.entity';
import { PostcodeAreaEntity } from './entities/postcode-area.entity';
import { SkillEntity } from './entities/skill.entity';
import { IscoGroup, LabourMarketRegion, Municipality, Occupation, Postcode, Skill } from './models/reference.models';

/** A municipality row joined with its province name. */
export type MunicipalityRow = MunicipalityEntity & { provinceName: string };

export const toMunicipality = (m: MunicipalityRow): Municipality => ({
  code: m.code,
  name: m.name,
  province: m.provinceName,
  provinceCode: m.provinceCode,
  regionCode: m.regionCode,
  centroid: { lat: m.centroidLat, lon: m.centroidLon },
  labelPoint: { lat: m.labelLat, lon: m.labelLon },
  areaKm2: m.areaKm2,
  population: m.population,
});

export const toRegion = (r: LabourMarketRegionEntity): LabourMarketRegion => ({
  code: r.code,
  name: r.name,
  population: r.population,
  municipalityCount: r.municipalityCount,
});

export const toOccupation = (o: OccupationEntity): Occupation => ({
  id: o.id,
  escoCode: o.escoCode,
  iscoCode: o.iscoCode,
  labelNl: o.labelNl,
  labelEn: o.labelEn,
  altLabelsNl: o.altLabelsNl,
});

export const toSkill = (s: SkillEntity): Skill => ({ id: s.id, labelEn: s.labelEn, type: s.type, reuseLevel: s.reuseLevel });

export const toIscoGroup = (g: IscoGroupEntity): IscoGroup => ({ code: g.code, level: g.level, labelEn: g.labelEn, labelNl: g.labelNl });

export const toPostcode = (p: PostcodeAreaEntity): Postcode => ({
  pc4: p.pc4,
  centroid: { lat: p.centroidLat, lon: p.centroidLon },
  population: p.population,
  municipalityCode: p.municipalityCode,
});
