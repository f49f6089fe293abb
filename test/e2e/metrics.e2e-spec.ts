import { Role } from '../../apps/api/src/common/auth/role';
import { JobQueue } from '../../apps/api/src/modules/jobs/job-queue';
import { MatchingService } from '../../apps/api/src/modules/matching/matching.service';
import { startTestApp, TestApp } from '../helpers/test-app';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a comment (`# HELP`,
 * `# TYPE` with a known type) or a sample `name{label="value",...} number`; a sample's metric
 * (less _bucket/_sum/_count) has a TYPE line before it. Throws on anything else. NaN in any
 * case, as Prometheus reads it (Go's ParseFloat): prom-client writes an event-loop lag of no
 * samples yet as `Nan`.
 */
function parseExposition(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      types.set(m[1], m[2]);
    } else if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) {
      continue;
    } else if ((m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)(?: -?\d+)?$/.exec(line))) {
      const base = m[1].replace(/_(bucket|sum|count|total|created)$/, '');
      if (!types.has(m[1]) && !types.has(base)) throw new Error(`sample without a TYPE: ${line}`);
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      samples.push({ name: m[1], labels, value: Number(m[3].replace('+Inf', 'Infinity')) });
    } else {
      throw new Error(`not Prometheus text format: ${line}`);
    }
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

/** Prometheus metrics at /metrics (issue 13 item 7). */
describe('metrics', () => {
  let t: TestApp;
  let base: string;
  const scrape = async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  };

  beforeAll(async () => {
    // A limit of 3 requests a minute: probes and scrapes must not use it up.
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3', JOBS_ENABLED: 'false' });
    base = t.url.replace(/\/graphql$/, '');
  });
  afterAll(() => t.close());

  it('parses, and counts a request by operation and outcome with its duration', async () => {
    const before = await scrape();
    const key = await t.key(Role.ADMIN);
    expect((await t.gql(`{ about { version } }`, {}, key)).errors).toBeUndefined();
    expect((await t.gql(`{ apiKeys(take: 1) { total } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('kansrijk_requests_total', { operation: 'about', outcome: 'ok' })).toBe(1);
    expect(delta('kansrijk_request_duration_seconds_count', { operation: 'about', outcome: 'ok' })).toBe(1);
    expect(delta('kansrijk_request_duration_seconds_sum', { operation: 'about', outcome: 'ok' })).toBeGreaterThan(0);
    expect(delta('kansrijk_request_duration_seconds_bucket', { operation: 'about', outcome: 'ok', le: '+Inf' })).toBe(1);
    expect(delta('kansrijk_requests_total', { operation: 'apiKeys', outcome: 'UNAUTHENTICATED' })).toBe(1);
    // Scrapes are not GraphQL requests: nothing else was counted.
    expect(delta('kansrijk_requests_total', {})).toBe(2);
  });

  it('shows the index size, the job queue depth, the key cache and the process memory', async () => {
    const samples = await scrape();
    const size = (await t.app.get(MatchingService).matchingIndex()).size;
    expect(value(samples, 'kansrijk_matching_index_records', { kind: 'vacancies' })).toBe(size.vacancies);
    expect(value(samples, 'kansrijk_matching_index_records', { kind: 'candidates' })).toBe(size.candidates);
    expect(value(samples, 'kansrijk_matching_index_ready')).toBe(1);
    const queued = (await t.dataSource.query(`SELECT count(*)::int AS n FROM job WHERE status = 'QUEUED' AND kind = 'placement'`))[0].n;
    expect(value(samples, 'kansrijk_job_queue_depth', { kind: 'placement' })).toBe(queued);
    // This app runs no jobs (JOBS_ENABLED=false): what is queued stays queued.
    for (let i = 0; i < 3; i++) await t.app.get(JobQueue).enqueue({ kind: 'placement', input: {}, createdBy: null });
    expect(value(await scrape(), 'kansrijk_job_queue_depth', { kind: 'placement' })).toBe(queued + 3);
    expect(value(samples, 'kansrijk_jobs_running', { kind: 'scenario' })).toBe(0);
    expect(samples.some((s) => s.name === 'kansrijk_verified_key_cache_entries')).toBe(true);
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes', 'kansrijk_process_array_buffers_bytes']) {
      expect(value(samples, name)).toBeGreaterThan(0);
    }
  });

  it('serves probes and scrapes without a key and without counting them against the rate limit', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
    }
    // Had the 30 calls above counted, this IP (3 requests a minute) would be refused at once.
    const statuses: number[] = [];
    while (statuses.length < 6 && !statuses.includes(429)) {
      statuses.push((await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ about { version } }"}' })).status);
    }
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(3);
    expect(value(await scrape(), 'kansrijk_requests_total', { operation: 'none', outcome: 'RATE_LIMITED' })).toBe(1);
  });
});
