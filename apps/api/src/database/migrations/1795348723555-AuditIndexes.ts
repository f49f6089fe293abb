import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditIndexes1795348723555 implements MigrationInterface {
  name = 'AuditIndexes1795348723555';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_audit_event_actor" ON "audit_event"  ("actor_key_id", "at") `);
    // Hand-written (TypeORM cannot express it): auditLog(filter: { subjectRef }) finds the
    // entries about one pseudonym or record with subject_refs @> ARRAY[ref].
    await queryRunner.query(`CREATE INDEX "idx_audit_event_subject_refs" ON "audit_event" USING gin ("subject_refs")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_subject_refs"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_actor"`);
  }
}
