/**
 * A PGlite served by PGliteWireServer in a process of its own, for the wire server's tests
 * (PGlite's WASM cannot be loaded inside a jest worker). Prints `URL <url>` when listening.
 * WIRE_IDLE_MS sets the idle-in-session timeout; a unit whose bytes contain the comment
 * "inject-failure" (in SQL comment marks) throws inside PGlite's call, as a WASM abort would.
 */
import { PGliteWireServer } from '../../../apps/api/src/database/wire/pglite-wire-server';

async function main(): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const original = db.execProtocolRawStream.bind(db);
  const marker = Buffer.from('/* inject-failure */');
  db.execProtocolRawStream = async (message, options) => {
    if (Buffer.from(message.buffer, message.byteOffset, message.byteLength).includes(marker)) throw new Error('injected failure');
    return original(message, options);
  };
  const server = new PGliteWireServer({
    db,
    idleInSessionTimeoutMs: Number(process.env.WIRE_IDLE_MS ?? 60_000),
    log: (level, message) => process.stderr.write(`${level}: ${message}\n`),
  });
  await server.start();
  process.stdout.write(`URL postgres://postgres@${server.getServerConn()}/postgres\n`);
  process.on('SIGTERM', () => void server.stop().then(() => db.close()).then(() => process.exit(0)));
}

void main();
