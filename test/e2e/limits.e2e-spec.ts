import { Role } from '../../apps/api/src/common/auth/role';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { CANDIDATE_FIELDS } from '../helpers/gql-fragments';
import { startTestApp, TestApp } from '../helpers/test-app';
import { INTERNALS, post } from './access-helpers';

type Err = { message: string; extensions: Record<string, unknown> & { code: string } };
const parse = (text: string) => JSON.parse(text) as { data?: unknown; errors?: Err[] };

/** Issue 7 item 4: body size, depth, complexity, rate and introspection limits, and what errors reveal. */
describe('limits', () => {
  describe('with the defaults', () => {
    let t: TestApp;
    let platform: string;
    const tenant = uniq('lim').toLowerCase();

    beforeAll(async () => {
      t = await startTestApp();
      platform = await t.key(Role.PLATFORM, tenant);
    });
    afterAll(() => t.close());

    it('keeps idle keep-alive connections 65 s, announced to clients, so a client pool closes them first', async () => {
      const server = t.app.getHttpServer() as import('http').Server;
      expect(server.keepAliveTimeout).toBe(65_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
      const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(res.headers.get('keep-alive')).toBe('timeout=65');
    });

    it('refuses a deeply nested query before running it, with QUERY_TOO_COMPLEX and HTTP 400', async () => {
      // Regions contain municipalities that belong to regions ...: depth 12.
      let inner = 'name';
      for (let i = 0; i < 5; i++) inner = `municipalities { labourMarketRegion { ${inner} } }`;
      const res = await post(t.url, JSON.stringify({ query: `{ labourMarketRegions { ${inner} } }` }));
      expect(res.status).toBe(400);
      const body = parse(res.text);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringMatching(/^Query is too deep: its fields nest 12 levels, more than the limit of 10/), extensions: { code: 'QUERY_TOO_COMPLEX', depth: 12, limit: 10 } }]);
    });

    it('counts depth through fragments', async () => {
      const query = `query { labourMarketRegions { ...R } }
        fragment R on LabourMarketRegion { municipalities { labourMarketRegion { municipalities { ...M } } } }
        fragment M on Municipality { labourMarketRegion { municipalities { labourMarketRegion { municipalities { labourMarketRegion { municipalities { name } } } } } } }`;
      const body = parse((await post(t.url, JSON.stringify({ query }))).text);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', depth: 11, limit: 10 });
    });

    it('refuses an aliased batch (200 aliases of one field) by its complexity, running none of it', async () => {
      const name = uniq('batch');
      const aliases = Array.from({ length: 200 }, (_, i) => `e${i}: createEmployer(input: { name: "${name}" }) { id }`).join('\n');
      const res = await post(t.url, JSON.stringify({ query: `mutation { ${aliases} }` }), { authorization: `Bearer ${platform}` });
      expect(res.status).toBe(400);
      const body = parse(res.text);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', complexity: 200 * (200 + 1), limit: 20000 });
      expect(body.errors![0].message).toMatch(/^Query is too complex: complexity 40200 is more than the limit of 20000\. A top-level field costs 200/);
      expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM employer WHERE name = $1', [name]))[0].n)).toBe(0);

      const reads = Array.from({ length: 200 }, (_, i) => `m${i}: municipality(code: "GM0363") { name }`).join(' ');
      expect(parse((await post(t.url, JSON.stringify({ query: `{ ${reads} }` }))).text).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('still answers ordinary heavy queries: 50 aliases, and a full page of 100 candidates', async () => {
      const reads = Array.from({ length: 50 }, (_, i) => `m${i}: municipality(code: "GM0363") { name }`).join(' ');
      const few = parse((await post(t.url, JSON.stringify({ query: `{ ${reads} }` }))).text) as { data: Record<string, { name: string }> };
      expect(Object.values(few.data)).toHaveLength(50);
      await t.gql(`mutation($input: CandidateInput!) { createCandidate(input: $input) { id } }`, { input: candidateInput({ externalId: uniq('lim') }) }, platform);
      const page = await t.gql<{ candidates: { items: unknown[] } }>(`{ candidates(take: 100) { total items { ${CANDIDATE_FIELDS} household { id size } } } }`, {}, platform);
      expect(page.errors).toBeUndefined();
      expect(page.data!.candidates.items.length).toBeGreaterThan(0);
    });

    it('accepts a 10,000-row import of vacancies with 1,260-character descriptions (about 19 MB) under the default body limit', async () => {
      const e = await t.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Body BV" }) { id } }`, {}, platform);
      const description = 'Wij zoeken een collega voor de keuken. Je werkt in wisseldiensten en krijgt begeleiding op de werkvloer. '.repeat(12); // 1,260 characters
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        vacancyInput(e.data!.createEmployer.id, { externalId: `body-${i}`, description, sector: 'Horeca', diplomaRequirement: { level: 'MBO' } }),
      );
      rows[9_999] = { ...rows[9_999], hoursPerWeek: 99 }; // atomic: validated through, then nothing saved
      const body = JSON.stringify({ query: 'mutation($rows: [VacancyInput!]!) { importVacancies(input: $rows) { received saved failed } }', variables: { rows } });
      expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 1024 * 1024); // more than the former fixed 16 MB
      const res = await post(t.url, body, { authorization: `Bearer ${platform}` });
      expect(res.status).toBe(200);
      expect(parse(res.text).data).toEqual({ importVacancies: { received: 10_000, saved: 0, failed: 1 } });
    }, 120_000);

    it('answers a body that is not JSON with a GraphQL-shaped 400', async () => {
      const res = await post(t.url, '{"query": "{ about { name } ');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(parse(res.text)).toEqual({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    });

    it('allows introspection outside production', async () => {
      const res = await t.gql<{ __schema: { queryType: { name: string } } }>(`{ __schema { queryType { name } } }`);
      expect(res.data?.__schema.queryType.name).toBe('Query');
    });

    it('never shows a stack trace, SQL or file path in an error', async () => {
      const probes: [string, Record<string, string>?][] = [
        ['{"query": "{ about { ', {}],
        [JSON.stringify({ query: '{ about { name }' })],
        [JSON.stringify({ query: '{ nope }' })],
        [JSON.stringify({ query: 'query($t: Int!) { municipalities(take: $t) { total } }', variables: { t: 'many' } })],
        [JSON.stringify({ query: '{ municipalities(take: 1000) { total } }' })],
        [JSON.stringify({ query: `{ candidate(id: "1' OR '1'='1") { id } }` }), { authorization: `Bearer ${platform}` }],
        [JSON.stringify({ query: `{ candidate(id: "00000000-0000-4000-8000-000000000000") { id } }` }), { authorization: 'Bearer kr_nope' }],
        [JSON.stringify({ query: `{ candidate(id: "00000000-0000-4000-8000-000000000000") { id } }` }), { authorization: 'Basic abc' }],
        [JSON.stringify({ query: 'mutation { closeVacancy(id: "00000000-0000-4000-8000-000000000000") { id } }' }), { authorization: `Bearer ${platform}` }],
        [JSON.stringify({ query: 'mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }', variables: { i: { ...candidateInput(), name: 'a\u0000b' } } }), { authorization: `Bearer ${platform}` }],
        [JSON.stringify({ query: '{ about { name } }', variables: [1, 2] })],
        ['[]'],
        ['"just a string"'],
      ];
      for (const [body, headers] of probes) {
        const res = await post(t.url, body, headers);
        expect(res.text).not.toMatch(INTERNALS);
        const parsed = parse(res.text);
        expect(parsed.errors?.length).toBeGreaterThan(0);
        for (const e of parsed.errors!) expect(e.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
      }
    });
  });

  describe('with small configured limits', () => {
    let t: TestApp;
    let other: string;

    beforeAll(async () => {
      t = await startTestApp({ REQUEST_BODY_LIMIT_MB: '1', QUERY_DEPTH_LIMIT: '3', QUERY_COMPLEXITY_LIMIT: '400' });
      other = await t.key(Role.ADMIN);
    });
    afterAll(() => t.close());

    it('refuses a body over REQUEST_BODY_LIMIT_MB with HTTP 413 and PAYLOAD_TOO_LARGE, before authentication', async () => {
      const body = JSON.stringify({ query: '{ about { name } }', variables: { filler: 'x'.repeat(1024 * 1024) } });
      const res = await post(t.url, body);
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(parse(res.text)).toEqual({
        errors: [{ message: 'Request body is larger than the limit of 1 MB (REQUEST_BODY_LIMIT_MB). Send fewer rows per request.', extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: 1048576 } }],
      });
      expect(res.text).not.toMatch(INTERNALS);
    });

    it('applies QUERY_DEPTH_LIMIT and QUERY_COMPLEXITY_LIMIT', async () => {
      const ok = await post(t.url, JSON.stringify({ query: '{ municipality(code: "GM0363") { labourMarketRegion { name } } }' }));
      expect(parse(ok.text).errors).toBeUndefined();
      const deep = parse((await post(t.url, JSON.stringify({ query: '{ municipality(code: "GM0363") { labourMarketRegion { municipalities { name } } } }' }))).text);
      expect(deep.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', depth: 4, limit: 3 });
      // A page of 100 names costs 200 + 100 × (1 + 1) = 400, exactly the limit; one more top-level field is too much.
      const page = '{ municipalities(take: 100) { items { name } } }';
      expect(parse((await post(t.url, JSON.stringify({ query: page }), { authorization: `Bearer ${other}` })).text).errors).toBeUndefined();
      const wide = parse((await post(t.url, JSON.stringify({ query: '{ a: municipalities(take: 100) { items { name } } b: about { name } }' }), { authorization: `Bearer ${other}` })).text);
      expect(wide.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', complexity: 400 + 200 + 1, limit: 400 });
    });
  });

  describe('rate limit', () => {
    let t: TestApp;
    let first: string;
    let second: string;

    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
      first = await t.key(Role.ADMIN);
      second = await t.key(Role.ADVISER);
    });
    afterAll(() => t.close());

    const call = (key?: string) => post(t.url, JSON.stringify({ query: '{ about { name } }' }), key ? { authorization: `Bearer ${key}` } : {});

    it('lets 5 requests a minute through per key, then answers 429 RATE_LIMITED with a retry hint; other keys are not affected', async () => {
      for (let i = 0; i < 5; i++) expect((await call(first)).status).toBe(200);
      const refused = await call(first);
      expect(refused.status).toBe(429);
      const retry = Number(refused.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(12); // one request every 12 s at 5 a minute
      expect(parse(refused.text)).toEqual({
        errors: [{ message: `Too many requests: the limit is 5 a minute for your API key. Retry in ${retry} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retry } }],
      });
      expect((await call(second)).status).toBe(200);
    });

    it('limits calls without a key per IP address, and counts a wrong key there too', async () => {
      for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(parse(refused.text).errors?.[0]).toMatchObject({ message: expect.stringContaining('for your IP address (no valid API key)'), extensions: { code: 'RATE_LIMITED' } });
      expect((await call(`kr_${'a'.repeat(12)}_${'b'.repeat(43)}`)).status).toBe(429);
      expect((await call(second)).status).toBe(200); // a valid key has its own budget
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ NODE_ENV: 'production' });
    });
    afterAll(() => t.close());

    it('refuses introspection by default', async () => {
      for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Candidate") { fields { name } } }']) {
        const res = await post(t.url, JSON.stringify({ query }));
        const body = parse(res.text);
        expect(res.status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/introspection is not allowed/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      }
      expect(parse((await post(t.url, JSON.stringify({ query: '{ about { name } }' }))).text).data).toEqual({ about: { name: 'Kansrijk' } });
    });
  });
});
