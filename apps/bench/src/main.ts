/**
 * Benchmark runner: `npm run bench` runs every benchmark but the long ones (onRequestOnly),
 * `npm run bench -- scoring placement` runs the named ones. Benchmarks print figures; they never fail on timing.
 */
import * as os from 'os';
import { benches, onRequestOnly } from './registry';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(benches).filter((n) => !onRequestOnly.has(n));
  const unknown = names.filter((n) => !(n in benches));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  console.log(`# Kansrijk benchmarks: node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
  for (const name of names) {
    console.log(`\n## ${name}`);
    await benches[name]();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
