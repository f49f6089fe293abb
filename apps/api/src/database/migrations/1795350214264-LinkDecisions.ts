import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkDecisions1795350214264 implements MigrationInterface {
  name = 'LinkDecisions1795350214264';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "link_decision" ("id" uuid NOT NULL, "household_id" uuid NOT NULL, "municipality_code" character varying(6) NOT NULL, "period" character varying(7) NOT NULL, "persons" smallint NOT NULL, "reason" text NOT NULL, "suggestion_id" bigint, "top_suggestion" character varying(6), "followed_top_suggestion" boolean, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_link_decision_persons" CHECK ("persons" BETWEEN 1 AND 20), CONSTRAINT "PK_eeb52643544bce806bf44854e7e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_link_decision_household" ON "link_decision"  ("household_id") `);
    await queryRunner.query(`CREATE INDEX "idx_link_decision_capacity" ON "link_decision"  ("period", "municipality_code") `);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD CONSTRAINT "fk_link_decision_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD CONSTRAINT "fk_link_decision_municipality" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_decision" DROP CONSTRAINT "fk_link_decision_municipality"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP CONSTRAINT "fk_link_decision_household"`);
    await queryRunner.query(`DROP INDEX "public"."idx_link_decision_capacity"`);
    await queryRunner.query(`DROP INDEX "public"."idx_link_decision_household"`);
    await queryRunner.query(`DROP TABLE "link_decision"`);
  }
}
