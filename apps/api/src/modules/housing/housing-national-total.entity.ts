import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * R11: the national total of permit holders to house in a half-year period ("2026-H2"),
 * from which each municipality's task follows. Set by an admin.
 */
@Entity({ name: 'housing_national_total' })
@Check('chk_housing_national_total_period', `"period" ~ '^[0-9]{4}-H[12]$'`)
@Check('chk_housing_national_total_total', '"total" > 0')
export class HousingNationalTotalEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'integer' })
  total: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
