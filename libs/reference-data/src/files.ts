import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { gunzipSync } from 'zlib';
import { parse } from 'csv-parse/sync';

/** The data directory beside this library's source, found from source or from a build in dist/. */
function findDataDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'data'), join(dir, 'libs', 'reference-data', 'data')]) {
      if (existsSync(join(candidate, 'gemeenten_2025.csv'))) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`reference data not found above ${__dirname}`);
  }
}

/**
 * Where the shipped data files live. They travel with the project (see NOTICE); nothing
 * here reads ../shared or the network.
 */
export const REFERENCE_DATA_DIR = findDataDir();

/** The bytes of a shipped file, gunzipped when its name ends in `.gz`. */
export function readDataFile(relativePath: string): Buffer {
  const raw = readFileSync(join(REFERENCE_DATA_DIR, relativePath));
  return relativePath.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Parses a shipped CSV file (header row, RFC 4180 quoting) into records keyed by column. */
export function readCsv(relativePath: string): Record<string, string>[] {
  return parse(readDataFile(relativePath), { columns: true, skip_empty_lines: true, trim: false });
}
