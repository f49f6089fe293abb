import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { Pool } from 'pg';
import { rawConnect, RawConnection, wire } from '../helpers/wire/raw-client';

const ROOT = join(__dirname, '..', '..');

/** A PGlite behind PGliteWireServer in a child process (see wire-server-child.ts). */
async function startServer(env: Record<string, string> = {}): Promise<{ url: string; stderr: () => string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'test/helpers/wire/wire-server-child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s: ${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /URL (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  return {
    url,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('PGliteWireServer: one connection at a time in the single PGlite session', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const open: RawConnection[] = [];
  const connect = async () => {
    const c = await rawConnect(server.url);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startServer();
    const c = await connect();
    c.send(wire.query('CREATE TABLE item (id int PRIMARY KEY, tenant text NOT NULL)'));
    expect((await c.untilReady()).errors).toEqual([]);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.socket.destroy();
  });
  afterAll(() => server.stop());

  it('keeps an extended-protocol round whole when its messages arrive apart (pglite issue 1046)', async () => {
    const a = await connect();
    const b = await connect();
    // A's Parse and Bind arrive, then B's whole round, then A's Execute and Sync: with
    // pglite-socket, B's Parse replaced A's unnamed statement and A got B's answer or an error.
    a.send(wire.parse("SELECT 'tenant-a:' || $1::text AS v"), wire.bind(['a1']));
    await new Promise((r) => setTimeout(r, 50));
    b.send(wire.parse("SELECT 'tenant-b:' || $1::text || $2::text AS v"), wire.bind(['b1', 'x']), wire.execute(), wire.sync());
    const bAnswer = await b.untilReady();
    a.send(wire.execute(), wire.sync());
    const aAnswer = await a.untilReady();
    expect(bAnswer).toEqual({ rows: [['tenant-b:b1x']], errors: [], status: 'I' });
    expect(aAnswer).toEqual({ rows: [['tenant-a:a1']], errors: [], status: 'I' });
  });

  it('keeps the session for a round cut by a Flush until its Sync', async () => {
    const a = await connect();
    const b = await connect();
    a.send(wire.parse('SELECT $1::int + 1 AS v'), wire.bind(['41']), wire.execute(), wire.flush());
    await new Promise((r) => setTimeout(r, 50));
    b.send(wire.parse('SELECT $1::text AS v'), wire.bind(['b']), wire.execute(), wire.sync());
    expect(await b.answeredWithin(300)).toBe(false);
    a.send(wire.sync());
    expect(await a.untilReady()).toEqual({ rows: [['42']], errors: [], status: 'I' });
    expect(await b.untilReady()).toEqual({ rows: [['b']], errors: [], status: 'I' });
  });

  it("runs no other connection's work inside an open transaction, and rolls it back when its owner goes away", async () => {
    const a = await connect();
    const b = await connect();
    a.send(wire.query("BEGIN; INSERT INTO item VALUES (1, 'a')"));
    expect((await a.untilReady()).status).toBe('T');
    b.send(wire.query('SELECT count(*) FROM item'));
    // Inside A's transaction B would see A's uncommitted row: it must wait instead.
    expect(await b.answeredWithin(300)).toBe(false);
    a.send(wire.query('ROLLBACK'));
    expect((await a.untilReady()).status).toBe('I');
    expect(await b.untilReady()).toEqual({ rows: [['0']], errors: [], status: 'I' });

    const c = await connect();
    c.send(wire.query("BEGIN; INSERT INTO item VALUES (2, 'c')"));
    expect((await c.untilReady()).status).toBe('T');
    b.send(wire.query('SELECT count(*) FROM item'));
    c.socket.destroy();
    await c.closed;
    expect(await b.untilReady()).toEqual({ rows: [['0']], errors: [], status: 'I' });
  });

  it('ends a half-sent round of a connection that goes away, and serves the others', async () => {
    const a = await connect();
    const b = await connect();
    a.send(wire.parse('SELECT 1 AS v'), wire.bind([]), wire.execute(), wire.flush());
    await new Promise((r) => setTimeout(r, 50));
    b.send(wire.query("SELECT 'still here'"));
    a.socket.destroy();
    expect(await b.untilReady()).toEqual({ rows: [['still here']], errors: [], status: 'I' });
  });

  it('goes on serving after PGlite fails inside one unit (the old queue stopped for good)', async () => {
    const a = await connect();
    const b = await connect();
    a.send(wire.query('SELECT 1 /* inject-failure */'));
    await a.closed;
    b.send(wire.query('SELECT 2'));
    expect(await b.untilReady()).toEqual({ rows: [['2']], errors: [], status: 'I' });
    expect(server.stderr()).toMatch(/PGlite failed to run a unit \(injected failure\)/);
  });

  it('answers every concurrent pooled query with its own parameters, big ones included', async () => {
    const pool = new Pool({ connectionString: server.url, max: 8 });
    try {
      await pool.query(`INSERT INTO item SELECT g, CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END FROM generate_series(100, 299) g`);
      // Parameters of 300 kB arrive over several reads: the case where rounds were split.
      const big = 'x'.repeat(300_000);
      const wrong: string[] = [];
      const work = async (worker: number) => {
        for (let i = 0; i < 60; i++) {
          const kind = (worker + i) % 4;
          if (kind === 0) {
            const r = await pool.query('SELECT length($1::text) AS n, $2::int AS i', [big + worker, i]);
            if (r.rows[0].n !== big.length + String(worker).length || r.rows[0].i !== i) wrong.push(`big ${worker}/${i}`);
          } else if (kind === 1) {
            const tenant = worker % 2 === 0 ? 'a' : 'b';
            const r = await pool.query('SELECT tenant FROM item WHERE tenant = $1 AND id >= 100', [tenant]);
            if (r.rows.length !== 100 || r.rows.some((x) => x.tenant !== tenant)) wrong.push(`tenant ${worker}/${i}`);
          } else if (kind === 2) {
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query('INSERT INTO item VALUES ($1, $2)', [10_000 + worker * 100 + i, 'tx']);
              const r = await client.query('SELECT count(*)::int AS n FROM item WHERE id = $1', [10_000 + worker * 100 + i]);
              await client.query('ROLLBACK');
              if (r.rows[0].n !== 1) wrong.push(`tx ${worker}/${i}`);
            } finally {
              client.release();
            }
          } else {
            const r = await pool.query('SELECT $1::int AS w, $2::int AS i, $3::text AS t', [worker, i, `w${worker}`]);
            if (r.rows[0].w !== worker || r.rows[0].i !== i || r.rows[0].t !== `w${worker}`) wrong.push(`echo ${worker}/${i}`);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, w) => work(w)));
      expect(wrong).toEqual([]);
      const left = await pool.query(`SELECT count(*)::int AS n FROM item WHERE tenant = 'tx'`);
      expect(left.rows[0].n).toBe(0);
    } finally {
      await pool.end();
    }
  });
});

describe('PGliteWireServer: a connection that holds the session and goes quiet', () => {
  it('is closed after the idle timeout, its transaction rolled back, and the others go on', async () => {
    const server = await startServer({ WIRE_IDLE_MS: '400' });
    try {
      const a = await rawConnect(server.url);
      const b = await rawConnect(server.url);
      a.send(wire.query('BEGIN; CREATE TABLE left_open (x int)'));
      expect((await a.untilReady()).status).toBe('T');
      b.send(wire.query("SELECT count(*) FROM pg_tables WHERE tablename = 'left_open'"));
      expect(await b.untilReady(5000)).toEqual({ rows: [['0']], errors: [], status: 'I' });
      await a.closed;
      expect(server.stderr()).toMatch(/held the database for 400 ms/);
      b.socket.destroy();
    } finally {
      await server.stop();
    }
  });
});
