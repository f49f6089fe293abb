import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Which shipped dataset is loaded, from which file content: the boot loader skips a match. */
@Entity({ name: 'reference_dataset' })
export class ReferenceDatasetEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** sha256 of the shipped file(s) the rows came from. */
  @Column({ type: 'text' })
  checksum: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt: Date;
}
