/**
 * `npm run model:fit -- history.csv --out model.json [--name NAME] [--features a,b,a*b]
 *   [--target employed24|employed12] [--l2 1] [--folds 5] [--bootstrap 50] [--seed 1]
 *   [--min-group 100] [--proxy-threshold 0.7] [--labour-demand uwv.csv]`
 *
 * Fits the outcome model from a history of links (format in README "Outcome model"), prints its
 * honesty report and writes the versioned model file (the report is stored in it). A bad row
 * refuses the whole file; a feature naming a protected attribute is refused (R17).
 */
import { writeFileSync } from 'fs';
import { basename } from 'path';
import { OutcomeInputError } from '@kansrijk/outcome';
import { fitHistoryFile, HistoryFileError, type FitHistoryFileOptions } from './outcome/fit-history-file';
import { honestyReport } from './outcome/honesty-report';

const USAGE =
  'usage: npm run model:fit -- <history.csv|history.jsonl> --out model.json [--name NAME] [--features a,b,a*b] [--target employed24|employed12] [--l2 1] [--folds 5] [--bootstrap 50] [--seed 1] [--min-group 100] [--proxy-threshold 0.7] [--labour-demand file.csv]';

function args(argv: string[]): FitHistoryFileOptions & { out: string } {
  const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string) => {
    const v = opt(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name}: "${v}" is not a number`);
    return n;
  };
  const out = opt('out');
  if (!file || !out) throw new Error(USAGE);
  const target = opt('target');
  if (target !== undefined && target !== 'employed24' && target !== 'employed12') throw new Error('--target must be employed24 or employed12');
  return {
    file,
    out,
    name: opt('name') ?? basename(out).replace(/\.json$/i, '').replace(/[^a-z0-9._-]/gi, '-'),
    features: opt('features')?.split(',').map((s) => s.trim()).filter(Boolean),
    target,
    l2: number('l2'),
    folds: number('folds'),
    bootstrap: number('bootstrap'),
    seed: number('seed'),
    minGroupSize: number('min-group'),
    proxyThreshold: number('proxy-threshold'),
    labourDemandFile: opt('labour-demand'),
  };
}

function main(): number {
  let o;
  try {
    o = args(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  try {
    const { model, seconds } = fitHistoryFile(o);
    writeFileSync(o.out, JSON.stringify(model, null, 1) + '\n');
    console.log(honestyReport(model));
    console.log(`\nread and checked in ${seconds.read.toFixed(1)} s, fitted (with cross-validation, proxy audit and bootstrap) in ${seconds.fit.toFixed(1)} s`);
    console.log(`model ${model.version} written to ${o.out}`);
    return 0;
  } catch (err) {
    if (err instanceof HistoryFileError || err instanceof OutcomeInputError) {
      console.error(`model:fit refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exit(main());
