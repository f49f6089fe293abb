import { Role } from '../../apps/api/src/common/auth/role';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Misspelt names, each with the schema names graphql-js would suggest for it. With
 * introspection off (production) the schema is not for strangers to read, so no error may
 * suggest them; with it on, developers keep the suggestions.
 */
const PROBES: { what: string; query: string; variables?: Record<string, unknown>; suggests: string[] }[] = [
  { what: 'a query field', query: `{ candidat(id: "x") { id } }`, suggests: ['candidate', 'candidates'] },
  { what: 'a mutation', query: `mutation { createCandidat(input: {}) { id } }`, suggests: ['createCandidate'] },
  { what: 'an enum value in the query', query: `mutation { createApiKey(input: { role: ADMINN, label: "x" }) { key } }`, suggests: ['ADMIN'] },
  {
    what: 'an enum value in a variable',
    query: `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
    variables: { i: { role: 'ADMINN', label: 'x' } },
    suggests: ['ADMIN'],
  },
  { what: 'an input field in the query', query: `mutation { updateCandidate(id: "x", input: { monitorin: {} }) { id } }`, suggests: ['monitoring'] },
  {
    what: 'an input field in a variable',
    query: `mutation($i: CandidateUpdateInput!) { updateCandidate(id: "x", input: $i) { id } }`,
    variables: { i: { monitorin: {} } },
    suggests: ['monitoring'],
  },
  { what: 'an output field', query: `{ candidate(id: "x") { monitorin } }`, suggests: ['monitoring'] },
  { what: 'an argument', query: `{ candidates(tak: 5) { total } }`, suggests: ['take'] },
  { what: 'a type', query: `query($f: JobFiltr) { about { version } }`, variables: { f: null }, suggests: ['JobFilter'] },
];

describe('what errors tell about the schema', () => {
  let admin: string;
  const ask = async (t: TestApp, probe: (typeof PROBES)[number]) => {
    const res = await t.gql(probe.query, probe.variables, admin);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.status).toBeLessThan(500);
    return res.errors!.map((e) => e.message);
  };

  describe('with introspection off (production)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ NODE_ENV: 'production' });
      admin = await t.key(Role.ADMIN);
    });
    afterAll(() => t.close());

    it.each(PROBES.map((p) => [p.what, p] as const))('%s: no suggestion, no name it would suggest', async (_what, probe) => {
      const messages = await ask(t, probe);
      for (const m of messages) {
        expect(m).not.toMatch(/did you mean/i);
        for (const name of probe.suggests) expect(m).not.toContain(`"${name}"`);
      }
    });

    it('still says what is wrong', async () => {
      expect(await ask(t, PROBES[0])).toEqual(['Cannot query field "candidat" on type "Query".']);
      expect(await ask(t, PROBES[3])).toEqual(['Variable "$i" got invalid value "ADMINN" at "i.role"; Value "ADMINN" does not exist in "Role" enum.']);
    });
  });

  describe('with introspection on (development)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ GRAPHQL_INTROSPECTION: 'true' });
      admin = await t.key(Role.ADMIN);
    });
    afterAll(() => t.close());

    it.each(PROBES.map((p) => [p.what, p] as const))('%s: suggests the names', async (_what, probe) => {
      const text = (await ask(t, probe)).join('\n');
      expect(text).toMatch(/Did you mean/);
      for (const name of probe.suggests) expect(text).toContain(`"${name}"`);
    });
  });
});
