import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutcomeModel1796527076583 implements MigrationInterface {
  name = 'OutcomeModel1796527076583';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outcome_model" ("id" uuid NOT NULL, "version" character varying(80) NOT NULL, "model" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT false, "loaded_by" uuid, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "unloaded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ba9511161be3f71f87900b18ec3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_outcome_model_active" ON "outcome_model"  ("active") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_outcome_model_active"`);
    await queryRunner.query(`DROP TABLE "outcome_model"`);
  }
}
