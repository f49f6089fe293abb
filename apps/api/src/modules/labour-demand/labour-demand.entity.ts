import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IscoGroupEntity } from '../reference/entities/isco-group.entity';
import { LabourMarketRegionEntity } from '../reference/entities/labour-market-region.entity';

/**
 * R10/R14: labour-market tension per labour-market region and ISCO group (1 to 4 digits),
 * vacancies per short-term unemployed (UWV's indicator). `illustrative` marks the shipped
 * sample, used until an operator imports real figures.
 */
@Entity({ name: 'labour_demand' })
@Check('chk_labour_demand_tension', '"tension" >= 0')
export class LabourDemandEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode: string;

  @ManyToOne(() => LabourMarketRegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_labour_demand_region' })
  region?: LabourMarketRegionEntity;

  @PrimaryColumn({ name: 'isco_group', type: 'varchar', length: 4 })
  iscoGroup: string;

  @ManyToOne(() => IscoGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'isco_group', foreignKeyConstraintName: 'fk_labour_demand_isco_group' })
  isco?: IscoGroupEntity;

  @Column({ type: 'double precision' })
  tension: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  label: string | null;

  @Column({ type: 'boolean' })
  illustrative: boolean;

  /** Where the figures came from, e.g. "UWV spanningsindicator 2026-Q3" or the shipped sample. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @UpdateDateColumn({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt: Date;
}
