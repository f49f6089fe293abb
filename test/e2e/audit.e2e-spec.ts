import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { Role } from '../../apps/api/src/common/auth/role';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { keyIdOf, runCli } from './access-helpers';

const AUDIT_LOG = `query($filter: AuditLogFilter, $skip: Int, $take: Int) {
  auditLog(filter: $filter, skip: $skip, take: $take) { total items { id at actorKeyId actorRole actorTenant action subjectType subjectRefs details } } }`;

type Entry = { id: string; at: string; actorKeyId: string | null; actorRole: string | null; actorTenant: string | null; action: string; subjectType: string | null; subjectRefs: string[]; details: string };

/** Issue 7 item 3: the append-only audit trail, its query for admins and its retention purge. */
describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let platform: string;
  let platformId: string;
  const tenant = uniq('aud').toLowerCase();
  let pseudonym: string;
  let candidateId: string;

  const log = async (filter: Record<string, unknown>, take = 100, skip = 0) => {
    const res = await t.gql<{ auditLog: { total: number; items: Entry[] } }>(AUDIT_LOG, { filter, take, skip }, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog;
  };
  /** Inserts an entry as if written `age` ago (INSERT is never refused). */
  const insertAged = async (action: string, age: string): Promise<string> =>
    (await t.dataSource.query(`INSERT INTO audit_event (at, action) VALUES (now() - $1::interval, $2) RETURNING id`, [age, action]))[0].id;
  const exists = async (id: string) => (await t.dataSource.query('SELECT 1 FROM audit_event WHERE id = $1', [id])).length === 1;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adminId = await keyIdOf(t, admin);
    platform = await t.key(Role.PLATFORM, tenant);
    platformId = await keyIdOf(t, platform);
    const created = await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(
      `mutation($input: CandidateInput!) { createCandidate(input: $input) { id pseudonym } }`,
      { input: candidateInput({ externalId: uniq('aud') }) },
      platform,
    );
    ({ id: candidateId, pseudonym } = created.data!.createCandidate);
    await t.gql(`query($id: ID!) { candidate(id: $id) { id } }`, { id: candidateId }, platform);
  });
  afterAll(() => t.close());

  describe('the database trigger', () => {
    it('refuses an UPDATE of any entry, old or new', async () => {
      const recent = await insertAged('test.trigger', '1 minute');
      const old = await insertAged('test.trigger', '2 years');
      for (const id of [recent, old]) {
        await expect(t.dataSource.query(`UPDATE audit_event SET action = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(/audit_event is append-only: UPDATE refused/);
      }
      expect((await t.dataSource.query('SELECT action FROM audit_event WHERE id = ANY($1)', [[recent, old]])).map((r: { action: string }) => r.action)).toEqual([
        'test.trigger',
        'test.trigger',
      ]);
    });

    it('refuses a DELETE without the purge switch, and of an entry younger than six months even with it', async () => {
      const recent = await insertAged('test.trigger', '5 months');
      const old = await insertAged('test.trigger', '7 months');
      await expect(t.dataSource.query('DELETE FROM audit_event WHERE id = $1', [old])).rejects.toThrow(/append-only: DELETE refused/);
      await expect(
        t.dataSource.transaction(async (tx) => {
          await tx.query(`SET LOCAL kansrijk.audit_purge = 'on'`);
          await tx.query('DELETE FROM audit_event WHERE id = $1', [recent]);
        }),
      ).rejects.toThrow(/append-only: DELETE refused/);
      await expect(t.dataSource.query('TRUNCATE audit_event')).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect(await exists(recent)).toBe(true);
      expect(await exists(old)).toBe(true);
    });
  });

  describe('auditLog', () => {
    it('finds a candidate\'s entries by pseudonym, newest first, with who acted', async () => {
      const { items, total } = await log({ subjectRef: pseudonym });
      expect(total).toBe(2);
      expect(items.map((e) => e.action)).toEqual(['candidate.read', 'candidate.created']);
      for (const e of items) expect(e).toMatchObject({ actorKeyId: platformId, actorRole: 'PLATFORM', actorTenant: tenant, subjectType: 'candidate', subjectRefs: [pseudonym] });
      expect(JSON.parse(items[0].details)).toEqual({});
      // Nothing in the trail points at the candidate's id or name.
      expect(JSON.stringify(await log({ actorKeyId: platformId }))).not.toContain(candidateId);
    });

    it('filters by action, by a family of actions and by actor, matching the table', async () => {
      expect((await log({ action: 'candidate.created', actorKeyId: platformId })).items.map((e) => e.subjectRefs)).toEqual([[pseudonym]]);
      expect((await log({ action: 'candidate.*', actorKeyId: platformId })).items.map((e) => e.action)).toEqual(['candidate.read', 'candidate.created']);
      const created = await log({ action: 'candidate.created' }, 5);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'candidate.created'`);
      expect(created.total).toBe(n);
      expect(created.items.length).toBe(Math.min(5, n));
      expect((await log({ action: 'nothing.like.this' })).total).toBe(0);
      // `_` is literal in a prefix (not LIKE's any-character), and hyphens are allowed.
      const k = Date.now().toString(36);
      await insertAged(`test_${k}.one`, '1 second');
      await insertAged(`testx${k}.one`, '1 second');
      await insertAged(`test-${k}.one`, '1 second');
      expect((await log({ action: `test_${k}.*` })).items.map((e) => e.action)).toEqual([`test_${k}.one`]);
      expect((await log({ action: `test-${k}.*` })).items.map((e) => e.action)).toEqual([`test-${k}.one`]);
    });

    it('filters by time: from inclusive, to exclusive', async () => {
      const [created] = (await log({ subjectRef: pseudonym, action: 'candidate.created' })).items;
      expect((await log({ subjectRef: pseudonym, from: created.at })).items.map((e) => e.action)).toContain('candidate.created');
      expect((await log({ subjectRef: pseudonym, to: created.at })).total).toBe(0);
      expect((await log({ subjectRef: pseudonym, from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    });

    it('pages newest first, at most 100 a page', async () => {
      // Reading the trail adds entries (audit.read): a fixed `to` keeps the pages still.
      const [{ now }] = await t.dataSource.query('SELECT now() AS now');
      const first = await log({ to: now.toISOString() }, 3);
      const second = await log({ to: now.toISOString() }, 3, 3);
      const all = [...first.items, ...second.items];
      expect(new Set(all.map((e) => e.id)).size).toBe(6);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(a.at >= b.at).toBe(true);
        if (a.at === b.at) expect(BigInt(a.id) > BigInt(b.id)).toBe(true);
      }
      const tooMany = await t.gql(AUDIT_LOG, { take: 101 }, admin);
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'take', rule: 'max' })] });
    });

    it('refuses malformed filters with BAD_USER_INPUT naming the field', async () => {
      const res = await t.gql(AUDIT_LOG, { filter: { action: "x' OR 1=1 --", actorKeyId: 'nope' } }, admin);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((res.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['filter.action', 'filter.actorKeyId']);
    });

    it('records that the trail was read, and by whom', async () => {
      const marker = uniq('ref');
      await log({ subjectRef: marker });
      const [entry] = (await log({ action: 'audit.read', actorKeyId: adminId }, 1)).items;
      expect(JSON.parse(entry.details)).toMatchObject({ filter: { subjectRef: marker }, take: 100, returned: 0 });
    });
  });

  describe('every write names the records it wrote', () => {
    const newest = async (action: string, actorKeyId: string) => {
      const [entry] = (await log({ action, actorKeyId }, 1)).items;
      return { ...entry, details: JSON.parse(entry.details) as Record<string, unknown> };
    };
    const IMPORT_VACANCIES = `mutation($rows: [VacancyInput!]!) { importVacancies(input: $rows) { saved created updated ids } }`;
    const IMPORT_CANDIDATES = `mutation($rows: [CandidateInput!]!) { importCandidates(input: $rows) { saved created updated ids } }`;

    it('importVacancies: the vacancies by id and the employers written inline, also when it updates', async () => {
      const employerId = (await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Audit BV" }) { id } }`, {}, platform)).data!.createEmployer.id;
      const { employerId: _unused, ...withoutEmployer } = vacancyInput(employerId);
      const inline = { externalId: uniq('aud-emp'), name: 'Inline BV' };
      const rows = [vacancyInput(employerId, { externalId: uniq('aud-v') }), { ...withoutEmployer, externalId: uniq('aud-v'), employer: inline }];
      for (const expected of [{ created: 2, updated: 0 }, { created: 0, updated: 2 }]) {
        const res = await t.gql<{ importVacancies: { saved: number; created: number; updated: number; ids: string[] } }>(IMPORT_VACANCIES, { rows }, platform);
        expect(res.data!.importVacancies).toMatchObject({ saved: 2, ...expected });
        const entry = await newest('vacancy.imported', platformId);
        expect(entry).toMatchObject({ subjectType: 'vacancy', subjectRefs: res.data!.importVacancies.ids, actorTenant: tenant });
        const [{ id: inlineId }] = await t.dataSource.query('SELECT id FROM employer WHERE external_id = $1', [inline.externalId]);
        expect(entry.details).toEqual({ rows: 2, ...expected, employerIds: [inlineId] });
      }
    });

    it('importCandidates and createCandidate: the people by the pseudonym their record keeps, also on an update by externalId', async () => {
      const rows = [candidateInput({ externalId: uniq('aud-c'), name: 'Import One' }), candidateInput({ externalId: uniq('aud-c'), name: 'Import Two' })];
      const stored = async (ids: string[]) =>
        (await t.dataSource.query('SELECT id, pseudonym FROM candidate WHERE id = ANY($1::uuid[])', [ids])).sort((a: { id: string }, b: { id: string }) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((r: { pseudonym: string }) => r.pseudonym);
      for (const expected of [{ created: 2, updated: 0 }, { created: 0, updated: 2 }]) {
        const res = await t.gql<{ importCandidates: { ids: string[] } }>(IMPORT_CANDIDATES, { rows }, platform);
        const ids = res.data!.importCandidates.ids;
        const entry = await newest('candidate.imported', platformId);
        expect(entry).toMatchObject({ subjectType: 'candidate', subjectRefs: await stored(ids) });
        expect(entry.details).toEqual({ rows: 2, ...expected });
        // R20: a person only by pseudonym, never by id or name.
        for (const x of [...ids, 'Import One', 'Import Two']) expect(JSON.stringify(entry)).not.toContain(x);
      }
      const again = await t.gql<{ createCandidate: { id: string; pseudonym: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id pseudonym } }`, { i: rows[0] }, platform);
      const updated = await newest('candidate.updated', platformId);
      expect(updated.subjectRefs).toEqual([again.data!.createCandidate.pseudonym]);
      expect(await stored([again.data!.createCandidate.id])).toEqual(updated.subjectRefs);
    });

    it('setHousingNationalTotal: the period, the total and the one it replaced', async () => {
      const period = '2044-H2'; // a period no other test sets
      for (const [total, previous] of [
        [1000, null],
        [1200, 1000],
      ]) {
        expect((await t.gql(`mutation { setHousingNationalTotal(period: "${period}", total: ${total}) { total } }`, {}, admin)).data).toEqual({ setHousingNationalTotal: { total } });
        const entry = await newest('housing-total.set', adminId);
        expect(entry).toMatchObject({ subjectType: 'housing_national_total', subjectRefs: [period] });
        expect(entry.details).toEqual({ total, previous });
      }
    });
  });

  describe('npm run audit:purge', () => {
    it('refuses less than six months, deleting nothing', async () => {
      const old = await insertAged('test.purge', '8 months');
      for (const months of ['5', '0', 'six']) {
        const res = await runCli('audit-purge', ['--older-than-months', months]);
        expect(res.code).toBe(2);
        expect(res.stderr).toMatch(months === 'six' ? /whole number of months/ : /kept at least 6 months \(R19\)/);
      }
      expect(await exists(old)).toBe(true);
    }, 90_000);

    it('deletes only entries older than the period, says how many, and records the purge', async () => {
      const old = [await insertAged('test.purge', '7 months'), await insertAged('test.purge', '13 months')];
      const kept = [await insertAged('test.purge', '5 months'), await insertAged('test.purge', '1 day')];

      const longer = await runCli('audit-purge', ['--older-than-months', '12']);
      expect(longer.code).toBe(0);
      expect(await exists(old[0])).toBe(true); // 7 months is within 12
      expect(await exists(old[1])).toBe(false);

      const [{ n: due }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE at < now() - interval '6 months'`);
      expect(due).toBeGreaterThanOrEqual(1);
      const res = await runCli('audit-purge', []);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`deleted ${due} audit entr(y|ies) older than 6 months`));
      expect(await exists(old[0])).toBe(false);
      for (const id of kept) expect(await exists(id)).toBe(true);
      const [{ n: left }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE at < now() - interval '6 months'`);
      expect(left).toBe(0);
      const [purged] = (await log({ action: 'audit.purged' }, 1)).items;
      expect(purged).toMatchObject({ actorKeyId: null });
      expect(JSON.parse(purged.details)).toMatchObject({ olderThanMonths: 6, deleted: due, via: 'cli' });
    }, 90_000);
  });

  describe('writing outside a transaction (group commit)', () => {
    const rowsOf = (ids: string[]): Promise<{ id: string; at: Date; action: string; subject_refs: string[]; details: { n: number } }[]> =>
      t.dataSource.query('SELECT id::text AS id, at, action, subject_refs, details FROM audit_event WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);

    it('gives concurrent callers each their own id, with their own entry committed when the call returns', async () => {
      const audit = t.app.get(AuditService);
      const marker = uniq('group');
      const ids = await Promise.all(
        Array.from({ length: 12 }, (_, n) => audit.record({ keyId: adminId, role: Role.ADMIN, tenant: null }, { action: 'test.group', subjectRefs: [marker, `ref "${n}", {x}`], details: { n } })),
      );
      expect(new Set(ids).size).toBe(12);
      // Read on another connection than the one that wrote: committed, not merely written.
      const rows = await rowsOf(ids);
      expect(rows).toHaveLength(12);
      for (const [n, id] of ids.entries()) {
        const row = rows.find((r) => r.id === id)!;
        expect(row).toMatchObject({ action: 'test.group', subject_refs: [marker, `ref "${n}", {x}`], details: { n } });
      }
      // Called in one turn of the event loop, they were written in one statement and one transaction.
      expect(new Set(rows.map((r) => r.at.getTime())).size).toBe(1);
    });

    it('fails every caller of a batch that cannot be written, and writes none of it', async () => {
      const audit = t.app.get(AuditService);
      const marker = uniq('group-fail');
      const valid = Array.from({ length: 5 }, (_, n) => audit.record(null, { action: 'test.group', subjectRefs: [marker], details: { n } }));
      const invalid = audit.record(null, { action: 'x'.repeat(65), subjectRefs: [marker] }); // action is varchar(64)
      const outcomes = await Promise.allSettled([...valid, invalid]);
      expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill('rejected'));
      expect(await t.dataSource.query('SELECT id FROM audit_event WHERE subject_refs @> ARRAY[$1]::text[]', [marker])).toEqual([]);
      // The next batch is not affected.
      const id = await audit.record(null, { action: 'test.group', subjectRefs: [marker] });
      expect((await rowsOf([id])).map((r) => r.subject_refs)).toEqual([[marker]]);
    });

    it('keeps a mutation\'s entry in its transaction: rolled back with it', async () => {
      const audit = t.app.get(AuditService);
      const marker = uniq('group-tx');
      await expect(
        t.dataSource.transaction(async (tx) => {
          await audit.record(null, { action: 'test.group', subjectRefs: [marker] }, tx);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await t.dataSource.query('SELECT id FROM audit_event WHERE subject_refs @> ARRAY[$1]::text[]', [marker])).toEqual([]);
    });
  });

  it('has no code path that updates or deletes audit entries, other than the purge', () => {
    const root = join(__dirname, '..', '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(root, 'apps'));
    walk(join(root, 'libs'));
    const writes = /(UPDATE\s+"?audit_event|DELETE\s+FROM\s+"?audit_event|TRUNCATE\s+"?audit_event|audit_purge)|AuditEventEntity[\s\S]{0,200}\.(update|delete|remove|softDelete|save)\(|(update|delete|remove|softDelete)\(\s*AuditEventEntity/i;
    const offenders = files
      .filter((f) => !f.includes(`${join('database', 'migrations')}`))
      .filter((f) => writes.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual(['apps/api/src/modules/audit/audit-purge.ts']);
  });
});
