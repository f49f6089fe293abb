import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { parse } from 'csv-parse/sync';

/**
 * Where the shipped data files live. They travel with the package (see NOTICE); nothing
 * here reads ../shared or the network.
 */
export const REFERENCE_DATA_DIR = join(__dirname, '..', 'data');

/** The bytes of a shipped file, gunzipped when its name ends in `.gz`. */
export function readDataFile(relativePath: string): Buffer {
  const raw = readFileSync(join(REFERENCE_DATA_DIR, relativePath));
  return relativePath.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Parses a shipped CSV file (header row, RFC 4180 quoting) into records keyed by column. */
export function readCsv(relativePath: string): Record<string, string>[] {
  return parse(readDataFile(relativePath), { columns: true, skip_empty_lines: true, trim: false });
}
