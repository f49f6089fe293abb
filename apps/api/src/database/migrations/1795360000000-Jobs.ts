import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Heavy work becomes a job: a durable queue row per what-if run or large cohort plan, claimed
 * with FOR UPDATE SKIP LOCKED by any API process, with its progress, phase, heartbeat and
 * outcome. A scenario's status now lives in its job (same id); the scenario keeps its
 * definition and results.
 */
export class Jobs1795360000000 implements MigrationInterface {
  name = 'Jobs1795360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "job" (
      "id" uuid NOT NULL,
      "kind" character varying(20) NOT NULL,
      "status" character varying(10) NOT NULL,
      "progress" double precision NOT NULL DEFAULT '0',
      "phase" character varying(200),
      "input" jsonb NOT NULL,
      "result" jsonb,
      "error" text,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "heartbeat_at" TIMESTAMP WITH TIME ZONE,
      "worker" character varying(80),
      "attempts" integer NOT NULL DEFAULT 0,
      "cancel_requested_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "chk_job_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
      CONSTRAINT "chk_job_progress" CHECK ("progress" >= 0 AND "progress" <= 1),
      CONSTRAINT "PK_job" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_job_queue" ON "job" ("created_at", "id") WHERE "status" = 'QUEUED'`);
    await queryRunner.query(`CREATE INDEX "idx_job_running" ON "job" ("heartbeat_at") WHERE "status" = 'RUNNING'`);
    await queryRunner.query(`CREATE INDEX "idx_job_created_by" ON "job" ("created_by")`);
    // Existing scenarios become finished jobs; one left RUNNING by the old in-process runner
    // can never finish now: it is marked FAILED with the reason.
    await queryRunner.query(`INSERT INTO "job" ("id", "kind", "status", "progress", "input", "error", "created_by", "created_at", "started_at", "finished_at", "attempts")
      SELECT "id", 'scenario', CASE WHEN "status" = 'RUNNING' THEN 'FAILED' ELSE "status" END, "progress", '{}'::jsonb,
             CASE WHEN "status" = 'RUNNING' THEN 'interrupted by an upgrade of the API; run it again' ELSE "error" END,
             "created_by", "created_at", "created_at", coalesce("finished_at", now()), 1
        FROM "scenario"`);
    await queryRunner.query(`ALTER TABLE "scenario" DROP CONSTRAINT "chk_scenario_status"`);
    await queryRunner.query(`ALTER TABLE "scenario" DROP COLUMN "status", DROP COLUMN "progress", DROP COLUMN "error", DROP COLUMN "finished_at"`);
    await queryRunner.query(`ALTER TABLE "scenario" ADD CONSTRAINT "FK_scenario_job" FOREIGN KEY ("id") REFERENCES "job"("id") ON DELETE CASCADE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scenario" DROP CONSTRAINT "FK_scenario_job"`);
    await queryRunner.query(`ALTER TABLE "scenario" ADD "status" character varying(8), ADD "progress" double precision NOT NULL DEFAULT '0', ADD "error" text, ADD "finished_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "scenario" s SET "status" = CASE WHEN j."status" IN ('DONE', 'FAILED') THEN j."status" ELSE 'FAILED' END, "progress" = j."progress", "error" = j."error", "finished_at" = j."finished_at" FROM "job" j WHERE j."id" = s."id"`);
    await queryRunner.query(`ALTER TABLE "scenario" ALTER COLUMN "status" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "scenario" ADD CONSTRAINT "chk_scenario_status" CHECK ("status" IN ('RUNNING', 'DONE', 'FAILED'))`);
    await queryRunner.query(`DROP TABLE "job"`);
  }
}
