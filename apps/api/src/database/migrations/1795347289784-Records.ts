import { MigrationInterface, QueryRunner } from 'typeorm';

export class Records1795347289784 implements MigrationInterface {
  name = 'Records1795347289784';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_key_id" uuid, "actor_role" character varying(16), "actor_tenant" character varying(64), "action" character varying(64) NOT NULL, "subject_type" character varying(32), "subject_refs" text array NOT NULL DEFAULT '{}', "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_event_action" ON "audit_event"  ("action", "at") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_event_at" ON "audit_event"  ("at") `);
    await queryRunner.query(`CREATE TABLE "candidate" ("id" uuid NOT NULL, "tenant" character varying(64), "source" character varying(64) NOT NULL, "external_id" character varying(100), "pseudonym" character varying(24) NOT NULL, "name" character varying(200), "email" character varying(254), "phone" character varying(32), "notes" text, "birth_date" date NOT NULL, "legal_status" character varying(20) NOT NULL, "application_date" date, "permit_date" date, "w_document_issued" date, "w_document_expiry" date, "lives_in_reception" boolean NOT NULL, "dublin_or_return_decision" boolean NOT NULL DEFAULT false, "postcode" character(4), "lat" double precision NOT NULL, "lon" double precision NOT NULL, "municipality_code" character varying(6) NOT NULL, "region_code" character varying(4) NOT NULL, "dutch_level" character varying(4) NOT NULL, "english_level" character varying(4) NOT NULL, "integration_route" character varying(10), "diplomas" jsonb NOT NULL DEFAULT '[]', "occupations" jsonb NOT NULL DEFAULT '[]', "isco_groups" text array NOT NULL DEFAULT '{}', "skill_ids" uuid array NOT NULL DEFAULT '{}', "hours_available" smallint NOT NULL, "max_travel_km" smallint NOT NULL, "preferences" jsonb NOT NULL DEFAULT '{}', "ties" jsonb NOT NULL DEFAULT '[]', "synthetic" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_candidate_source_external_id" UNIQUE ("source", "external_id"), CONSTRAINT "chk_candidate_w_document" CHECK ("w_document_expiry" IS NULL OR "w_document_issued" IS NULL OR "w_document_expiry" > "w_document_issued"), CONSTRAINT "chk_candidate_permit_after_application" CHECK ("permit_date" IS NULL OR "application_date" IS NULL OR "permit_date" >= "application_date"), CONSTRAINT "chk_candidate_travel" CHECK ("max_travel_km" BETWEEN 1 AND 300), CONSTRAINT "chk_candidate_hours" CHECK ("hours_available" BETWEEN 1 AND 60), CONSTRAINT "chk_candidate_route" CHECK ("integration_route" IS NULL OR "integration_route" IN ('B1', 'EDUCATION', 'Z')), CONSTRAINT "chk_candidate_english" CHECK ("english_level" IN ('NONE','A1','A2','B1','B2','C1','C2')), CONSTRAINT "chk_candidate_dutch" CHECK ("dutch_level" IN ('NONE','A1','A2','B1','B2','C1','C2')), CONSTRAINT "chk_candidate_status" CHECK ("legal_status" IN ('ASYLUM_SEEKER', 'STATUS_HOLDER', 'DISPLACED_UKRAINE')), CONSTRAINT "PK_b0ddec158a9a60fbc785281581b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_candidate_tenant" ON "candidate"  ("tenant") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_candidate_pseudonym" ON "candidate"  ("pseudonym") `);
    await queryRunner.query(`CREATE INDEX "idx_candidate_municipality" ON "candidate"  ("municipality_code") `);
    await queryRunner.query(`CREATE INDEX "idx_candidate_region" ON "candidate"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "candidate_monitoring" ("candidate_id" uuid NOT NULL, "nationality" character(2), "country_of_birth" character(2), "gender" character varying(6), CONSTRAINT "chk_candidate_monitoring_gender" CHECK ("gender" IS NULL OR "gender" IN ('FEMALE', 'MALE', 'X')), CONSTRAINT "PK_6d7bec1e340f65f85ddaeba7ccf" PRIMARY KEY ("candidate_id"))`);
    await queryRunner.query(`CREATE TABLE "employer" ("id" uuid NOT NULL, "tenant" character varying(64), "source" character varying(64) NOT NULL, "external_id" character varying(100), "name" character varying(200) NOT NULL, "kvk_number" character(8), "sector" character varying(100), "synthetic" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_employer_source_external_id" UNIQUE ("source", "external_id"), CONSTRAINT "PK_74029e6b1f17a4c7c66d43cfd34" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_employer_tenant" ON "employer"  ("tenant") `);
    await queryRunner.query(`CREATE TABLE "household" ("id" uuid NOT NULL, "tenant" character varying(64), "source" character varying(64) NOT NULL, "external_id" character varying(100), "size" smallint NOT NULL, "arrival_date" date, "synthetic" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_household_source_external_id" UNIQUE ("source", "external_id"), CONSTRAINT "chk_household_size" CHECK ("size" BETWEEN 1 AND 20), CONSTRAINT "PK_26e9111eab2b8908fefe3c645f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_household_tenant" ON "household"  ("tenant") `);
    await queryRunner.query(`CREATE TABLE "household_member" ("household_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, CONSTRAINT "PK_7275778bd4201f132d3d32bee1f" PRIMARY KEY ("household_id", "candidate_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_household_member_candidate" ON "household_member"  ("candidate_id") `);
    await queryRunner.query(`CREATE TABLE "vacancy" ("id" uuid NOT NULL, "tenant" character varying(64), "source" character varying(64) NOT NULL, "external_id" character varying(100), "employer_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text, "occupation_id" uuid, "isco_code" character varying(4) NOT NULL, "essential_skill_ids" uuid array NOT NULL DEFAULT '{}', "optional_skill_ids" uuid array NOT NULL DEFAULT '{}', "min_dutch_level" character varying(4) NOT NULL, "english_suffices" boolean NOT NULL DEFAULT false, "min_english_level" character varying(4), "diploma_level" character varying(10), "regulated_profession" character varying(100), "hours_per_week" smallint NOT NULL, "contract_months" smallint, "monthly_wage" numeric(10,2), "postcode" character(4), "lat" double precision NOT NULL, "lon" double precision NOT NULL, "municipality_code" character varying(6) NOT NULL, "region_code" character varying(4) NOT NULL, "start_date" date NOT NULL, "language_coaching" boolean NOT NULL DEFAULT false, "job_coach" boolean NOT NULL DEFAULT false, "work_permit_willingness" boolean NOT NULL DEFAULT false, "sector" character varying(100), "status" character varying(6) NOT NULL DEFAULT 'OPEN', "closed_at" TIMESTAMP WITH TIME ZONE, "synthetic" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_vacancy_source_external_id" UNIQUE ("source", "external_id"), CONSTRAINT "chk_vacancy_diploma" CHECK ("diploma_level" IS NULL OR "diploma_level" IN ('NONE','PRIMARY','SECONDARY','MBO','HBO','WO')), CONSTRAINT "chk_vacancy_english" CHECK ("min_english_level" IS NULL OR "min_english_level" IN ('NONE','A1','A2','B1','B2','C1','C2')), CONSTRAINT "chk_vacancy_dutch" CHECK ("min_dutch_level" IN ('NONE','A1','A2','B1','B2','C1','C2')), CONSTRAINT "chk_vacancy_wage" CHECK ("monthly_wage" IS NULL OR "monthly_wage" >= 0), CONSTRAINT "chk_vacancy_contract" CHECK ("contract_months" IS NULL OR "contract_months" BETWEEN 1 AND 120), CONSTRAINT "chk_vacancy_hours" CHECK ("hours_per_week" BETWEEN 1 AND 60), CONSTRAINT "chk_vacancy_status" CHECK ("status" IN ('OPEN', 'CLOSED')), CONSTRAINT "PK_8fa1981f63bc24e1712707d492b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_vacancy_tenant" ON "vacancy"  ("tenant") `);
    await queryRunner.query(`CREATE INDEX "idx_vacancy_employer" ON "vacancy"  ("employer_id") `);
    await queryRunner.query(`CREATE INDEX "idx_vacancy_isco" ON "vacancy"  ("isco_code") `);
    await queryRunner.query(`CREATE INDEX "idx_vacancy_municipality" ON "vacancy"  ("municipality_code") `);
    await queryRunner.query(`CREATE INDEX "idx_vacancy_open_region" ON "vacancy"  ("status", "region_code") `);
    await queryRunner.query(`ALTER TABLE "candidate" ADD CONSTRAINT "fk_candidate_municipality" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "candidate_monitoring" ADD CONSTRAINT "fk_candidate_monitoring_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "household_member" ADD CONSTRAINT "fk_household_member_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "household_member" ADD CONSTRAINT "fk_household_member_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "fk_vacancy_employer" FOREIGN KEY ("employer_id") REFERENCES "employer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "fk_vacancy_occupation" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "fk_vacancy_isco_group" FOREIGN KEY ("isco_code") REFERENCES "isco_group"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "fk_vacancy_municipality" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Hand-written (TypeORM cannot express these):
    // a GIN index to filter candidates by ISCO group (isco_groups @> ARRAY['512']);
    await queryRunner.query(`CREATE INDEX "idx_candidate_isco_groups" ON "candidate" USING gin ("isco_groups")`);
    // R19: the audit trail is append-only. UPDATE is always refused; DELETE only for the
    // retention purge, which must say so in its transaction and may only remove entries
    // older than six months.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('kansrijk.audit_purge', true) = 'on'
     AND OLD.at < now() - interval '6 months' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_no_truncate" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."idx_candidate_isco_groups"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "fk_vacancy_municipality"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "fk_vacancy_isco_group"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "fk_vacancy_occupation"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "fk_vacancy_employer"`);
    await queryRunner.query(`ALTER TABLE "household_member" DROP CONSTRAINT "fk_household_member_candidate"`);
    await queryRunner.query(`ALTER TABLE "household_member" DROP CONSTRAINT "fk_household_member_household"`);
    await queryRunner.query(`ALTER TABLE "candidate_monitoring" DROP CONSTRAINT "fk_candidate_monitoring_candidate"`);
    await queryRunner.query(`ALTER TABLE "candidate" DROP CONSTRAINT "fk_candidate_municipality"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vacancy_open_region"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vacancy_municipality"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vacancy_isco"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vacancy_employer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vacancy_tenant"`);
    await queryRunner.query(`DROP TABLE "vacancy"`);
    await queryRunner.query(`DROP INDEX "public"."uq_household_member_candidate"`);
    await queryRunner.query(`DROP TABLE "household_member"`);
    await queryRunner.query(`DROP INDEX "public"."idx_household_tenant"`);
    await queryRunner.query(`DROP TABLE "household"`);
    await queryRunner.query(`DROP INDEX "public"."idx_employer_tenant"`);
    await queryRunner.query(`DROP TABLE "employer"`);
    await queryRunner.query(`DROP TABLE "candidate_monitoring"`);
    await queryRunner.query(`DROP INDEX "public"."idx_candidate_region"`);
    await queryRunner.query(`DROP INDEX "public"."idx_candidate_municipality"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidate_pseudonym"`);
    await queryRunner.query(`DROP INDEX "public"."idx_candidate_tenant"`);
    await queryRunner.query(`DROP TABLE "candidate"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_action"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
