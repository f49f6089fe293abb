import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link decision may depart from a hard rule with a justification (human oversight), and a
 * second decision for a household to another municipality is a re-link (R15): the decision keeps
 * which rules it overrode, why, the checks it was taken against, and the job a re-link rests on.
 */
export class LinkDecisionOverrides1796600000000 implements MigrationInterface {
  name = 'LinkDecisionOverrides1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "override" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "overridden_rules" character varying(16) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "justification" text`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "checks" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "relink" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD "relinking" jsonb`);
    await queryRunner.query(`ALTER TABLE "link_decision" ADD CONSTRAINT "chk_link_decision_override" CHECK (NOT "override" OR ("justification" IS NOT NULL AND cardinality("overridden_rules") > 0))`);
    await queryRunner.query(`CREATE INDEX "idx_link_decision_period_decided" ON "link_decision" ("period", "decided_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_link_decision_period_decided"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP CONSTRAINT "chk_link_decision_override"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "relinking"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "relink"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "checks"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "justification"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "overridden_rules"`);
    await queryRunner.query(`ALTER TABLE "link_decision" DROP COLUMN "override"`);
  }
}
