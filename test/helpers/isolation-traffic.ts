/**
 * Concurrent traffic of several tenants against a running API, checking that every answer
 * belongs to the caller who asked: one writer (tenant B importing one candidate at a time
 * and now and then creating a vacancy) and readers (platform keys of tenants A and B listing
 * their candidates, an admin reading vacancies by id). Afterwards every acknowledged record
 * is asked for through the matching index, so a change the index missed shows up.
 *
 * Used by the isolation test (a few seconds, embedded database) and by
 * `npm run bench -- isolation` (as long as asked, on a fresh `npm start`).
 */
import { candidateInput, vacancyInput } from './factories';

export interface TrafficResult {
  seconds: number;
  reads: number;
  /** Answers holding a record that is not the caller's (another tenant's, or another id). */
  wrongReads: number;
  /** Errors by message, reads and writes together. */
  errors: Record<string, number>;
  writes: number;
  acknowledgedCandidates: number;
  acknowledgedVacancies: number;
  /** Acknowledged records the matching index does not answer for. */
  missingFromIndex: number;
  examples: string[];
}

type Gql = <T>(query: string, variables: Record<string, unknown>, key: string) => Promise<{ data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] }>;

export function gqlClient(url: string): Gql {
  return async (query, variables, key) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
}

async function must<T>(p: Promise<{ data?: T | null; errors?: { message: string }[] }>): Promise<T> {
  const r = await p;
  if (r.errors?.length || !r.data) throw new Error(`setup failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export async function runIsolationTraffic(opts: {
  url: string;
  adminKey: string;
  seconds: number;
  /** Readers per kind: tenant A, tenant B, admin (default 3 each: nine readers). */
  readersPerKind?: number;
  tag: string;
  /**
   * Where to ask whether the index holds every acknowledged record (default `url`): another
   * API process on the same database learns of them only through the change feed.
   */
  indexUrl?: string;
  /** Called between the traffic and the index check (e.g. to let the feed catch up). */
  beforeIndexCheck?: () => Promise<void>;
}): Promise<TrafficResult> {
  const gql = gqlClient(opts.url);
  const tag = opts.tag.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const tenants = { a: `${tag}-tenant-a`, b: `${tag}-tenant-b` };
  const keyFor = async (tenant: string) =>
    (
      await must(
        gql<{ createApiKey: { key: string } }>(
          `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
          { i: { role: 'PLATFORM', tenant, label: `isolation ${tenant}` } },
          opts.adminKey,
        ),
      )
    ).createApiKey.key;
  const keys = { a: await keyFor(tenants.a), b: await keyFor(tenants.b) };
  const prefix = { a: `${tag}-a-`, b: `${tag}-b-` };
  for (const side of ['a', 'b'] as const) {
    const rows = Array.from({ length: 20 }, (_, i) => candidateInput({ externalId: `${prefix[side]}seed-${i}`, name: `Seed ${side} ${i}` }));
    await must(gql(`mutation($r: [CandidateInput!]!) { importCandidates(input: $r) { created } }`, { r: rows }, keys[side]));
  }
  const employerOf = async (key: string) =>
    (await must(gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Isolation BV" }) { id } }`, {}, key))).createEmployer.id;
  const adminEmployer = await employerOf(opts.adminKey);
  const bEmployer = await employerOf(keys.b);
  const vacancies: { id: string; title: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const title = `${tag} vacancy ${i}`;
    const v = await must(gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(adminEmployer, { title }) }, opts.adminKey));
    vacancies.push({ id: v.createVacancy.id, title });
  }

  const result: TrafficResult = { seconds: opts.seconds, reads: 0, wrongReads: 0, errors: {}, writes: 0, acknowledgedCandidates: 0, acknowledgedVacancies: 0, missingFromIndex: 0, examples: [] };
  const error = (what: string, message: string) => {
    const k = `${what}: ${message.slice(0, 160)}`;
    result.errors[k] = (result.errors[k] ?? 0) + 1;
  };
  const wrong = (what: string) => {
    result.wrongReads++;
    if (result.examples.length < 10) result.examples.push(what);
  };
  const deadline = Date.now() + opts.seconds * 1000;
  const acknowledged = { candidates: [] as string[], vacancies: [] as string[] };

  const writer = async () => {
    for (let n = 0; Date.now() < deadline; n++) {
      try {
        if (n % 10 === 9) {
          const r = await gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(bEmployer, { title: `${tag} b ${n}` }) }, keys.b);
          result.writes++;
          if (r.errors?.length) error('createVacancy', r.errors[0].message);
          else acknowledged.vacancies.push(r.data!.createVacancy.id);
        } else {
          const r = await gql<{ importCandidates: { ids: (string | null)[] } }>(
            `mutation($r: [CandidateInput!]!) { importCandidates(input: $r) { ids } }`,
            { r: [candidateInput({ externalId: `${prefix.b}w-${n}`, name: `Written ${n}` })] },
            keys.b,
          );
          result.writes++;
          if (r.errors?.length) error('importCandidates', r.errors[0].message);
          else if (r.data!.importCandidates.ids[0]) acknowledged.candidates.push(r.data!.importCandidates.ids[0]);
        }
      } catch (e) {
        error('write', (e as Error).message);
      }
    }
  };
  const listReader = (side: 'a' | 'b') => async () => {
    while (Date.now() < deadline) {
      try {
        const r = await gql<{ candidates: { items: { externalId: string }[] } }>(`{ candidates(take: 100) { items { externalId } } }`, {}, keys[side]);
        result.reads++;
        if (r.errors?.length) error(`candidates ${side}`, r.errors[0].message);
        else {
          const foreign = r.data!.candidates.items.filter((c) => !c.externalId.startsWith(prefix[side]));
          if (foreign.length > 0 || r.data!.candidates.items.length === 0) wrong(`tenant ${side} got ${foreign.length} foreign of ${r.data!.candidates.items.length}: ${foreign[0]?.externalId}`);
        }
      } catch (e) {
        error(`candidates ${side}`, (e as Error).message);
      }
    }
  };
  const vacancyReader = async () => {
    for (let i = 0; Date.now() < deadline; i++) {
      const v = vacancies[(i * 7 + Math.floor(Math.random() * 10)) % vacancies.length];
      try {
        const r = await gql<{ vacancy: { id: string; title: string } | null }>(`query($id: ID!) { vacancy(id: $id) { id title } }`, { id: v.id }, opts.adminKey);
        result.reads++;
        if (r.errors?.length) error('vacancy', r.errors[0].message);
        else if (!r.data!.vacancy || r.data!.vacancy.id !== v.id || r.data!.vacancy.title !== v.title) wrong(`vacancy(${v.id}) answered ${JSON.stringify(r.data!.vacancy)}`);
      } catch (e) {
        error('vacancy', (e as Error).message);
      }
    }
  };
  const per = opts.readersPerKind ?? 3;
  const started = performance.now();
  await Promise.all([
    writer(),
    ...Array.from({ length: per }, listReader('a')),
    ...Array.from({ length: per }, listReader('b')),
    ...Array.from({ length: per }, () => vacancyReader()),
  ]);
  result.seconds = (performance.now() - started) / 1000;
  result.acknowledgedCandidates = acknowledged.candidates.length;
  result.acknowledgedVacancies = acknowledged.vacancies.length;

  // Every acknowledged record must be answered for by the matching index.
  await opts.beforeIndexCheck?.();
  const ask = opts.indexUrl ? gqlClient(opts.indexUrl) : gql;
  const check = async (ids: string[], ask: (id: string) => Promise<{ errors?: { message: string }[] }>, what: string) => {
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(
        ids.slice(i, i + 8).map(async (id) => {
          const r = await ask(id);
          if (r.errors?.length) {
            result.missingFromIndex++;
            if (result.examples.length < 10) result.examples.push(`${what} ${id}: ${r.errors[0].message}`);
          }
        }),
      );
    }
  };
  await check(acknowledged.candidates, (id) => ask(`query($id: ID!) { jobSuggestions(candidateId: $id, take: 1) { total } }`, { id }, keys.b), 'jobSuggestions');
  await check(acknowledged.vacancies, (id) => ask(`query($id: ID!) { candidateSuggestions(vacancyId: $id, take: 1) { total } }`, { id }, keys.b), 'candidateSuggestions');
  return result;
}
