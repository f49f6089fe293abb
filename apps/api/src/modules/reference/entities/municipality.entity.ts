import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LabourMarketRegionEntity } from './labour-market-region.entity';
import { ProvinceEntity } from './province.entity';

@Entity({ name: 'municipality' })
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The name folded for accent- and case-insensitive prefix search. */
  @Index('idx_municipality_name_folded')
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Index('idx_municipality_province')
  @Column({ name: 'province_code', type: 'varchar', length: 4 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'fk_municipality_province' })
  province?: ProvinceEntity;

  @Index('idx_municipality_region')
  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode: string;

  @ManyToOne(() => LabourMarketRegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_municipality_region' })
  region?: LabourMarketRegionEntity;

  @Column({ name: 'centroid_lat', type: 'double precision' })
  centroidLat: number;

  @Column({ name: 'centroid_lon', type: 'double precision' })
  centroidLon: number;

  @Column({ name: 'label_lat', type: 'double precision' })
  labelLat: number;

  @Column({ name: 'label_lon', type: 'double precision' })
  labelLon: number;

  @Column({ name: 'area_km2', type: 'double precision' })
  areaKm2: number;

  /** Inhabitants on 1 January 2026 (CBS StatLine 03759ned, provisional). */
  @Column({ type: 'integer' })
  population: number;
}
