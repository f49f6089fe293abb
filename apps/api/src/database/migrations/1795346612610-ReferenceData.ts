import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceData1795346612610 implements MigrationInterface {
  name = 'ReferenceData1795346612610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "housing_national_total" ("period" character varying(7) NOT NULL, "total" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_housing_national_total_total" CHECK ("total" > 0), CONSTRAINT "chk_housing_national_total_period" CHECK ("period" ~ '^[0-9]{4}-H[12]$'), CONSTRAINT "PK_af104bd6cc9fb06f3ed5005a85c" PRIMARY KEY ("period"))`);
    await queryRunner.query(`CREATE TABLE "isco_group" ("code" character varying(4) NOT NULL, "level" smallint NOT NULL, "label_en" text NOT NULL, "label_nl" text NOT NULL, CONSTRAINT "chk_isco_group_level" CHECK ("level" BETWEEN 1 AND 4), CONSTRAINT "PK_a44beeaf4f48cb003b559cc09ff" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "labour_market_region" ("code" character varying(4) NOT NULL, "name" text NOT NULL, "municipality_count" integer NOT NULL, "population" integer NOT NULL, CONSTRAINT "PK_1ab3ebd5ff86718c1213a9e2ffa" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "province" ("code" character varying(4) NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_3288dfa18d390ed33b359fc0418" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "municipality" ("code" character varying(6) NOT NULL, "name" text NOT NULL, "name_folded" text NOT NULL, "province_code" character varying(4) NOT NULL, "region_code" character varying(4) NOT NULL, "centroid_lat" double precision NOT NULL, "centroid_lon" double precision NOT NULL, "label_lat" double precision NOT NULL, "label_lon" double precision NOT NULL, "area_km2" double precision NOT NULL, "population" integer NOT NULL, CONSTRAINT "PK_f01eb47e7b81481ca5a146a786d" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "idx_municipality_name_folded" ON "municipality"  ("name_folded") `);
    await queryRunner.query(`CREATE INDEX "idx_municipality_province" ON "municipality"  ("province_code") `);
    await queryRunner.query(`CREATE INDEX "idx_municipality_region" ON "municipality"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "occupation" ("id" uuid NOT NULL, "esco_code" text NOT NULL, "isco_code" character varying(4) NOT NULL, "label_en" text NOT NULL, "label_nl" text NOT NULL, "alt_labels_nl" text array NOT NULL, CONSTRAINT "PK_07cfcefef555693d96dce8805c5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_occupation_isco" ON "occupation"  ("isco_code") `);
    await queryRunner.query(`CREATE TABLE "occupation_search_term" ("occupation_id" uuid NOT NULL, "term" text NOT NULL, "kind" smallint NOT NULL, CONSTRAINT "PK_f9a04aa25b16a6e03e72b72be2f" PRIMARY KEY ("occupation_id", "term"))`);
    await queryRunner.query(`CREATE INDEX "idx_occupation_search_term_term" ON "occupation_search_term"  ("term") `);
    await queryRunner.query(`CREATE TABLE "skill" ("id" uuid NOT NULL, "type" text NOT NULL, "reuse_level" text NOT NULL, "label_en" text NOT NULL, "label_folded" text NOT NULL, CONSTRAINT "PK_a0d33334424e64fb78dc3ce7196" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "occupation_skill" ("occupation_id" uuid NOT NULL, "skill_id" uuid NOT NULL, "relation" character varying(9) NOT NULL, CONSTRAINT "chk_occupation_skill_relation" CHECK ("relation" IN ('essential', 'optional')), CONSTRAINT "PK_867fc3a1e2d2ac5bed411887a99" PRIMARY KEY ("occupation_id", "skill_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_occupation_skill_skill" ON "occupation_skill"  ("skill_id") `);
    await queryRunner.query(`CREATE TABLE "postcode_area" ("pc4" character(4) NOT NULL, "centroid_lat" double precision NOT NULL, "centroid_lon" double precision NOT NULL, "label_lat" double precision NOT NULL, "label_lon" double precision NOT NULL, "area_km2" double precision NOT NULL, "population" integer NOT NULL, "municipality_code" character varying(6) NOT NULL, "municipality_overlap" double precision NOT NULL, CONSTRAINT "PK_2eaa8be9d4d66960d27e5d15caf" PRIMARY KEY ("pc4"))`);
    await queryRunner.query(`CREATE INDEX "idx_postcode_area_municipality" ON "postcode_area"  ("municipality_code") `);
    await queryRunner.query(`CREATE TABLE "reference_dataset" ("name" text NOT NULL, "checksum" text NOT NULL, "row_count" integer NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06d3d767b9604f80ab574476f34" PRIMARY KEY ("name"))`);
    await queryRunner.query(`ALTER TABLE "municipality" ADD CONSTRAINT "fk_municipality_province" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "municipality" ADD CONSTRAINT "fk_municipality_region" FOREIGN KEY ("region_code") REFERENCES "labour_market_region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "occupation" ADD CONSTRAINT "fk_occupation_isco_group" FOREIGN KEY ("isco_code") REFERENCES "isco_group"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "occupation_search_term" ADD CONSTRAINT "fk_occupation_search_term_occupation" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "occupation_skill" ADD CONSTRAINT "fk_occupation_skill_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "postcode_area" ADD CONSTRAINT "fk_postcode_area_municipality" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "postcode_area" DROP CONSTRAINT "fk_postcode_area_municipality"`);
    await queryRunner.query(`ALTER TABLE "occupation_skill" DROP CONSTRAINT "fk_occupation_skill_skill"`);
    await queryRunner.query(`ALTER TABLE "occupation_search_term" DROP CONSTRAINT "fk_occupation_search_term_occupation"`);
    await queryRunner.query(`ALTER TABLE "occupation" DROP CONSTRAINT "fk_occupation_isco_group"`);
    await queryRunner.query(`ALTER TABLE "municipality" DROP CONSTRAINT "fk_municipality_region"`);
    await queryRunner.query(`ALTER TABLE "municipality" DROP CONSTRAINT "fk_municipality_province"`);
    await queryRunner.query(`DROP TABLE "reference_dataset"`);
    await queryRunner.query(`DROP INDEX "public"."idx_postcode_area_municipality"`);
    await queryRunner.query(`DROP TABLE "postcode_area"`);
    await queryRunner.query(`DROP INDEX "public"."idx_occupation_skill_skill"`);
    await queryRunner.query(`DROP TABLE "occupation_skill"`);
    await queryRunner.query(`DROP TABLE "skill"`);
    await queryRunner.query(`DROP INDEX "public"."idx_occupation_search_term_term"`);
    await queryRunner.query(`DROP TABLE "occupation_search_term"`);
    await queryRunner.query(`DROP INDEX "public"."idx_occupation_isco"`);
    await queryRunner.query(`DROP TABLE "occupation"`);
    await queryRunner.query(`DROP INDEX "public"."idx_municipality_region"`);
    await queryRunner.query(`DROP INDEX "public"."idx_municipality_province"`);
    await queryRunner.query(`DROP INDEX "public"."idx_municipality_name_folded"`);
    await queryRunner.query(`DROP TABLE "municipality"`);
    await queryRunner.query(`DROP TABLE "province"`);
    await queryRunner.query(`DROP TABLE "labour_market_region"`);
    await queryRunner.query(`DROP TABLE "isco_group"`);
    await queryRunner.query(`DROP TABLE "housing_national_total"`);
  }
}
