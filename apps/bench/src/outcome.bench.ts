/**
 * The outcome model's fit (issue 18, item 7): 100,000 synthetic adults from `seed:history`
 * written to a CSV file in the temporary directory, then `model:fit`'s own path: read and check
 * the file, fit the ridge logistic regression, 5-fold cross-validation, the proxy audit and 50
 * bootstrap replicates. Prints the seconds of each step and the machine's load (the two cores
 * are shared). Figures only; the goal is ≤ 30 s for the fit.
 */
import * as os from 'os';
import * as path from 'path';
import { rmSync } from 'fs';
import { performance } from 'perf_hooks';
import { DEFAULT_GROUND_TRUTH } from '@kansrijk/outcome';
import { fitHistoryFile } from '../../cli/src/outcome/fit-history-file';
import { seedHistory } from '../../cli/src/seed-history';

const ROWS = 100_000;

export async function outcomeBench(): Promise<void> {
  const file = path.join(os.tmpdir(), `kansrijk-outcome-bench-${process.pid}.csv`);
  try {
    const t = performance.now();
    const seeded = seedHistory({ out: file, rows: ROWS, seed: 42, truth: DEFAULT_GROUND_TRUTH, proxy: null });
    console.log(`synthetic history: ${seeded.rows} adults written in ${((performance.now() - t) / 1000).toFixed(1)} s (true model's AUC ${seeded.trueAuc?.toFixed(4)})`);
    const stages: [string, number][] = [];
    let last = performance.now();
    let stage = 'cases read';
    const cpuBefore = process.cpuUsage();
    const { model, seconds } = fitHistoryFile({
      file,
      name: 'bench',
      onProgress: (s, share) => {
        if (share !== 0 || s === stage) return;
        const now = performance.now();
        stages.push([stage, (now - last) / 1000]);
        stage = s;
        last = now;
      },
    });
    stages.push([stage, (performance.now() - last) / 1000]);
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`read and check the file: ${seconds.read.toFixed(1)} s`);
    console.log(`fit ${model.training.rows} adults (${model.terms.length} terms, ${model.metrics.folds}-fold CV, proxy audit, ${model.bootstrap.replicates} bootstrap replicates): ${seconds.fit.toFixed(1)} s (goal ≤ 30 s: ${seconds.fit <= 30 ? 'met' : 'MISSED'})`);
    console.log(`  by step: ${stages.map(([s, x]) => `${s} ${x.toFixed(1)} s`).join(', ')}`);
    console.log(`  cross-validated AUC ${model.metrics.overall.auc?.toFixed(4)}, largest decile error ${model.metrics.overall.maxCalibrationError.toFixed(4)}`);
    console.log(`  CPU time of read and fit ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (wall time above; the cores are shared); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
    rmSync(file, { force: true });
    rmSync(`${file}.truth.json`, { force: true });
  }
}
