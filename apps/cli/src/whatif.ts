/**
 * `npm run whatif -- --policy override.json [cohort] [--name N] [--period 2026-H2] [--balance 0.02] [--out DIR] [--key KEY] [--url URL]`
 *
 * For evaluators: replays a cohort under the default policy and the variant in
 * override.json (a PolicyOverride, e.g. { "tieRadiusKm": 30, "asylumWorkWaitMonths": 4 }),
 * through the API (runScenario), shows progress, prints the comparison and writes the
 * scenario as CSV and JSON. Cohort: --households ids.txt (one id per line), or
 * --arrived-from / --arrived-to (YYYY-MM-DD) and/or --synthetic, with --limit N.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Presets, SingleBar } from 'cli-progress';
import { loadDotEnv } from '../../api/src/config/environment';
import { unreachable } from './api-fetch';

interface Options {
  url: string;
  key: string;
  name: string;
  policy: Record<string, unknown>;
  cohort: Record<string, unknown>;
  period?: string;
  balance?: number;
  out: string;
  quiet: boolean;
}

const USAGE =
  'usage: npm run whatif -- --policy override.json [--households ids.txt | --arrived-from YYYY-MM-DD --arrived-to YYYY-MM-DD | --synthetic] [--limit N] [--name NAME] [--period 2026-H2] [--balance 0.02] [--out DIR] [--key KEY] [--url URL]';

export function parseWhatifArgs(argv: string[], env: Record<string, string | undefined>): Options {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const policyFile = opt('policy');
  if (!policyFile) throw new Error(USAGE);
  let policy: Record<string, unknown>;
  try {
    policy = JSON.parse(readFileSync(policyFile, 'utf8'));
  } catch (err) {
    throw new Error(`--policy ${policyFile}: ${(err as Error).message}`);
  }
  const key = opt('key') ?? env.KANSRIJK_API_KEY;
  if (!key) throw new Error('an API key is needed: --key KEY or KANSRIJK_API_KEY (an EVALUATOR or ADMIN key)');
  const cohort: Record<string, unknown> = {};
  const ids = opt('households');
  if (ids) cohort.householdIds = readFileSync(ids, 'utf8').split(/\s+/).filter(Boolean);
  if (opt('arrived-from')) cohort.arrivedFrom = opt('arrived-from');
  if (opt('arrived-to')) cohort.arrivedTo = opt('arrived-to');
  if (argv.includes('--synthetic')) cohort.syntheticOnly = true;
  if (opt('limit')) cohort.limit = Number(opt('limit'));
  if (Object.keys(cohort).length === 0) cohort.syntheticOnly = true;
  const balance = opt('balance') === undefined ? undefined : Number(opt('balance'));
  return {
    url: opt('url') ?? env.KANSRIJK_API_URL ?? 'http://localhost:3000/graphql',
    key,
    name: opt('name') ?? `what-if ${policyFile}`,
    policy,
    cohort,
    period: opt('period'),
    balance,
    out: opt('out') ?? 'exports',
    quiet: argv.includes('--quiet') || !process.stderr.isTTY,
  };
}

/**
 * One GraphQL call. A query (read-only, so safe to send again) is retried twice when the
 * connection fails before an answer, e.g. a kept-alive connection the server closed just as
 * this poll reused it; a mutation is sent once.
 */
async function call<T>(o: Options, query: string, variables: Record<string, unknown>): Promise<T> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` }, body: JSON.stringify({ query, variables }) };
  const attempts = query.trimStart().startsWith('mutation') ? 1 : 3;
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await fetch(o.url, init);
    } catch (err) {
      if (attempt >= attempts) throw unreachable(o.url, err);
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? `the API at ${o.url} answered HTTP ${res.status} without data; is that the Kansrijk GraphQL endpoint?`);
  return body.data;
}

const METRICS = `households householdsPlaced personsPlaced meanLinkScore objective greedyObjective hardTiesHonouredShare
  meanDistanceToWorkTieKm reachableVacanciesPerAdult regions { regionCode persons capacity } disparities { dimension group people placedShare meanLinkScore }`;

type Metrics = Record<string, number | null> & {
  regions: { regionCode: string; persons: number; capacity: number }[];
  disparities: { dimension: string; group: string; people: number; placedShare: number; meanLinkScore: number | null }[];
};

/** The signals that stop the CLI and cancel its run. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runWhatif(o: Options): Promise<string> {
  type S = {
    scenario: {
      status: string;
      progress: number;
      phase: string | null;
      error: string | null;
      cohortSize: number;
      baselinePolicyVersion: string;
      variantPolicyVersion: string;
      changedHouseholds: number | null;
      baseline: Metrics | null;
      variant: Metrics | null;
      difference: Metrics | null;
      csv: string;
      json: string;
    };
  };
  // Ctrl-C cancels the run on the server (it would go on in its worker otherwise), then exits;
  // so does SIGTERM (a script's timeout, a CI job stopped). Listened for before the run is asked
  // for, so that a signal while it is being queued cancels it too.
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onInterrupt);
  const bar = o.quiet ? null : new SingleBar({ format: 'what-if [{bar}] {percentage}% | {status} {phase}', hideCursor: true }, Presets.shades_classic);
  let id: string;
  let s: S['scenario'];
  try {
    const started = await call<{ runScenario: { id: string } }>(
      o,
      'mutation($i: ScenarioInput!) { runScenario(input: $i) { id } }',
      { i: { name: o.name, cohort: o.cohort, policy: o.policy, period: o.period, balanceTolerance: o.balance, wait: false } },
    );
    id = started.runScenario.id;
    bar?.start(100, 0, { status: 'QUEUED', phase: '' });
    for (;;) {
      if (interrupted) {
        bar?.stop();
        const c = await call<{ cancelScenario: { status: string } }>(o, 'mutation($id: ID!) { cancelScenario(id: $id) { status } }', { id });
        throw new Error(`interrupted: scenario ${id} ${c.cancelScenario.status === 'CANCELLED' ? 'cancelled' : `was already ${c.cancelScenario.status.toLowerCase()}`}`);
      }
      s = (await call<S>(o, 'query($id: ID!) { scenario(id: $id) { status progress phase error } }', { id })).scenario;
      bar?.update(Math.round(s.progress * 100), { status: s.status, phase: s.phase ?? '' });
      if (s.status !== 'QUEUED' && s.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onInterrupt);
  }
  bar?.stop();
  if (s.status === 'FAILED') throw new Error(`scenario ${id} failed: ${s.error}`);
  if (s.status === 'CANCELLED') throw new Error(`scenario ${id} was cancelled${s.error ? ` (${s.error})` : ''}`);
  s = (
    await call<S>(
      o,
      `query($id: ID!) { scenario(id: $id) { status progress error cohortSize baselinePolicyVersion variantPolicyVersion changedHouseholds
        baseline { ${METRICS} } variant { ${METRICS} } difference { ${METRICS} } csv: export(format: CSV) json: export(format: JSON) } }`,
      { id },
    )
  ).scenario;
  mkdirSync(o.out, { recursive: true });
  const csvFile = join(o.out, `scenario-${id}.csv`);
  const jsonFile = join(o.out, `scenario-${id}.json`);
  writeFileSync(csvFile, s.csv);
  writeFileSync(jsonFile, s.json);
  return printComparison(id, s.cohortSize, s.baselinePolicyVersion, s.variantPolicyVersion, s.changedHouseholds, s.baseline!, s.variant!, s.difference!, [csvFile, jsonFile]);
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(digits));

export function printComparison(id: string, size: number, baseVersion: string, variantVersion: string, changed: number | null, b: Metrics, v: Metrics, d: Metrics, files: string[]): string {
  const rows: [string, string, string, string][] = [['metric', `baseline (${baseVersion})`, `variant (${variantVersion})`, 'difference']];
  const labels: [string, string][] = [
    ['householdsPlaced', 'households placed'],
    ['personsPlaced', 'persons placed'],
    ['meanLinkScore', 'mean link score'],
    ['hardTiesHonouredShare', 'hard ties honoured (share)'],
    ['meanDistanceToWorkTieKm', 'mean distance to a work tie (km)'],
    ['reachableVacanciesPerAdult', 'eligible vacancies reachable per adult'],
    ['objective', 'total link score'],
    ['greedyObjective', "today's practice (greedy) total"],
  ];
  for (const [k, label] of labels) rows.push([label, fmt(b[k]), fmt(v[k]), fmt(d[k])]);
  rows.push(['households whose municipality changed', '', '', fmt(changed)]);
  for (const g of d.disparities) {
    const bg = b.disparities.find((x) => x.dimension === g.dimension && x.group === g.group);
    const vg = v.disparities.find((x) => x.dimension === g.dimension && x.group === g.group);
    rows.push([`placed share: ${g.dimension} ${g.group}`, fmt(bg?.placedShare), fmt(vg?.placedShare), fmt(g.placedShare)]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const text = [
    `scenario ${id}: ${size} households`,
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    ...files.map((f) => `written: ${f}`),
  ].join('\n');
  console.log(text);
  return text;
}

async function main(): Promise<void> {
  loadDotEnv();
  let o: Options;
  try {
    o = parseWhatifArgs(process.argv.slice(2), process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  await runWhatif(o);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`what-if failed: ${err instanceof Error ? err.message : err}`);
    process.exit(err instanceof Error && err.message.startsWith('interrupted') ? 130 : 1);
  });
}
