import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { Server as NetServer } from 'net';

/**
 * The API's port while the API starts (the embedded database opening, migrations, reference
 * data, the matching index: seconds to tens of seconds), so a probe gets an answer rather than
 * a refused connection: `/health/live` 200, `/health/ready` 503 naming what is under way, and
 * anything else 503 SERVICE_UNAVAILABLE with Retry-After. The bodies have the shape of the
 * app's own health answers (Terminus's). Every answer closes its connection, so no client
 * keeps a socket to this server; `close()` hands the port back for the app to listen on.
 */
export class StartupServer {
  private phase: () => string = () => 'starting';
  private readonly since = performance.now();
  private readonly server: Server = createServer((req, res) => this.answer(req, res));
  private boundPort = 0;

  private constructor() {}

  /** Listens on `host`:`port` (0 = any free port). */
  static async listen(opts: { port: number; host: string }): Promise<StartupServer> {
    const self = new StartupServer();
    await new Promise<void>((resolve, reject) => {
      self.server.once('error', reject);
      self.server.listen(opts.port, opts.host, () => {
        self.server.off('error', reject);
        resolve();
      });
    });
    self.boundPort = (self.server.address() as { port: number }).port;
    return self;
  }

  /** The port it listens on (the one asked for, or the free one it got). */
  get port(): number {
    return this.boundPort;
  }

  /** What the API is doing now, as readiness reports it (a function: read at each probe). */
  setPhase(phase: string | (() => string)): void {
    this.phase = typeof phase === 'string' ? () => phase : phase;
  }

  /**
   * Stops listening, so the app can take the port. A request that came while the boot held the
   * event loop (say a `npm run whatif` started right after `npm start`) still gets its 503 with the
   * reason instead of a reset connection: the connections waiting in the listen queue are taken
   * first, and those taken are answered later, after the port is handed over (each answer closes
   * its connection). A connection still open 10 s on is cut: long enough that a loop held again
   * by the rest of the boot does not run this timer before the request is read.
   */
  async close(): Promise<void> {
    // Two turns: the first check phase may come before this turn's poll, the second comes after a
    // poll, which accepts whatever waits in the listen queue.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    const late = setTimeout(() => this.server.closeAllConnections(), 10_000);
    late.unref();
    // net's close, not http's: http's also drops the connections it deems idle, among them one
    // taken whose request has not been read yet.
    NetServer.prototype.close.call(this.server, () => clearTimeout(late));
    // The listening socket is released at the end of this turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0].replace(/\/$/, '');
    const phase = this.phase();
    const startup = { status: 'down', reason: `starting: ${phase}`, seconds: Math.round((performance.now() - this.since) / 1000) };
    res.setHeader('connection', 'close');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (path === '/health/live') {
      const up = { ...startup, status: 'up' };
      res.statusCode = 200;
      res.end(JSON.stringify({ status: 'ok', info: { startup: up }, error: {}, details: { startup: up } }));
      return;
    }
    res.statusCode = 503;
    res.setHeader('retry-after', '5');
    if (path === '/health/ready') {
      res.end(JSON.stringify({ status: 'error', info: {}, error: { startup }, details: { startup } }));
      return;
    }
    res.end(JSON.stringify({ errors: [{ message: `The API is starting (${phase}); retry in a few seconds`, extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
  }
}
