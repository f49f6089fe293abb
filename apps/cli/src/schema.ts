/**
 * `npm run schema:generate` writes apps/api/schema.gql; `npm run schema:check` fails when
 * the committed file differs from what the code produces.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync, existsSync } from 'fs';
import { buildSchemaWithoutDatabase, SCHEMA_FILE, schemaFileText } from '../../api/src/schema-file';

async function main(): Promise<void> {
  const mode = process.argv[2];
  const text = schemaFileText(await buildSchemaWithoutDatabase());
  if (mode === 'generate') {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
    return;
  }
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed !== text) {
    console.error('apps/api/schema.gql is stale: run `npm run schema:generate` and commit the result.');
    process.exit(1);
  }
  console.log('apps/api/schema.gql is current');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
