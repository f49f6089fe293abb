import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The prices of places per half-year (R11): every municipality's shadow price per person, stored
 * per computation with its version and the forecast it came from.
 */
export class PlacePrices1796700000000 implements MigrationInterface {
  name = 'PlacePrices1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "place_price_set" ("id" uuid NOT NULL, "period" character varying(7) NOT NULL, "version" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "on_date" date NOT NULL, "trigger" character varying(12) NOT NULL, "job_id" uuid, "policy_version" character varying(80) NOT NULL, "forecast" jsonb NOT NULL, "waiting_households" integer NOT NULL, "decisions_at" integer NOT NULL, "prices" jsonb NOT NULL, "summary" jsonb NOT NULL, CONSTRAINT "uq_place_price_set_period_version" UNIQUE ("period", "version"), CONSTRAINT "PK_place_price_set" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_place_price_set_period_computed" ON "place_price_set"  ("period", "computed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_place_price_set_period_computed"`);
    await queryRunner.query(`DROP TABLE "place_price_set"`);
  }
}
