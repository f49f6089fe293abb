import type { OutcomeModelFile } from '@kansrijk/outcome';

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/**
 * The honesty report of a fitted model as plain text: what it learnt from, its cross-validated
 * AUC, Brier score and calibration by deciles, overall and per group, the largest calibration
 * gap between groups, the proxy audit, and the coefficients with their standard errors.
 */
export function honestyReport(m: OutcomeModelFile): string {
  const t = m.training;
  const o = m.metrics.overall;
  const lines: string[] = [];
  lines.push(`Outcome model ${m.version} (${m.modelKind}, target ${m.target}, ridge λ ${m.l2})`);
  if (t.synthetic) lines.push('  SYNTHETIC HISTORY: this model was fitted on generated data and says nothing about real people.');
  lines.push(`  trained on ${t.rows} adults linked ${t.linkedFrom} to ${t.linkedTo}; ${t.positives} (${pct(t.positives / t.rows)}) in work; ${t.skippedMissingOutcome} rows without ${m.target} left out`);
  lines.push(`  data sha256 ${t.dataHash}; ${t.iterations} Newton iterations, ${t.converged ? 'converged' : 'NOT converged'}${t.fitSeconds !== undefined ? `; fitted in ${t.fitSeconds.toFixed(1)} s` : ''}`);
  for (const n of t.notes) lines.push(`  note: ${n}`);
  lines.push('');
  lines.push(`Honesty of the fit (${m.metrics.folds}-fold cross-validation, every figure out of fold)`);
  lines.push(`  AUC ${f3(o.auc)}   Brier ${f3(o.brier)}   mean predicted ${pct(o.meanPredicted)}   observed ${pct(o.observed)}   largest decile error ${f3(o.maxCalibrationError)}`);
  lines.push('  calibration by decile (predicted → observed):');
  lines.push(`    ${o.calibration.map((b) => `${pct(b.meanPredicted)}→${pct(b.observed)}`).join('  ')}`);
  lines.push(`  by group (groups under ${m.metrics.minGroupSize} adults pooled as "other"):`);
  lines.push(`    ${'dimension'.padEnd(10)}${'group'.padEnd(10)}${'adults'.padStart(8)}${'AUC'.padStart(8)}${'Brier'.padStart(8)}${'predicted'.padStart(11)}${'observed'.padStart(10)}${'gap'.padStart(9)}${'worst decile'.padStart(14)}`);
  for (const g of m.metrics.groups) {
    lines.push(
      `    ${g.dimension.padEnd(10)}${g.group.padEnd(10)}${String(g.metrics.rows).padStart(8)}${f3(g.metrics.auc).padStart(8)}${f3(g.metrics.brier).padStart(8)}${pct(g.metrics.meanPredicted).padStart(11)}${pct(g.metrics.observed).padStart(10)}${signed(g.calibrationGap).padStart(9)}${f3(g.metrics.maxCalibrationError).padStart(14)}`,
    );
  }
  const gap = m.metrics.largestGroupGap;
  lines.push(
    gap
      ? `  largest calibration gap between groups: ${gap.dimension} ${gap.under.group} (${signed(gap.under.gap)}, under-predicted) vs ${gap.over.group} (${signed(gap.over.gap)}, over-predicted): ${gap.difference.toFixed(3)}`
      : '  largest calibration gap between groups: none (fewer than two groups large enough)',
  );
  lines.push('');
  const a = m.metrics.proxyAudit;
  lines.push(`Proxy audit (R17): can the model's inputs tell the monitoring attributes? ${a.classifier}; flagged at AUC ≥ ${a.threshold}`);
  for (const attr of a.attributes) {
    if (attr.skipped) {
      lines.push(`  ${attr.attribute}: not audited (${attr.skipped})`);
      continue;
    }
    const worst = [...attr.groups].sort((x, y) => (y.auc ?? 0) - (x.auc ?? 0))[0];
    lines.push(
      `  ${attr.attribute}: highest AUC ${f3(attr.auc)} (${worst.group}, ${worst.rows} adults)${attr.flagged ? `  FLAGGED: ${worst.topFeatures.map((f) => f.feature).join(', ')} stand(s) in for it` : '  not flagged'}`,
    );
  }
  lines.push(a.flagged.length ? `  => proxies found for: ${a.flagged.join(', ')}. Read the model's effects by group with that in mind.` : '  => no input stands in for a monitoring attribute at this threshold.');
  lines.push('');
  lines.push('Coefficients (log-odds per unit of the feature; features scaled to about 0..1)');
  lines.push(`  ${'intercept'.padEnd(28)}${signed(m.intercept).padStart(9)} ± ${m.interceptStandardError.toFixed(3)}`);
  for (const term of m.terms) lines.push(`  ${term.name.padEnd(28)}${signed(term.coefficient).padStart(9)} ± ${term.standardError.toFixed(3)}   (mean ${term.mean.toFixed(3)})`);
  lines.push(`  bootstrap: ${m.bootstrap.replicates} replicates (seed ${m.bootstrap.seed}) for confidence intervals`);
  return lines.join('\n');
}
