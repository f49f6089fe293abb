import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { foldSearchText } from '@kansrijk/reference-data';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Page } from '../../common/pagination';
import { BatchLoad, alignByKey, groupByKey } from '../../common/dataloader/request-loaders';
import { IscoGroupEntity } from './entities/isco-group.entity';
import { LabourMarketRegionEntity } from './entities/labour-market-region.entity';
import { MunicipalityEntity } from './entities/municipality.entity';
import { OccupationEntity } from './entities/occupation.entity';
import { PostcodeAreaEntity } from './entities/postcode-area.entity';
import { SkillEntity } from './entities/skill.entity';
import { MunicipalityFilter } from './dto/reference.args';
import { MunicipalityRow, toIscoGroup, toMunicipality, toOccupation, toPostcode, toRegion, toSkill } from './reference.mapper';
import { IscoGroup, LabourMarketRegion, Municipality, Occupation, Postcode, ReferenceCounts, Skill } from './models/reference.models';

function municipalityQuery(ds: DataSource): SelectQueryBuilder<MunicipalityEntity> {
  return ds
    .createQueryBuilder(MunicipalityEntity, 'm')
    .innerJoin('province', 'p', 'p.code = m.province_code')
    .addSelect('p.name', 'province_name');
}

async function fetchMunicipalities(qb: SelectQueryBuilder<MunicipalityEntity>): Promise<Municipality[]> {
  const { entities, raw } = await qb.getRawAndEntities();
  const provinceByCode = new Map<string, string>();
  for (const r of raw as { m_code: string; province_name: string }[]) provinceByCode.set(r.m_code, r.province_name);
  return entities.map((e) => toMunicipality({ ...e, provinceName: provinceByCode.get(e.code) ?? '' } as MunicipalityRow));
}

/** DataLoader batch functions for the reference tables. */
export const referenceBatches = {
  municipality: (async (codes, ds) =>
    alignByKey(codes, await fetchMunicipalities(municipalityQuery(ds).where('m.code IN (:...codes)', { codes })), (m) => m.code)) as BatchLoad<
    string,
    Municipality
  >,
  region: (async (codes, ds) =>
    alignByKey(
      codes,
      (await ds.getRepository(LabourMarketRegionEntity).createQueryBuilder('r').where('r.code IN (:...codes)', { codes }).getMany()).map(toRegion),
      (r) => r.code,
    )) as BatchLoad<string, LabourMarketRegion>,
  municipalitiesOfRegion: (async (codes, ds) =>
    groupByKey(
      codes,
      await fetchMunicipalities(municipalityQuery(ds).where('m.region_code IN (:...codes)', { codes }).orderBy('m.name', 'ASC')),
      (m) => m.regionCode,
    )) as BatchLoad<string, Municipality[]>,
  occupation: (async (ids, ds) =>
    alignByKey(
      ids,
      (await ds.getRepository(OccupationEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany()).map(toOccupation),
      (o) => o.id,
    )) as BatchLoad<string, Occupation>,
  iscoGroup: (async (codes, ds) =>
    alignByKey(
      codes,
      (await ds.getRepository(IscoGroupEntity).createQueryBuilder('g').where('g.code IN (:...codes)', { codes }).getMany()).map(toIscoGroup),
      (g) => g.code,
    )) as BatchLoad<string, IscoGroup>,
};

@Injectable()
export class ReferenceService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async municipalities(filter: MunicipalityFilter | undefined, skip: number, take: number): Promise<Page<Municipality>> {
    const qb = municipalityQuery(this.ds);
    if (filter?.province) qb.andWhere('m.province_code = :pc', { pc: await this.provinceCode(filter.province) });
    if (filter?.labourMarketRegionCode) qb.andWhere('m.region_code = :rc', { rc: filter.labourMarketRegionCode });
    if (filter?.namePrefix) {
      const prefix = foldSearchText(filter.namePrefix);
      if (!prefix) throw BadUserInputError.of('filter.namePrefix', 'hasLetters', 'namePrefix must contain a letter or digit');
      qb.andWhere('m.name_folded LIKE :prefix', { prefix: `${prefix}%` });
    }
    const total = await qb.getCount();
    const items = take === 0 ? [] : await fetchMunicipalities(qb.orderBy('m.name', 'ASC').addOrderBy('m.code', 'ASC').offset(skip).limit(take));
    return { items, total };
  }

  async labourMarketRegions(): Promise<LabourMarketRegion[]> {
    return (await this.ds.getRepository(LabourMarketRegionEntity).find({ order: { code: 'ASC' } })).map(toRegion);
  }

  /**
   * Occupations by Dutch or English label, Dutch alternative label, or ISCO/ESCO code.
   * Accents and case are ignored. Ranking: exact match, then a term that starts with the
   * search, then one with a word that starts with it, then any substring; within a rank a
   * main label before an alternative label before a code, then shorter labels first.
   */
  async searchOccupations(search: string, take: number): Promise<Occupation[]> {
    const q = this.folded(search);
    const rows = await this.ds.query(
      `SELECT o.id, o.esco_code AS "escoCode", o.isco_code AS "iscoCode", o.label_en AS "labelEn",
              o.label_nl AS "labelNl", o.alt_labels_nl AS "altLabelsNl"
         FROM (SELECT occupation_id,
                      min(CASE WHEN term = $1 THEN 0
                               WHEN term LIKE $1 || '%' THEN 10
                               WHEN term LIKE '% ' || $1 || '%' THEN 20
                               ELSE 30 END + kind) AS rank
                 FROM occupation_search_term
                WHERE term LIKE '%' || $1 || '%'
                GROUP BY occupation_id) s
         JOIN occupation o ON o.id = s.occupation_id
        ORDER BY s.rank, length(o.label_nl), o.label_nl, o.id
        LIMIT $2`,
      [q, take],
    );
    return (rows as OccupationEntity[]).map(toOccupation);
  }

  /** Skills by English label, ranked like occupations (exact, prefix, word prefix, substring). */
  async searchSkills(search: string, take: number): Promise<Skill[]> {
    const q = this.folded(search);
    const rows = await this.ds.query(
      `SELECT id, type, reuse_level AS "reuseLevel", label_en AS "labelEn"
         FROM skill
        WHERE label_folded LIKE '%' || $1 || '%'
        ORDER BY CASE WHEN label_folded = $1 THEN 0
                      WHEN label_folded LIKE $1 || '%' THEN 1
                      WHEN label_folded LIKE '% ' || $1 || '%' THEN 2
                      ELSE 3 END, length(label_en), label_en, id
        LIMIT $2`,
      [q, take],
    );
    return (rows as SkillEntity[]).map(toSkill);
  }

  async postcode(pc4: string): Promise<Postcode | null> {
    const row = await this.ds.getRepository(PostcodeAreaEntity).findOne({ where: { pc4 } });
    return row ? toPostcode(row) : null;
  }

  async counts(): Promise<ReferenceCounts> {
    const [row] = await this.ds.query(
      `SELECT (SELECT count(*) FROM municipality)::int AS municipalities,
              (SELECT count(*) FROM province)::int AS provinces,
              (SELECT count(*) FROM labour_market_region)::int AS "labourMarketRegions",
              (SELECT count(*) FROM postcode_area)::int AS "postcodeAreas",
              (SELECT count(*) FROM isco_group)::int AS "iscoGroups",
              (SELECT count(*) FROM occupation)::int AS occupations,
              (SELECT count(*) FROM skill)::int AS skills,
              (SELECT count(*) FROM occupation_skill)::int AS "occupationSkillRelations"`,
    );
    return row;
  }

  /** A province code from a code (PV27) or a name (Noord-Holland, fryslan), accents and case ignored. */
  private async provinceCode(province: string): Promise<string> {
    const wanted = foldSearchText(province);
    const rows: { code: string; name: string }[] = await this.ds.query('SELECT code, name FROM province');
    const hit = rows.find((r) => foldSearchText(r.code) === wanted || foldSearchText(r.name) === wanted);
    if (!hit) {
      throw BadUserInputError.of('filter.province', 'isProvince', `province must be a province code (PV20 to PV31) or name; "${province}" is neither`);
    }
    return hit.code;
  }

  private folded(search: string): string {
    const q = foldSearchText(search);
    if (!q) throw BadUserInputError.of('search', 'hasLetters', 'search must contain a letter or digit');
    return q;
  }
}

