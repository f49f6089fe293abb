import { MigrationInterface, QueryRunner } from 'typeorm';

export class LabourDemandAndChangeFeed1795348547895 implements MigrationInterface {
  name = 'LabourDemandAndChangeFeed1795348547895';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "labour_demand" ("region_code" character varying(4) NOT NULL, "isco_group" character varying(4) NOT NULL, "tension" double precision NOT NULL, "label" character varying(40), "illustrative" boolean NOT NULL, "source" character varying(200) NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_labour_demand_tension" CHECK ("tension" >= 0), CONSTRAINT "PK_eba7b2c4783968eae9d64d4df26" PRIMARY KEY ("region_code", "isco_group"))`);
    await queryRunner.query(`CREATE TABLE "record_change" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "origin" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "op" character varying(16) NOT NULL, "ids" text array NOT NULL, CONSTRAINT "PK_148cc6281f1d7ea7a792c05c928" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "labour_demand" ADD CONSTRAINT "fk_labour_demand_region" FOREIGN KEY ("region_code") REFERENCES "labour_market_region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "labour_demand" ADD CONSTRAINT "fk_labour_demand_isco_group" FOREIGN KEY ("isco_group") REFERENCES "isco_group"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "labour_demand" DROP CONSTRAINT "fk_labour_demand_isco_group"`);
    await queryRunner.query(`ALTER TABLE "labour_demand" DROP CONSTRAINT "fk_labour_demand_region"`);
    await queryRunner.query(`DROP TABLE "record_change"`);
    await queryRunner.query(`DROP TABLE "labour_demand"`);
  }
}
