import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795346767778 implements MigrationInterface {
  name = 'ApiKeys1795346767778';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "role" character varying(16) NOT NULL, "tenant" character varying(64), "label" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_api_key_tenant" CHECK (("role" = 'PLATFORM') = ("tenant" IS NOT NULL)), CONSTRAINT "chk_api_key_role" CHECK ("role" IN ('ADMIN', 'ADVISER', 'PLATFORM', 'EVALUATOR')), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_prefix" ON "api_key"  ("prefix") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_prefix"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
