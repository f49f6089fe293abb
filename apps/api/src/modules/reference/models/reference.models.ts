import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';

@ObjectType({ description: 'A point in WGS84 degrees.' })
export class GeoPoint {
  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lon: number;
}

@ObjectType()
export class Province {
  @Field({ description: 'CBS province code, e.g. PV27.' })
  code: string;

  @Field()
  name: string;
}

@ObjectType({ description: 'One of the 35 labour-market regions (2025).' })
export class LabourMarketRegion {
  @Field({ description: 'e.g. AM18' })
  code: string;

  @Field()
  name: string;

  @Field(() => Int, { description: 'Inhabitants on 1 January 2026.' })
  population: number;

  @Field(() => Int)
  municipalityCount: number;
}

@ObjectType({ description: 'A Dutch municipality (2025 division).' })
export class Municipality {
  @Field({ description: 'CBS code, e.g. GM0363.' })
  code: string;

  @Field()
  name: string;

  @Field({ description: 'The province name, e.g. Noord-Holland.' })
  province: string;

  @Field({ description: 'The province code, e.g. PV27.' })
  provinceCode: string;

  /** Resolved by a field resolver from regionCode. */
  regionCode: string;

  @Field(() => GeoPoint, { description: 'Centroid of the municipal area.' })
  centroid: GeoPoint;

  @Field(() => GeoPoint, { description: 'A point guaranteed inside the municipality, for labels.' })
  labelPoint: GeoPoint;

  @Field(() => Float)
  areaKm2: number;

  @Field(() => Int, { description: 'Inhabitants on 1 January 2026 (CBS, provisional).' })
  population: number;
}

@ObjectType()
export class MunicipalityPage extends Paginated(Municipality, 'MunicipalityPage') {}

@ObjectType({ description: 'An ISCO-08 group (level 1 to 4).' })
export class IscoGroup {
  @Field()
  code: string;

  @Field(() => Int)
  level: number;

  @Field()
  labelEn: string;

  @Field()
  labelNl: string;
}

@ObjectType({ description: 'An ESCO occupation.' })
export class Occupation {
  @Field(() => ID, { description: 'The ESCO uuid.' })
  id: string;

  @Field()
  escoCode: string;

  @Field({ description: 'ISCO-08 unit group (4 digits).' })
  iscoCode: string;

  @Field()
  labelNl: string;

  @Field()
  labelEn: string;

  @Field(() => [String])
  altLabelsNl: string[];
}

@ObjectType({ description: 'An ESCO skill or knowledge concept (English label).' })
export class Skill {
  @Field(() => ID, { description: 'The ESCO uuid.' })
  id: string;

  @Field()
  labelEn: string;

  @Field({ description: "'skill/competence' or 'knowledge'." })
  type: string;

  @Field()
  reuseLevel: string;
}

@ObjectType({ description: 'A skill an occupation needs, per ESCO.' })
export class OccupationSkill {
  @Field(() => Skill)
  skill: Skill;

  @Field({ description: "'essential' or 'optional'." })
  relation: string;
}

@ObjectType({ description: 'A four-digit postcode area.' })
export class Postcode {
  @Field()
  pc4: string;

  @Field(() => GeoPoint)
  centroid: GeoPoint;

  @Field(() => Int, { description: 'Inhabitants (CBS, about 2020).' })
  population: number;

  /** Resolved by a field resolver. */
  municipalityCode: string;
}

@ObjectType()
export class ReferenceCounts {
  @Field(() => Int) municipalities: number;
  @Field(() => Int) provinces: number;
  @Field(() => Int) labourMarketRegions: number;
  @Field(() => Int) postcodeAreas: number;
  @Field(() => Int) iscoGroups: number;
  @Field(() => Int) occupations: number;
  @Field(() => Int) skills: number;
  @Field(() => Int) occupationSkillRelations: number;
}

@ObjectType({ description: 'What this service is, and which data it holds.' })
export class About {
  @Field()
  name: string;

  @Field()
  version: string;

  @Field({ description: 'Version of the default scoring policy: its name and a hash of its content.' })
  policyVersion: string;

  @Field({ description: 'The attribution the reference data requires.' })
  dataAttribution: string;

  @Field(() => ReferenceCounts)
  counts: ReferenceCounts;
}
