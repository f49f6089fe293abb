import { Writable } from 'stream';
import { Role } from '../../apps/api/src/common/auth/role';
import { createRootLogger } from '../../apps/api/src/common/logging/root-logger';
import { candidateInput, uniq } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Every line the API logs, parsed (a line that is not JSON fails the test). */
class Captured extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

/**
 * Request logs (issue 13 item 7): one JSON line per request with its id, the caller's role,
 * tenant and key id, the operation, the duration and the outcome, and nothing a client sent.
 * This app must be the first one this file creates: Nest's logger for lines outside a request
 * is process-wide, and the first app's wins.
 */
describe('request logs', () => {
  const log = new Captured();
  let t: TestApp;
  let key: string;
  const tenant = uniq('logt').toLowerCase();
  // Recognisable personal data, to be looked for in every line logged.
  const person = {
    name: 'Zwaantje Oosterbroek-Mahamud',
    email: 'zwaantje.oosterbroek@voorbeeld-mail.nl',
    phone: '+31 6 4417 2290',
    notes: 'Spreekt Tigrinya en zoekt nachtdiensten',
    externalId: `zwaan-ext-${process.pid}`,
  };

  beforeAll(async () => {
    // verbose: every statement is logged too, so the test also covers the SQL lines.
    t = await startTestApp({ LOG_LEVEL: 'verbose' }, { logger: createRootLogger({ LOG_LEVEL: 'verbose', LOG_FORMAT: 'json' }, log) });
    key = await t.key(Role.PLATFORM, tenant);
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body: JSON.stringify(body) });
  const requestLines = () => log.records().filter((r) => r.path === '/graphql');

  it('writes one line per request with id, role, tenant, operation, duration and outcome, and never what the client sent', async () => {
    const created = await post(
      { query: `mutation($i: CandidateInput!) { createCandidate(input: $i) { id name email } }`, variables: { i: candidateInput(person) } },
      { 'x-request-id': 'log-test-create-1' },
    );
    expect(created.headers.get('x-request-id')).toBe('log-test-create-1');
    const id = ((await created.json()) as { data: { createCandidate: { id: string } } }).data.createCandidate.id;

    const read = await post({ query: `query($id: ID!) { candidate(id: $id) { name email phone notes } }`, variables: { id } });
    expect(read.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await post({ query: `mutation($id: ID!, $i: CandidateUpdateInput!) { updateCandidate(id: $id, input: $i) { id } }`, variables: { id, i: { email: person.name } } });
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // A GET's query string (which can carry variables) is not logged either.
    await fetch(`${t.url}?query=${encodeURIComponent(`{ candidates(filter: { search: "${person.name}" }) { total } }`)}`, { headers: { authorization: `Bearer ${key}` } });
    // A client's own request id that is not plain is replaced, not logged.
    await post({ query: `{ about { version } }` }, { 'x-request-id': `${person.email} <script>` });
    await new Promise((r) => setTimeout(r, 100));

    const lines = requestLines();
    const create = lines.find((r) => r.reqId === 'log-test-create-1');
    expect(create).toMatchObject({
      level: 'info',
      method: 'POST',
      status: 200,
      role: 'PLATFORM',
      tenant,
      keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      operation: 'createCandidate',
      operationType: 'mutation',
      outcome: 'ok',
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(lines.find((r) => r.reqId === read.headers.get('x-request-id'))).toMatchObject({ operation: 'candidate', operationType: 'query', outcome: 'ok', role: 'PLATFORM', tenant });
    expect(lines.find((r) => r.reqId === bad.headers.get('x-request-id'))).toMatchObject({ operation: 'updateCandidate', outcome: 'BAD_USER_INPUT' });
    expect(lines.find((r) => r.method === 'GET')).toMatchObject({ path: '/graphql' });
    expect(lines.find((r) => r.operation === 'about')?.reqId).toMatch(/^[0-9a-f-]{36}$/);

    // Lines written while a request runs (here its SQL, at verbose) carry its reqId.
    expect(log.records().some((r) => r.reqId === 'log-test-create-1' && r.context === 'Database')).toBe(true);

    const everything = log.lines.join('\n');
    for (const secret of [person.name, person.email, person.phone, person.notes, person.externalId, 'Oosterbroek', 'voorbeeld-mail', key, key.split('_').slice(2).join('_')]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('logs a caller without a key as role none, with the code it was refused with', async () => {
    await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ candidates { total } }' }) });
    await new Promise((r) => setTimeout(r, 100));
    expect(requestLines().at(-1)).toMatchObject({ role: 'none', operation: 'candidates', outcome: 'UNAUTHENTICATED' });
    expect(requestLines().at(-1)).not.toHaveProperty('tenant');
  });
});
