/**
 * `npm run migration:run` applies pending migrations; `npm run migration:generate -- Name`
 * writes a migration with the difference between the entities and the database (after
 * applying pending ones). Both work on the embedded database (DATA_DIR) or, with
 * DATABASE_URL set, on that server.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { openDatabaseTarget, redactUrl } from '../../api/src/database/database-target';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'api', 'src', 'database', 'migrations');

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'run' && command !== 'generate') {
    console.error('usage: migration run | migration generate <Name>');
    process.exit(2);
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    console.error('migration generate needs a PascalCase name, e.g. `npm run migration:generate -- AddVacancyIndex`');
    process.exit(2);
  }
  const env = loadEnvironment();
  const target = await openDatabaseTarget(env);
  console.log(`database: ${target.kind} at ${redactUrl(target.url)}`);
  const ds = new DataSource(dataSourceOptions({ url: target.url, poolMax: 1, logging: true }));
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(applied.length === 0 ? 'no pending migrations' : `applied: ${applied.map((m) => m.name).join(', ')}`);
    if (command === 'generate') generate(await ds.driver.createSchemaBuilder().log(), name);
  } finally {
    await ds.destroy();
    await target.stop();
  }
}

function generate(sql: { upQueries: { query: string; parameters?: unknown[] }[]; downQueries: { query: string; parameters?: unknown[] }[] }, name: string): void {
  if (sql.upQueries.length === 0) {
    console.log('entities and database agree: nothing to generate');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const quote = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const line = (q: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
  const text = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(line).join('\n')}
  }
}
`;
  const file = `${timestamp}-${name}`;
  writeFileSync(join(MIGRATIONS_DIR, `${file}.ts`), text);
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const current = readFileSync(indexPath, 'utf8');
  const lastImport = current.lastIndexOf('\nimport ') + 1;
  const afterImports = current.indexOf('\n', current.indexOf(';', lastImport)) + 1;
  const index = `${current.slice(0, afterImports)}import { ${className} } from './${file}';\n${current.slice(afterImports)}`.replace(/= \[([^\]]*)\];/, (_m, list: string) => `= [${list.trim() ? `${list.trim().replace(/,$/, '')}, ` : ''}${className}];`);
  writeFileSync(indexPath, index);
  console.log(`wrote migrations/${file}.ts (${sql.upQueries.length} statements) and registered it in migrations/index.ts`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
