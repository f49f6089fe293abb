import { MigrationInterface, QueryRunner } from 'typeorm';

export class Scenarios1795351030192 implements MigrationInterface {
  name = 'Scenarios1795351030192';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scenario" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(8) NOT NULL, "progress" double precision NOT NULL DEFAULT '0', "error" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "period" character varying(7) NOT NULL, "on_date" date NOT NULL, "cohort" jsonb NOT NULL, "policy_override" jsonb NOT NULL, "balance_tolerance" double precision, "baseline_policy_version" character varying(80) NOT NULL, "variant_policy_version" character varying(80) NOT NULL, "results" jsonb, CONSTRAINT "chk_scenario_status" CHECK ("status" IN ('RUNNING', 'DONE', 'FAILED')), CONSTRAINT "PK_ec7b57ee913fb77bb70ed3bc708" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scenario_created_by" ON "scenario"  ("created_by") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_scenario_created_by"`);
    await queryRunner.query(`DROP TABLE "scenario"`);
  }
}
