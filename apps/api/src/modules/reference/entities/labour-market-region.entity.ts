import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'labour_market_region' })
export class LabourMarketRegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'municipality_count', type: 'integer' })
  municipalityCount: number;

  @Column({ type: 'integer' })
  population: number;
}
