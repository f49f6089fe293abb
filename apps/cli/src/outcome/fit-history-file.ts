import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { fitOutcomeModel, type FitOutcomeOptions, type OutcomeModelFile } from '@kansrijk/outcome';
import { loadLabourDemandSample, loadMunicipalities, type LabourDemandRecord } from '@kansrijk/reference-data';
import { parseHistory } from './history-file';

/** What `model:fit` does, for the command and the benchmark: read, check, fit, time. */
export interface FitHistoryFileOptions extends Omit<FitOutcomeOptions, 'createdAt' | 'dataHash' | 'notes'> {
  file: string;
  /** A labour-demand file (region_code, isco_group, tension) for rows without a tension; the shipped illustrative sample otherwise. */
  labourDemandFile?: string;
}

export class HistoryFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the history has ${problems.length} bad row(s); nothing was fitted:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`);
  }
}

function readLabourDemand(file: string): LabourDemandRecord[] {
  const rows = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const header = rows[0].split(',').map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  if (at('region_code') < 0 || at('isco_group') < 0 || at('tension') < 0) throw new HistoryFileError([`${file}: needs the columns region_code, isco_group, tension`]);
  return rows.slice(1).map((l, i) => {
    const c = l.split(',');
    const tension = Number(c[at('tension')]);
    if (!Number.isFinite(tension) || tension < 0) throw new HistoryFileError([`${file} line ${i + 2}: tension "${c[at('tension')]}" is not a number >= 0`]);
    return { regionCode: c[at('region_code')].trim(), iscoGroup: c[at('isco_group')].trim(), tension, label: null };
  });
}

/** Reads and checks a history file, fits the model, and returns it with the seconds each step took. */
export function fitHistoryFile(o: FitHistoryFileOptions): { model: OutcomeModelFile; seconds: { read: number; fit: number } } {
  const t0 = performance.now();
  const bytes = readFileSync(o.file);
  const format = /\.(jsonl|ndjson)$/i.test(o.file) ? 'jsonl' : 'csv';
  const labourDemand = o.labourDemandFile ? readLabourDemand(o.labourDemandFile) : loadLabourDemandSample();
  const parsed = parseHistory({ text: bytes.toString('utf8'), format, municipalities: loadMunicipalities(), labourDemand });
  if (parsed.errors.length) throw new HistoryFileError(parsed.errors);
  const notes: string[] = [];
  if (parsed.tensionLookedUp > 0) {
    notes.push(
      `${parsed.tensionLookedUp} row(s) had no labour_demand_tension: looked up in ${o.labourDemandFile ? `"${o.labourDemandFile}"` : 'the shipped ILLUSTRATIVE sample (not UWV data)'} for the municipality's region and the person's occupations`,
    );
  }
  const t1 = performance.now();
  const model = fitOutcomeModel(parsed.records, {
    ...o,
    createdAt: new Date().toISOString(),
    dataHash: createHash('sha256').update(bytes).digest('hex'),
    notes,
  });
  const t2 = performance.now();
  model.training.fitSeconds = (t2 - t1) / 1000;
  return { model, seconds: { read: (t1 - t0) / 1000, fit: (t2 - t1) / 1000 } };
}
