/**
 * `npm run simulate -- [--households 10000] [--seed 1] [--tightness 1.05] [--tie-share 0.25]
 *   [--wave GM0344:120:0.3[:unforeseen]] [--jsonl stream.jsonl] [--write-jsonl out.jsonl]
 *   [--reprice-days 3] [--reprice-arrivals 0] [--samples 1] [--recent-weight 0.8] [--recent-days 14] [--json out.json]`
 *
 * Replays a half-year's arrival stream with each household decided on its day by today's
 * practice, the top static suggestion (myopic) and the dynamic suggestion (link score minus
 * the price of its places), and compares each with the hindsight optimum (the cohort plan with
 * every arrival known, and its upper bound). The stream is a seeded synthetic world over the
 * 342 municipalities (no database), or a JSON Lines file (format: parseStreamJsonl in
 * libs/matching/src/dynamic/stream-jsonl.ts). The dynamic policy's forecast is resampled from
 * the stream's earlier half-year (synthetic: the same generator with another seed), blended with
 * the current half-year's arrivals of the last weeks (--recent-weight); it never reads the
 * stream's own future.
 */
import { readFileSync, writeFileSync } from 'fs';
import { describeShortage, parseStreamJsonl, simulate, streamToJsonl, syntheticStream, type ArrivalStream, type PolicyMetrics, type SimulationResult } from '@kansrijk/matching';
import { loadMunicipalities } from '@kansrijk/reference-data';

const USAGE =
  'usage: npm run simulate -- [--households N] [--seed S] [--tightness 1.05] [--tie-share 0.25] [--wave GMxxxx:fromDay:share[:unforeseen]] [--jsonl stream.jsonl] [--write-jsonl out.jsonl] [--reprice-days 3] [--reprice-arrivals 0] [--samples 1] [--recent-weight 0.8] [--recent-days 14] [--json out.json]';

export interface SimulateArgs {
  households: number;
  seed: number;
  tightness: number;
  tieShare: number;
  wave?: { nearCode: string; fromDay: number; share: number; foreseen: boolean };
  jsonl?: string;
  writeJsonl?: string;
  repriceDays: number;
  repriceArrivals: number;
  samples: number;
  recentWeight: number;
  recentDays: number;
  json?: string;
}

export function parseSimulateArgs(argv: string[]): SimulateArgs {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0 && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) throw new Error(`--${name} needs a value\n${USAGE}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number, ok: (n: number) => boolean, rule: string) => {
    const v = opt(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || !ok(n)) throw new Error(`--${name}: ${rule} (got '${v}')`);
    return n;
  };
  const known = new Set(['households', 'seed', 'tightness', 'tie-share', 'wave', 'jsonl', 'write-jsonl', 'reprice-days', 'reprice-arrivals', 'samples', 'json', 'recent-weight', 'recent-days']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a.slice(2))) throw new Error(`unknown option ${a}\n${USAGE}`);
  let wave: SimulateArgs['wave'];
  const w = opt('wave');
  if (w !== undefined) {
    const [nearCode, from, share, flag] = w.split(':');
    if (!/^GM\d{4}$/.test(nearCode ?? '') || !Number.isInteger(Number(from)) || !(Number(share) > 0 && Number(share) <= 1) || (flag !== undefined && flag !== 'unforeseen')) {
      throw new Error(`--wave must be GMxxxx:fromDay:share[:unforeseen], e.g. GM0344:120:0.3 (got '${w}')`);
    }
    wave = { nearCode, fromDay: Number(from), share: Number(share), foreseen: flag !== 'unforeseen' };
  }
  return {
    households: num('households', 10_000, (n) => Number.isInteger(n) && n >= 1 && n <= 200_000, 'a whole number from 1 to 200,000'),
    seed: num('seed', 1, Number.isInteger, 'a whole number'),
    tightness: num('tightness', 1.05, (n) => n > 0 && n <= 10, 'a number above 0 (national total / persons, R11)'),
    tieShare: num('tie-share', 0.25, (n) => n >= 0 && n <= 1, 'a share from 0 to 1'),
    wave,
    jsonl: opt('jsonl'),
    writeJsonl: opt('write-jsonl'),
    repriceDays: num('reprice-days', 3, (n) => Number.isInteger(n) && n >= 1, 'a whole number of days >= 1'),
    repriceArrivals: num('reprice-arrivals', 0, (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0 (0: only by days)'),
    samples: num('samples', 1, (n) => Number.isInteger(n) && n >= 1 && n <= 20, 'a whole number from 1 to 20'),
    recentWeight: num('recent-weight', 0.8, (n) => n >= 0 && n <= 1, 'a share from 0 to 1'),
    recentDays: num('recent-days', 14, (n) => Number.isInteger(n) && n >= 7, 'a whole number of days >= 7'),
    json: opt('json'),
  };
}

const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)}%`;

/** The comparison table, one row per policy (Markdown, so it can go into the README as it is). */
export function formatTable(r: SimulationResult): string {
  const head = ['policy', 'link score', '% of hindsight', 'placed', 'stranded', 'stranded, hindsight places', 'tie holders placed', 'max region dev.', 'placed gap size / origin / gender / age', 'score gap size / origin', 'time'];
  const row = (m: PolicyMetrics) => [
    m.policy,
    m.objective.toFixed(1),
    pct(m.ofHindsight),
    String(m.placed),
    m.policy === 'hindsight' ? '–' : String(m.stranded),
    m.policy === 'hindsight' ? '–' : String(m.strandedHindsightPlaces),
    `${m.tieHoldersPlaced}/${m.tieHolders}`,
    `${(100 * m.maxRegionDeviation).toFixed(2)} pt`,
    [m.placedGap.size, m.placedGap.origin, m.placedGap.gender, m.placedGap.ageBand].map((x) => pct(x, 1)).join(' / '),
    [m.scoreGap.size, m.scoreGap.origin].map((x) => x.toFixed(3)).join(' / '),
    `${(m.runtimeMs / 1000).toFixed(1)} s`,
  ];
  const lines = [head, head.map(() => '---'), ...r.metrics.map(row)].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const a = parseSimulateArgs(process.argv.slice(2));
  const t0 = performance.now();
  let stream: ArrivalStream;
  if (a.jsonl) stream = parseStreamJsonl(readFileSync(a.jsonl, 'utf8'));
  else {
    stream = syntheticStream(
      loadMunicipalities().map((m) => ({ code: m.code, regionCode: m.regionCode, population: m.population, centroid: m.centroid })),
      { seed: a.seed, households: a.households, tightness: a.tightness, tieShare: a.tieShare, wave: a.wave },
    );
  }
  if (a.writeJsonl) writeFileSync(a.writeJsonl, streamToJsonl(stream));
  const persons = stream.households.reduce((s, h) => s + h.persons, 0);
  const capacity = stream.municipalities.reduce((s, m) => s + m.capacity, 0);
  console.log(
    `stream: ${stream.households.length} households, ${persons} persons, ${stream.households.filter((h) => h.tieHolder).length} with a hard tie; ` +
      `${stream.municipalities.length} municipalities with ${capacity} places (${(capacity / persons).toFixed(3)} x persons); forecast from ${stream.history?.length ?? 0} earlier households` +
      (a.jsonl ? ` (${a.jsonl})` : ` (synthetic, seed ${a.seed})`),
  );
  const r = await simulate(stream, { repriceDays: a.repriceDays, repriceArrivals: a.repriceArrivals, samples: a.samples, seed: a.seed, recentWeight: a.recentWeight, recentDays: a.recentDays });
  // R11, R12: the shortage first, in the same words as a plan's (the synthetic stream's tie radius is 50 km).
  const shortage = describeShortage(r.shortage, a.jsonl ? {} : { tieRadiusKm: 50 });
  console.log(`shortage (nl): ${shortage.nl}\nshortage (en): ${shortage.en}`);
  console.log(`hindsight: ${r.hindsight.method}, objective ${r.hindsight.objective.toFixed(2)}, upper bound ${r.hindsight.upperBound.toFixed(2)} (gap ${pct(r.hindsight.gap, 3)})${r.hindsight.notes.length ? `; ${r.hindsight.notes.join('; ')}` : ''}`);
  console.log(formatTable(r));
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (a.json) writeFileSync(a.json, JSON.stringify({ args: a, shortage: r.shortage, hindsight: r.hindsight, metrics: r.metrics, persons: r.persons, capacity: r.capacity, runtimeMs: r.runtimeMs }, null, 2));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
