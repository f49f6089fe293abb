/**
 * `npm run keys -- create --role PLATFORM --tenant refugeework [--label "..."] [--expires 2027-12-31]`
 * `npm run keys -- revoke <id>`
 * `npm run keys -- list`
 *
 * Manages API keys on the embedded database (DATA_DIR; stop the API first, or point
 * DATABASE_URL at the URL it prints) or on the server in DATABASE_URL, with the same
 * rules and audit entries (key.created, key.revoked) as the admin mutations. The key is
 * printed once and never stored.
 */
import 'reflect-metadata';
import { userInfo } from 'os';
import { DataSource } from 'typeorm';
import { Role } from '../../api/src/common/auth/role';
import { BadUserInputError, DomainError } from '../../api/src/common/errors/domain-errors';
import { loadEnvironment } from '../../api/src/config/environment';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { openDatabaseTarget } from '../../api/src/database/database-target';
import { AuditService } from '../../api/src/modules/audit/audit.service';
import { ApiKeyAdminService, KeyChangeOrigin } from '../../api/src/modules/auth/api-key-admin.service';
import { ApiKeyService } from '../../api/src/modules/auth/api-key.service';
import { toApiKey } from '../../api/src/modules/auth/models/api-key.model';

const USAGE = `usage:
  npm run keys -- create --role ADMIN|ADVISER|PLATFORM|EVALUATOR [--tenant slug] [--label text] [--expires YYYY-MM-DD]
  npm run keys -- revoke <id>
  npm run keys -- list`;

class UsageError extends Error {}

type Command = { kind: 'create'; role: Role; tenant: string | null; label: string; expiresAt?: Date } | { kind: 'revoke'; id: string } | { kind: 'list' };

/** Parses the command line; throws UsageError with a sentence for the operator. */
export function parseKeysArgs(argv: string[], now: Date): Command {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i].startsWith('--')) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${rest[i]} needs a value`);
      options.set(rest[i].slice(2), value);
      i++;
    } else positional.push(rest[i]);
  }
  const allow = (...names: string[]) => {
    const unknown = [...options.keys()].filter((k) => !names.includes(k));
    if (unknown.length) throw new UsageError(`unknown option --${unknown[0]}`);
  };
  if (command === 'create') {
    allow('role', 'tenant', 'label', 'expires');
    const role = options.get('role')?.toUpperCase();
    if (!role) throw new UsageError('create needs --role');
    const expires = options.get('expires');
    let expiresAt: Date | undefined;
    if (expires !== undefined) {
      // A date means "valid through that day" (UTC); a full ISO date-time is taken as is.
      expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(expires) ? new Date(`${expires}T23:59:59.999Z`) : new Date(expires);
      if (Number.isNaN(expiresAt.getTime())) throw new UsageError(`--expires "${expires}" is not a date (YYYY-MM-DD)`);
    }
    return {
      kind: 'create',
      role: role as Role,
      tenant: options.get('tenant') ?? null,
      label: options.get('label') ?? `created with npm run keys on ${now.toISOString().slice(0, 10)}`,
      expiresAt,
    };
  }
  if (command === 'revoke') {
    allow();
    if (positional.length !== 1) throw new UsageError('revoke needs the id of one key (see npm run keys -- list)');
    return { kind: 'revoke', id: positional[0] };
  }
  if (command === 'list') {
    allow();
    return { kind: 'list' };
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is needed');
}

function operator(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

async function run(command: Command, ds: DataSource, now: Date): Promise<void> {
  const admin = new ApiKeyAdminService(ds, new ApiKeyService(ds), new AuditService(ds));
  const origin: KeyChangeOrigin = { via: 'cli', operator: operator() };
  if (command.kind === 'create') {
    const flag = (f: string) => `--${f === 'expiresAt' ? 'expires' : f}`;
    const { key, entity } = await admin.create(null, command, now, origin, flag);
    const k = toApiKey(entity, now);
    console.log(`created ${k.role} key${k.tenant ? ` for tenant ${k.tenant}` : ''}: id ${k.id}, prefix ${k.prefix}, expires ${k.expiresAt?.toISOString() ?? 'never'}`);
    console.log(`The key is shown only now; keep it safe:\n\n    ${key}\n`);
  } else if (command.kind === 'revoke') {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(command.id)) throw new UsageError(`"${command.id}" is not a key id (a uuid; see npm run keys -- list)`);
    const k = toApiKey(await admin.revoke(null, command.id, now, origin), now);
    console.log(`revoked ${k.role} key ${k.id} (prefix ${k.prefix}${k.tenant ? `, tenant ${k.tenant}` : ''}) at ${k.revokedAt!.toISOString()}`);
    console.log('A running API stops accepting it within 5 seconds.');
  } else {
    const { items } = await admin.list(0, 100_000);
    const rows = items.map((e) => toApiKey(e, now));
    const table = [
      ['id', 'prefix', 'role', 'tenant', 'status', 'created', 'expires', 'label'],
      ...rows.map((k) => [k.id, k.prefix, k.role, k.tenant ?? '-', k.status, k.createdAt.toISOString().slice(0, 10), k.expiresAt?.toISOString().slice(0, 10) ?? 'never', k.label]),
    ];
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const r of table) console.log(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '));
    console.log(`${rows.length} key${rows.length === 1 ? '' : 's'}`);
  }
}

async function main(): Promise<void> {
  const now = new Date();
  let command: Command;
  try {
    command = parseKeysArgs(process.argv.slice(2), now);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const target = await openDatabaseTarget(loadEnvironment());
  const ds = new DataSource(dataSourceOptions({ url: target.url, poolMax: 1 }));
  let code = 0;
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' }); // a fresh database works too
    await run(command, ds, now);
  } catch (err) {
    if (err instanceof BadUserInputError) {
      console.error(err.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
      code = 2;
    } else if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      code = 2;
    } else if (err instanceof DomainError) {
      console.error(err.message);
      code = 1;
    } else throw err;
  } finally {
    await ds.destroy();
    await target.stop();
  }
  process.exit(code);
}

main().catch((err) => {
  console.error(`keys failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
