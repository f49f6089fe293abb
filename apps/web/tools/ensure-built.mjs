#!/usr/bin/env node
// Builds the web app (operation types, then the Vite bundle) when apps/web/dist is missing or
// was built from other sources: run by `npm install` (postinstall) and before `npm start`, so a
// fresh clone serves the app with the two documented commands and a pull that changes the app
// rebuilds it. `--force` always builds (npm run build:web). Unchanged sources cost one hash of
// the inputs (tens of milliseconds).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const web = join(root, 'apps', 'web');
const dist = join(web, 'dist');
const stampFile = join(dist, '.build-hash');
const force = process.argv.includes('--force');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p === join(web, 'src', 'gql') ? [] : files(p);
    return [p];
  });
}

const inputs = [
  ...files(join(web, 'src')),
  ...['index.html', 'graphiql.html', 'vite.config.mts', 'codegen.ts', 'tsconfig.json'].map((f) => join(web, f)),
  join(root, 'apps', 'api', 'schema.gql'),
  join(root, 'package-lock.json'),
  join(root, 'libs', 'reference-data', 'data', 'gemeenten_2025_rd.geojson.gz'),
]
  .filter((f) => existsSync(f) && statSync(f).isFile())
  .sort();
const hash = createHash('sha256');
// Always a production bundle (see `run` below); part of the hash so a bundle built before that rule was kept is rebuilt.
hash.update('bundle: production\0');
for (const f of inputs) hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
const digest = hash.digest('hex');

const current = existsSync(stampFile) && existsSync(join(dist, 'index.html')) ? readFileSync(stampFile, 'utf8').trim() : null;
if (!force && current === digest) process.exit(0);
if (process.env.KANSRIJK_SKIP_WEB_BUILD === '1') {
  console.warn('web app: not built (KANSRIJK_SKIP_WEB_BUILD=1)');
  process.exit(0);
}
const bin = (p) => join(root, 'node_modules', p);
if (!existsSync(bin('vite/bin/vite.js')) || !existsSync(bin('@graphql-codegen/cli/esm/bin.js'))) {
  // An install without devDependencies: the API runs, / says how to build the app.
  console.warn('web app: not built (vite or graphql-codegen is not installed; run npm install)');
  process.exit(0);
}
const started = performance.now();
console.log(current ? 'web app: sources changed, building…' : 'web app: building…');
// NODE_ENV=production whatever the caller's: Vite keeps a NODE_ENV it finds, and the browser tests
// run under Jest (NODE_ENV=test), which built React's development bundle (twice the size of the
// first screen's shared chunk, and slower) and left it for `npm start` to serve.
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run([bin('@graphql-codegen/cli/esm/bin.js'), '--config', 'apps/web/codegen.ts']);
run([bin('vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
writeFileSync(stampFile, `${digest}\n`);
console.log(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s (apps/web/dist)`);
