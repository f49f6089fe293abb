import type { LoadedOutcomeModel } from './outcome-model.service';
import type { OutcomeModelInfo } from './models/outcome-model.models';

/** The model in use as the API shows it: no rows, only aggregates (groups are pooled below the fit's minimum size). */
export function toOutcomeModelInfo(l: LoadedOutcomeModel): OutcomeModelInfo {
  const m = l.model.file;
  return {
    version: m.version,
    name: m.name,
    createdAt: m.createdAt,
    target: m.target,
    source: l.source,
    loadedAt: l.loadedAt,
    synthetic: m.training.synthetic,
    trainingRows: m.training.rows,
    dataHash: m.training.dataHash,
    features: m.terms.map((t) => t.name),
    auc: m.metrics.overall.auc,
    brier: m.metrics.overall.brier,
    maxCalibrationError: m.metrics.overall.maxCalibrationError,
    largestGroupGap: m.metrics.largestGroupGap?.difference ?? null,
    groups: m.metrics.groups.map((g) => ({
      dimension: g.dimension,
      group: g.group,
      adults: g.metrics.rows,
      auc: g.metrics.auc,
      meanPredicted: g.metrics.meanPredicted,
      observed: g.metrics.observed,
      calibrationGap: g.calibrationGap,
    })),
    proxyAudit: m.metrics.proxyAudit.attributes.map((a) => {
      const worst = [...a.groups].sort((x, y) => (y.auc ?? 0) - (x.auc ?? 0))[0];
      return { attribute: a.attribute, auc: a.auc, flagged: a.flagged, topFeatures: worst?.topFeatures.map((f) => f.feature) ?? [], skipped: a.skipped };
    }),
    bootstrapReplicates: m.bootstrap.replicates,
  };
}
