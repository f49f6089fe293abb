import { spawn } from 'child_process';
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connect } from 'net';
import { StartupServer } from './startup-server';

/** The port while the API starts: answers instead of refusing, and hands the port over without cutting off a request it took. */
describe('StartupServer', () => {
  it('answers live 200, ready 503 with the phase, and anything else 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    const s = await StartupServer.listen({ port: 0, host: '127.0.0.1' });
    s.setPhase('building the matching index');
    try {
      const base = `http://127.0.0.1:${s.port}`;
      const live = await fetch(`${base}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toContain('starting: building the matching index');
      const gql = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ about { version } }"}' });
      expect(gql.status).toBe(503);
      expect(gql.headers.get('retry-after')).toBe('5');
      expect(await gql.json()).toEqual({ errors: [{ message: 'The API is starting (building the matching index); retry in a few seconds', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    } finally {
      await s.close();
    }
  });

  it('a request it took before the hand-over still gets its 503, not a reset, and the port is free after close', async () => {
    const s = await StartupServer.listen({ port: 0, host: '127.0.0.1' });
    const port = s.port;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Let the server take the connection, then send a request and close in the same tick (as when
    // the API's boot held the event loop while the request waited).
    await new Promise((r) => setImmediate(r));
    let answer = '';
    const ended = new Promise<string>((resolve) => {
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', (err) => resolve(`error ${(err as NodeJS.ErrnoException).code}`));
      socket.on('close', () => resolve(answer));
    });
    const body = '{"query":"{ about { version } }"}';
    socket.write(`POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    const closed = s.close();
    expect(await ended).toMatch(/^HTTP\/1\.1 503 [\s\S]*The API is starting/);
    await closed;
    // The app can listen on the port now.
    const again = await StartupServer.listen({ port, host: '127.0.0.1' });
    await again.close();
  });

  it('a request still in the listen queue while the event loop is held gets its 503 too', async () => {
    const s = await StartupServer.listen({ port: 0, host: '127.0.0.1' });
    // Another process sends the request; this one holds its event loop meanwhile, as a boot does,
    // until the request has been written (the child says so in a file: read without the loop).
    const sent = join(mkdtempSync(join(tmpdir(), 'startup-')), 'sent');
    const client = spawn(process.execPath, [
      '-e',
      `const s = require('net').connect(${s.port}, '127.0.0.1', () => s.write('GET /graphql HTTP/1.1\\r\\nhost: x\\r\\n\\r\\n', () => require('fs').writeFileSync(${JSON.stringify(sent)}, '1')));
       let out = ''; s.on('data', (d) => (out += d)); s.on('error', (e) => { process.stdout.write('error ' + e.code); process.exit(0); }); s.on('close', () => process.stdout.write(out));`,
    ]);
    let out = '';
    client.stdout.on('data', (d) => (out += d.toString()));
    const exited = new Promise((resolve) => client.once('exit', resolve));
    const until = Date.now() + 20_000;
    while (!existsSync(sent) && Date.now() < until) {
      // held: the connection and its request wait in the kernel's queue
    }
    expect(existsSync(sent)).toBe(true);
    await s.close();
    await exited;
    expect(out).toMatch(/^HTTP\/1\.1 503 [\s\S]*The API is starting/);
  });
});
