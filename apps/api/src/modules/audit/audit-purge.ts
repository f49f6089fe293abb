import { DataSource } from 'typeorm';

/** R19: audit entries are kept at least six months; the purge never goes below that. */
export const MIN_RETENTION_MONTHS = 6;

/**
 * Deletes audit entries older than `months` (at least 6) in one transaction, through the
 * trigger's purge switch (`SET LOCAL kansrijk.audit_purge = 'on'`, which ends with the
 * transaction; the trigger itself still refuses anything younger than six months), and
 * appends an `audit.purged` entry saying how many went. This is the only code that
 * deletes audit entries; nothing updates them.
 */
export async function purgeAuditEvents(ds: DataSource, months: number, origin: Record<string, unknown> = {}): Promise<{ deleted: number; before: Date }> {
  if (!Number.isInteger(months) || months < MIN_RETENTION_MONTHS) {
    throw new RangeError(`the retention period must be a whole number of months, at least ${MIN_RETENTION_MONTHS} (R19)`);
  }
  return ds.transaction(async (tx) => {
    await tx.query(`SET LOCAL kansrijk.audit_purge = 'on'`);
    const [{ before }]: { before: Date }[] = await tx.query(`SELECT now() - make_interval(months => $1) AS before`, [months]);
    const [, deleted] = (await tx.query(`DELETE FROM audit_event WHERE at < $1`, [before])) as [unknown, number];
    await tx.query(`SET LOCAL kansrijk.audit_purge = 'off'`);
    await tx.query(
      `INSERT INTO audit_event (action, subject_type, details) VALUES ('audit.purged', 'audit_event', $1)`,
      [JSON.stringify({ olderThanMonths: months, before: before.toISOString(), deleted, ...origin })],
    );
    return { deleted, before };
  });
}
