// A fresh embedded database (PGlite over the wire protocol), migrated and holding the reference
// data, in its own process: `node -r @swc-node/register test/browser/embedded-database.ts`
// prints `READY <url>` and serves until SIGTERM. PGlite's dynamic import does not run inside a
// jest worker (see stack notes), so the browser tests start it this way.
import { PGliteWireServer } from '../../apps/api/src/database/wire/pglite-wire-server';
import { prepareDatabase } from '../setup/prepare-database';

async function main(): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const server = new PGliteWireServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  await prepareDatabase(url);
  process.stdout.write(`READY ${url}\n`);
  const stop = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
