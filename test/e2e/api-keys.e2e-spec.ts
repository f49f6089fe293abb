import { createHash } from 'crypto';
import { Role } from '../../apps/api/src/common/auth/role';
import { ApiKeyService } from '../../apps/api/src/modules/auth/api-key.service';
import { uniq } from '../helpers/factories';
import { problemsOf } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';
import { keyIdOf, runCli } from './access-helpers';

const KEY_FIELDS = 'id prefix role tenant label createdAt expiresAt revokedAt status';
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY_FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { ${KEY_FIELDS} } }`;
const LIST = `query($skip: Int, $take: Int) { apiKeys(skip: $skip, take: $take) { total items { ${KEY_FIELDS} } } }`;
const KEY = /kr_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/;
const DAY = 86_400_000;

type ApiKey = { id: string; prefix: string; role: string; tenant: string | null; label: string; createdAt: string; expiresAt: string | null; revokedAt: string | null; status: string };

/** Issue 7 item 1: API keys created, listed and revoked by admins (GraphQL) and operators (npm run keys). */
describe('API keys', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adminId = await keyIdOf(t, admin);
  });
  afterAll(() => t.close());

  /** Any operation a PLATFORM or ADMIN key may call; its error code, or null when accepted. */
  const codeWith = async (key: string) => (await t.gql(`{ vacancies(take: 1) { total } }`, {}, key)).errors?.[0]?.extensions?.code ?? null;
  const create = (input: Record<string, unknown>, key = admin) => t.gql<{ createApiKey: { key: string; apiKey: ApiKey } }>(CREATE, { input }, key);
  const auditOf = (id: string): Promise<{ action: string; actor_key_id: string | null; details: Record<string, unknown> }[]> =>
    t.dataSource.query(`SELECT action, actor_key_id, details FROM audit_event WHERE $1 = ANY(subject_refs) AND action LIKE 'key.%' ORDER BY id`, [id]);

  it('creates a PLATFORM key that works at once, shown once, expiring in a year by default, and audited without its secret', async () => {
    const tenant = uniq('rw').toLowerCase();
    const before = Date.now();
    const res = await create({ role: 'PLATFORM', tenant, label: 'RefugeeWork production' });
    expect(res.errors).toBeUndefined();
    const { key, apiKey } = res.data!.createApiKey;
    expect(key).toMatch(new RegExp(`^${KEY.source}$`));
    expect(key.split('_')[1]).toBe(apiKey.prefix);
    expect(apiKey).toMatchObject({ role: 'PLATFORM', tenant, label: 'RefugeeWork production', revokedAt: null, status: 'ACTIVE' });
    const expires = new Date(apiKey.expiresAt!).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 365 * DAY);
    expect(expires).toBeLessThanOrEqual(Date.now() + 366 * DAY);

    expect(await codeWith(key)).toBeNull();
    const [row] = await t.dataSource.query('SELECT role, tenant, secret_hash FROM api_key WHERE id = $1', [apiKey.id]);
    expect(row).toEqual({ role: 'PLATFORM', tenant, secret_hash: createHash('sha256').update(key).digest('hex') });

    const audit = await auditOf(apiKey.id);
    expect(audit).toEqual([
      { action: 'key.created', actor_key_id: adminId, details: expect.objectContaining({ prefix: apiKey.prefix, role: 'PLATFORM', tenant, via: 'api' }) },
    ]);
    const secret = key.split('_').slice(2).join('_');
    const leaks = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE details::text LIKE '%' || $1 || '%' OR details::text LIKE '%' || $2 || '%'`, [
      secret,
      row.secret_hash,
    ]);
    expect(leaks[0].n).toBe(0);
  });

  it('lists keys newest first with their status, never a secret or a hash', async () => {
    const a = (await create({ role: 'EVALUATOR', label: 'list a' })).data!.createApiKey;
    const b = (await create({ role: 'ADVISER', label: 'list b', expiresAt: new Date(Date.now() + DAY).toISOString() })).data!.createApiKey;
    const res = await t.gql<{ apiKeys: { total: number; items: ApiKey[] } }>(LIST, { take: 100 }, admin);
    expect(res.errors).toBeUndefined();
    const { items, total } = res.data!.apiKeys;
    expect(total).toBe(Number((await t.dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n));
    const ids = items.map((k) => k.id);
    expect(ids.indexOf(b.apiKey.id)).toBeLessThan(ids.indexOf(a.apiKey.id));
    expect(items.find((k) => k.id === b.apiKey.id)).toMatchObject({ role: 'ADVISER', tenant: null, status: 'ACTIVE', label: 'list b' });
    const text = JSON.stringify(res);
    const hashes: { secret_hash: string }[] = await t.dataSource.query('SELECT secret_hash FROM api_key');
    for (const secret of [a.key, b.key, a.key.split('_').slice(2).join('_'), ...hashes.map((h) => h.secret_hash)]) expect(text).not.toContain(secret);
    // The type itself has no field that could carry one.
    const type = await t.gql<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "ApiKey") { fields { name } } }`);
    expect(type.data!.__type.fields.map((f) => f.name).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'label', 'prefix', 'revokedAt', 'role', 'status', 'tenant']);
    expect((await t.gql(LIST, { take: 101 }, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a PLATFORM key without a tenant', { role: 'PLATFORM', label: 'x' }, 'input.tenant', 'requiredForPlatform'],
    ['a tenant on an ADVISER key', { role: 'ADVISER', tenant: 'refugeework', label: 'x' }, 'input.tenant', 'onlyForPlatform'],
    ['a tenant on an ADMIN key', { role: 'ADMIN', tenant: 'refugeework', label: 'x' }, 'input.tenant', 'onlyForPlatform'],
    ['a tenant that is not a slug', { role: 'PLATFORM', tenant: 'Refugee Work', label: 'x' }, 'input.tenant', 'matches'],
    ['a one-letter tenant', { role: 'PLATFORM', tenant: 'r', label: 'x' }, 'input.tenant', 'matches'],
    ['an expiry in the past', { role: 'EVALUATOR', label: 'x', expiresAt: '2020-01-01T00:00:00Z' }, 'input.expiresAt', 'inFuture'],
    ['an empty label', { role: 'EVALUATOR', label: '   ' }, 'input.label', 'minLength'],
  ])('refuses %s with BAD_USER_INPUT naming the field, creating nothing', async (_what, input, field, rule) => {
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n);
    const res = await create(input);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n)).toBe(before);
  });

  it('revokes a key at once; revoking again changes nothing and is audited once; an unknown id is NOT_FOUND', async () => {
    const { key, apiKey } = (await create({ role: 'PLATFORM', tenant: 'revoke-me', label: 'to revoke' })).data!.createApiKey;
    expect(await codeWith(key)).toBeNull(); // verified and cached
    const res = await t.gql<{ revokeApiKey: ApiKey }>(REVOKE, { id: apiKey.id }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.revokeApiKey).toMatchObject({ id: apiKey.id, status: 'REVOKED', revokedAt: expect.any(String) });
    expect(await codeWith(key)).toBe('UNAUTHENTICATED');

    const again = await t.gql<{ revokeApiKey: ApiKey }>(REVOKE, { id: apiKey.id }, admin);
    expect(again.data!.revokeApiKey.revokedAt).toBe(res.data!.revokeApiKey.revokedAt);
    expect((await auditOf(apiKey.id)).map((a) => [a.action, a.actor_key_id])).toEqual([
      ['key.created', adminId],
      ['key.revoked', adminId],
    ]);
    const unknown = await t.gql(REVOKE, { id: '00000000-0000-4000-8000-00000000abcd' }, admin);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an expired key with UNAUTHENTICATED, also one that expires while cached', async () => {
    const keys = t.app.get(ApiKeyService);
    const expired = (await keys.create({ role: Role.ADMIN, label: 'expired', expiresAt: new Date(Date.now() - 1000) })).key;
    const res = await t.gql(`{ vacancies(take: 1) { total } }`, {}, expired);
    expect(res.errors?.[0]).toMatchObject({ message: 'Unknown, revoked or expired API key', extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.data).toBeNull();

    // Three seconds of life: room for the first request on a loaded CI machine, then wait past the expiry itself.
    const expiresAt = new Date(Date.now() + 3000);
    const soon = (await keys.create({ role: Role.ADMIN, label: 'expires soon', expiresAt })).key;
    expect(await codeWith(soon)).toBeNull();
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now()) + 100));
    expect(await codeWith(soon)).toBe('UNAUTHENTICATED');
    expect(await codeWith(`kr_${'a'.repeat(12)}_${'b'.repeat(43)}`)).toBe('UNAUTHENTICATED');
  });

  it('caches only keys that verified, so a flood of well-formed unknown keys leaves nothing behind', async () => {
    const keys = t.app.get(ApiKeyService);
    keys.forgetCached();
    const made = (i: number) => `kr_${i.toString(36).padStart(12, '0')}_${'x'.repeat(43)}`;
    for (let i = 0; i < 300; i += 30) {
      const codes = await Promise.all(Array.from({ length: 30 }, (_, j) => codeWith(made(i + j))));
      expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));
    }
    expect(keys.cachedCount).toBe(0);
    expect(await codeWith(admin)).toBeNull();
    expect(keys.cachedCount).toBe(1);
    // A key revoked elsewhere and seen again is dropped from the cache, not kept as a refusal.
    const { key, entity } = await keys.create({ role: Role.ADMIN, label: 'revoked elsewhere' });
    expect(await codeWith(key)).toBeNull();
    expect(keys.cachedCount).toBe(2);
    await t.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [entity.id]);
    keys.forgetCached();
    expect(await codeWith(key)).toBe('UNAUTHENTICATED');
    expect(keys.cachedCount).toBe(0);
  });

  it('whoami answers every role with its own key (role, tenant, label, status), never a secret; without a valid key UNAUTHENTICATED', async () => {
    const WHOAMI = `{ whoami { ${KEY_FIELDS} } }`;
    const tenant = uniq('who').toLowerCase();
    for (const [role, t2] of [['ADVISER', null], ['EVALUATOR', null], ['PLATFORM', tenant], ['ADMIN', null]] as const) {
      const made = await create({ role, tenant: t2 ?? undefined, label: `whoami ${role}` });
      const { key, apiKey } = made.data!.createApiKey;
      const res = await t.gql<{ whoami: ApiKey }>(WHOAMI, {}, key);
      expect(res.errors).toBeUndefined();
      expect(res.data!.whoami).toEqual(apiKey);
      expect(JSON.stringify(res.data)).not.toContain(key.split('_').slice(2).join('_'));
    }
    expect((await t.gql(WHOAMI)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const gone = (await create({ role: 'ADVISER', label: 'revoked whoami' })).data!.createApiKey;
    await t.gql(REVOKE, { id: gone.apiKey.id }, admin);
    expect((await t.gql(WHOAMI, {}, gone.key)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('npm run keys', () => {
    it('creates a key that the API accepts, lists it without its secret, and revokes it', async () => {
      const tenant = uniq('cli').toLowerCase();
      const created = await runCli('keys', ['create', '--role', 'PLATFORM', '--tenant', tenant, '--label', 'CLI made', '--expires', '2099-12-31']);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const key = KEY.exec(created.stdout)![0];
      const id = /id ([0-9a-f-]{36})/.exec(created.stdout)![1];
      expect(created.stdout).toContain(`created PLATFORM key for tenant ${tenant}`);
      expect(created.stdout).toContain('expires 2099-12-31T23:59:59.999Z');
      expect(await codeWith(key)).toBeNull();
      expect(await auditOf(id)).toEqual([
        { action: 'key.created', actor_key_id: null, details: expect.objectContaining({ via: 'cli', role: 'PLATFORM', tenant, prefix: key.split('_')[1] }) },
      ]);

      const listed = await runCli('keys', ['list']);
      expect(listed.code).toBe(0);
      const line = listed.stdout.split('\n').find((l) => l.startsWith(id))!;
      expect(line).toMatch(new RegExp(`${key.split('_')[1]}\\s+PLATFORM\\s+${tenant}\\s+ACTIVE\\s+\\d{4}-\\d{2}-\\d{2}\\s+2099-12-31\\s+CLI made`));
      expect(listed.stdout).not.toMatch(KEY);
      expect(listed.stdout).not.toContain(key.split('_').slice(2).join('_'));

      const revoked = await runCli('keys', ['revoke', id]);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toContain(`revoked PLATFORM key ${id}`);
      // Another process revoked it: this API drops its cached verification within 5 s.
      const started = Date.now();
      while ((await codeWith(key)) === null && Date.now() - started < 7000) await new Promise((r) => setTimeout(r, 250));
      expect(await codeWith(key)).toBe('UNAUTHENTICATED');
      expect((await auditOf(id)).map((a) => a.action)).toEqual(['key.created', 'key.revoked']);
    }, 90_000);

    it.each([
      [['create', '--role', 'PLATFORM'], /--tenant: tenant is required for a PLATFORM key/],
      [['create', '--role', 'ADVISER', '--tenant', 'x-y'], /--tenant: tenant is only for PLATFORM keys/],
      [['create', '--role', 'ADMIN', '--expires', '2001-01-01'], /--expires: expiresAt must be in the future/],
      [['create', '--role', 'ADMIN', '--expires', 'soon'], /--expires "soon" is not a date/],
      [['create', '--role', 'KING'], /--role: role must be one of ADMIN, ADVISER, PLATFORM, EVALUATOR/],
      [['revoke'], /revoke needs the id of one key/],
      [['rotate'], /unknown command "rotate"/],
    ])('refuses %j with exit code 2 and a reason', async (args, message) => {
      const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n);
      const res = await runCli('keys', args);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stdout).not.toMatch(KEY);
      expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n)).toBe(before);
    }, 60_000);

    it('says so when revoking an unknown id', async () => {
      const res = await runCli('keys', ['revoke', '00000000-0000-4000-8000-00000000dcba']);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/API key 00000000-0000-4000-8000-00000000dcba not found/);
    }, 60_000);
  });
});
