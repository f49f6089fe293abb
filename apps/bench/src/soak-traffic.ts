/**
 * The soak benchmark's traffic: a fixed rate of requests (open loop: a request is sent on
 * schedule whether or not earlier ones have been answered, as independent clients do), drawn
 * from a mix of what the API's callers do: platforms of a few tenants reading their own
 * records, asking job and candidate suggestions and writing (upserts of a fixed pool of
 * externalIds, vacancies created and later closed, candidates created and erased, so the
 * number of live records stays level); advisers asking job and municipality suggestions on the
 * demo records; anonymous reference-data reads.
 */
import { candidateInput, ESCO, vacancyInput } from '../../../test/helpers/factories';

type Gql = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** One tenant's keys and records, made by `prepareTenant`. */
export interface SoakTenant {
  tenant: string;
  key: string;
  employerId: string;
  candidateIds: string[];
  vacancyIds: string[];
  /** Vacancies this run created and has not closed yet. */
  opened: string[];
  /** Candidates this run created and has not erased yet. */
  created: string[];
}

export interface SoakWorld {
  url: string;
  adviserKey: string;
  tenants: SoakTenant[];
  /** Demo candidates and households (no tenant), for the adviser. */
  demoCandidates: string[];
  demoHouseholds: string[];
}

/** What a window of traffic saw. */
export interface TrafficWindow {
  sent: number;
  answered: number;
  /** Requests not sent because SOAK_MAX_INFLIGHT were already waiting (the API fell behind). */
  skipped: number;
  latencies: number[];
  /** Errors by operation and code (or HTTP status, or network error). */
  errors: Map<string, number>;
  byOperation: Map<string, number>;
}

export const emptyWindow = (): TrafficWindow => ({ sent: 0, answered: 0, skipped: 0, latencies: [], errors: new Map(), byOperation: new Map() });

const POOL = 200; // externalIds per tenant that importCandidates keeps updating

/** An answer later than this counts as an error (an API that stopped answering must not hang the bench). */
const REQUEST_TIMEOUT_MS = 60_000;

async function post(url: string, query: string, variables: Record<string, unknown>, key?: string): Promise<{ status: number; body: Gql }> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Gql };
}

async function must<T>(p: Promise<{ status: number; body: Gql }>, what: string): Promise<T> {
  const { status, body } = await p;
  if (status !== 200 || body.errors?.length || !body.data) throw new Error(`${what} failed: ${status} ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data as T;
}

const extId = (tenant: string, i: number) => `soak-${tenant}-c${i}`;
const person = (tenant: string, i: number, n = 0) =>
  candidateInput({ externalId: extId(tenant, i), name: `Soak ${tenant} ${i}`, email: `soak${i}@${tenant}.example.org`, hoursAvailable: 16 + ((i + n) % 24) });

/** A tenant's employer, its pool of candidates and a few dozen vacancies, through the API. */
export async function prepareTenant(url: string, tenant: string, key: string): Promise<SoakTenant> {
  const { createEmployer } = await must<{ createEmployer: { id: string } }>(post(url, `mutation { createEmployer(input: { name: "Soak ${tenant} BV" }) { id } }`, {}, key), 'createEmployer');
  const rows = Array.from({ length: POOL }, (_, i) => person(tenant, i));
  const imported = await must<{ importCandidates: { ids: string[] } }>(
    post(url, `mutation($r: [CandidateInput!]!) { importCandidates(input: $r) { ids } }`, { r: rows }, key),
    'importCandidates',
  );
  const postcodes = ['1011', '3011', '3511', '5611', '9711', '6511'];
  const vrows = Array.from({ length: 40 }, (_, i) => ({
    ...vacancyInput(createEmployer.id, { title: `Soak ${tenant} vacature ${i}`, location: { postcode: postcodes[i % postcodes.length] } }),
    externalId: `soak-${tenant}-v${i}`,
    occupationId: i % 3 === 0 ? ESCO.buildingCleaner : ESCO.cook,
    essentialSkills: i % 3 === 0 ? [] : ESCO.cookSkills.slice(0, 2),
  }));
  const vimported = await must<{ importVacancies: { ids: string[] } }>(
    post(url, `mutation($r: [VacancyInput!]!) { importVacancies(input: $r) { ids } }`, { r: vrows }, key),
    'importVacancies',
  );
  return { tenant, key, employerId: createEmployer.id, candidateIds: imported.importCandidates.ids, vacancyIds: vimported.importVacancies.ids, opened: [], created: [] };
}

const JOBS = `query($id: ID!) { jobSuggestions(candidateId: $id, take: 10) { total suggestionId items { rank score vacancy { title employerName municipalityName } components { name contribution reason } checks { rule passed reason } } } }`;
const CANDS = `query($id: ID!) { candidateSuggestions(vacancyId: $id, take: 10) { total items { rank score candidate { pseudonym } components { name contribution } } } }`;
const MUNIS = `query($id: ID!) { municipalitySuggestions(householdId: $id, take: 5) { feasible reason items { municipalityName score capacityLeft components { name contribution reason } checks { rule passed reason } } } }`;
const EXPLAIN = `query($c: ID!, $v: ID!) { explainMatch(candidateId: $c, vacancyId: $v) { score eligible components { name contribution reason } checks { rule passed reason } } }`;
const CANDIDATE = `query($id: ID!) { candidate(id: $id) { id name email pseudonym location { municipalityCode } occupations { iscoCode years } household { id size } } }`;
const CANDIDATES = `query($skip: Int!) { candidates(skip: $skip, take: 50) { total items { id pseudonym hoursAvailable } } }`;
const VACANCIES = `{ vacancies(take: 20) { total items { id title hoursPerWeek location { municipalityCode } } } }`;
const VACANCY = `query($id: ID!) { vacancy(id: $id) { id title employer { name } essentialSkillIds occupation { labelNl } } }`;
const REFERENCE = `query($s: String!) { occupations(search: $s, take: 10) { labelNl iscoCode } municipality(code: "GM0363") { name province } }`;
const IMPORT = `mutation($r: [CandidateInput!]!) { importCandidates(input: $r, atomic: false) { created updated failed } }`;
const UPDATE = `mutation($id: ID!, $i: CandidateUpdateInput!) { updateCandidate(id: $id, input: $i) { id hoursAvailable } }`;
const CREATE_VACANCY = `mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`;
const CLOSE_VACANCY = `mutation($id: ID!) { closeVacancy(id: $id) { id status } }`;
const CREATE_CANDIDATE = `mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`;
const DELETE_CANDIDATE = `mutation($id: ID!) { deleteCandidate(id: $id) }`;

/** Deterministic 32-bit PRNG (mulberry32), so two runs send the same mix. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Request = { op: string; query: string; variables: Record<string, unknown>; key?: string; after?: (data: Record<string, unknown>) => void };

/** The mix, by weight (per 100 requests): about 40% suggestions, 40% reads, 20% writes. */
export function makeMix(world: SoakWorld, random: () => number): () => Request {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  let n = 0;
  const table: [number, () => Request][] = [
    [18, () => { const t = pick(world.tenants); return { op: 'jobSuggestions', query: JOBS, variables: { id: pick(t.candidateIds) }, key: t.key }; }],
    [8, () => ({ op: 'jobSuggestions (adviser)', query: JOBS, variables: { id: pick(world.demoCandidates) }, key: world.adviserKey })],
    [7, () => { const t = pick(world.tenants); return { op: 'candidateSuggestions', query: CANDS, variables: { id: pick(t.vacancyIds) }, key: t.key }; }],
    [5, () => ({ op: 'municipalitySuggestions', query: MUNIS, variables: { id: pick(world.demoHouseholds) }, key: world.adviserKey })],
    [3, () => { const t = pick(world.tenants); return { op: 'explainMatch', query: EXPLAIN, variables: { c: pick(t.candidateIds), v: pick(t.vacancyIds) }, key: t.key }; }],
    [14, () => { const t = pick(world.tenants); return { op: 'candidate', query: CANDIDATE, variables: { id: pick(t.candidateIds) }, key: t.key }; }],
    [8, () => { const t = pick(world.tenants); return { op: 'candidates', query: CANDIDATES, variables: { skip: Math.floor(random() * 4) * 50 }, key: t.key }; }],
    [6, () => { const t = pick(world.tenants); return { op: 'vacancies', query: VACANCIES, variables: {}, key: t.key }; }],
    [6, () => { const t = pick(world.tenants); return { op: 'vacancy', query: VACANCY, variables: { id: pick(t.vacancyIds) }, key: t.key }; }],
    [5, () => ({ op: 'reference (no key)', query: REFERENCE, variables: { s: pick(['kok', 'schoonmaker', 'verpleegkundige', 'monteur', 'chauffeur']) } })],
    [8, () => {
      const t = pick(world.tenants);
      const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, () => person(t.tenant, Math.floor(random() * POOL), ++n));
      return { op: 'importCandidates', query: IMPORT, variables: { r: rows }, key: t.key };
    }],
    [4, () => { const t = pick(world.tenants); return { op: 'updateCandidate', query: UPDATE, variables: { id: pick(t.candidateIds), i: { hoursAvailable: 8 + Math.floor(random() * 30) } }, key: t.key }; }],
    [4, () => {
      const t = pick(world.tenants);
      // Close what this run opened once a tenant has a few, so the open vacancies stay level.
      if (t.opened.length >= 5) return { op: 'closeVacancy', query: CLOSE_VACANCY, variables: { id: t.opened.shift()! }, key: t.key };
      return {
        op: 'createVacancy',
        query: CREATE_VACANCY,
        variables: { i: vacancyInput(t.employerId, { title: `Soak ${t.tenant} tijdelijk ${++n}` }) },
        key: t.key,
        after: (d) => t.opened.push((d.createVacancy as { id: string }).id),
      };
    }],
    [4, () => {
      const t = pick(world.tenants);
      const created = t.created;
      if (created.length >= 3) return { op: 'deleteCandidate', query: DELETE_CANDIDATE, variables: { id: created.shift()! }, key: t.key };
      return {
        op: 'createCandidate',
        query: CREATE_CANDIDATE,
        variables: { i: candidateInput({ externalId: `soak-${t.tenant}-tmp-${++n}`, name: `Tijdelijk ${n}` }) },
        key: t.key,
        after: (d) => created.push((d.createCandidate as { id: string }).id),
      };
    }],
  ];
  const total = table.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = random() * total;
    for (const [w, make] of table) {
      x -= w;
      if (x < 0) return make();
    }
    return table[0][1]();
  };
}

/**
 * Sends `rate` requests a second until `until` (ms since the epoch), recording into whatever
 * window `current()` returns at the time each answer arrives. At most `maxInFlight` wait at
 * once; beyond that a request is skipped and counted.
 */
export async function drive(opts: { world: SoakWorld; rate: number; until: number; maxInFlight: number; seed: number; current: () => TrafficWindow }): Promise<void> {
  const next = makeMix(opts.world, rng(opts.seed));
  const gap = 1000 / opts.rate;
  let due = Date.now();
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  while (due < opts.until) {
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    due += gap;
    if (inFlight >= opts.maxInFlight) {
      opts.current().skipped++;
      continue;
    }
    const req = next();
    const started = performance.now();
    inFlight++;
    opts.current().sent++;
    const p = post(opts.world.url, req.query, req.variables, req.key)
      .then(({ status, body }) => {
        const w = opts.current();
        w.answered++;
        w.latencies.push(performance.now() - started);
        w.byOperation.set(req.op, (w.byOperation.get(req.op) ?? 0) + 1);
        const code = status !== 200 ? `HTTP ${status} ${body.errors?.[0]?.extensions?.code ?? ''}` : body.errors?.length ? (body.errors[0].extensions?.code ?? 'no code') : null;
        if (code) {
          const k = `${req.op}: ${code}${code === 'INTERNAL_SERVER_ERROR' || code === 'no code' ? ` (${body.errors?.[0]?.message.slice(0, 80)})` : ''}`;
          w.errors.set(k, (w.errors.get(k) ?? 0) + 1);
        } else if (body.data) req.after?.(body.data);
      })
      .catch((err: Error) => {
        const w = opts.current();
        const k = `${req.op}: ${err.message.slice(0, 80)}`;
        w.errors.set(k, (w.errors.get(k) ?? 0) + 1);
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
}
