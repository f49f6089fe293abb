import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MunicipalityEntity } from './municipality.entity';

@Entity({ name: 'postcode_area' })
export class PostcodeAreaEntity {
  @PrimaryColumn({ type: 'char', length: 4 })
  pc4: string;

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

  @Column({ type: 'integer' })
  population: number;

  @Index('idx_postcode_area_municipality')
  @Column({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code', foreignKeyConstraintName: 'fk_postcode_area_municipality' })
  municipality?: MunicipalityEntity;

  /** Share of the postcode area inside that municipality, 0..1. */
  @Column({ name: 'municipality_overlap', type: 'double precision' })
  municipalityOverlap: number;
}
