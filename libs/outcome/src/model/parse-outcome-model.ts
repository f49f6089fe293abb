import { compileTerms } from '../features/terms';
import { OutcomeInputError } from '../outcome-input-error';
import { outcomeModelVersion } from './model-version';
import { OUTCOME_MODEL_FORMAT, OUTCOME_MODEL_FORMAT_VERSION, type OutcomeModelFile } from './outcome-model';

const finite = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new OutcomeInputError(field, 'number', `must be a finite number, got ${JSON.stringify(v)}`);
  return v;
};

/**
 * Reads a model file (its JSON text or the parsed object) and checks what a prediction relies
 * on: the format, every term a known feature and none a protected attribute (R17), finite
 * coefficients, bootstrap vectors of the right length, and the version matching the content
 * (a hand-edited coefficient gets a clear refusal, not a silently different model).
 */
export function parseOutcomeModel(input: string | unknown): OutcomeModelFile {
  let m: OutcomeModelFile;
  if (typeof input === 'string') {
    try {
      m = JSON.parse(input) as OutcomeModelFile;
    } catch (err) {
      throw new OutcomeInputError('model', 'json', `not JSON: ${(err as Error).message}`);
    }
  } else m = input as OutcomeModelFile;
  if (!m || typeof m !== 'object') throw new OutcomeInputError('model', 'object', 'must be a JSON object');
  if (m.format !== OUTCOME_MODEL_FORMAT) throw new OutcomeInputError('model.format', 'equals', `must be "${OUTCOME_MODEL_FORMAT}"`);
  if (m.formatVersion !== OUTCOME_MODEL_FORMAT_VERSION) throw new OutcomeInputError('model.formatVersion', 'equals', `must be ${OUTCOME_MODEL_FORMAT_VERSION}`);
  if (typeof m.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(m.name)) throw new OutcomeInputError('model.name', 'matches', 'must be 1 to 63 letters, digits or . _ -');
  if (m.target !== 'employed24' && m.target !== 'employed12') throw new OutcomeInputError('model.target', 'oneOf', 'must be employed24 or employed12');
  if (!Array.isArray(m.terms) || m.terms.length === 0) throw new OutcomeInputError('model.terms', 'notEmpty', 'must list the terms');
  // Each term an object with a name before anything reads its fields (a null term was a crash).
  m.terms.forEach((t: unknown, i: number) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new OutcomeInputError(`model.terms[${i}]`, 'object', `must be an object with a name, a coefficient and a mean, got ${JSON.stringify(t)}`);
    if (typeof (t as { name?: unknown }).name !== 'string') throw new OutcomeInputError(`model.terms[${i}].name`, 'string', `must be a string, got ${JSON.stringify((t as { name?: unknown }).name)}`);
  });
  compileTerms(
    m.terms.map((t) => t?.name),
    'model.terms',
  );
  m.terms.forEach((t, i) => {
    finite(t.coefficient, `model.terms[${i}].coefficient`);
    finite(t.mean, `model.terms[${i}].mean`);
  });
  finite(m.intercept, 'model.intercept');
  finite(m.l2, 'model.l2');
  const b = m.bootstrap;
  if (!b || !Array.isArray(b.coefficients)) throw new OutcomeInputError('model.bootstrap.coefficients', 'array', 'must be a list of coefficient vectors');
  b.coefficients.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== m.terms.length + 1) throw new OutcomeInputError(`model.bootstrap.coefficients[${r}]`, 'length', `must hold ${m.terms.length + 1} numbers (intercept and terms)`);
    row.forEach((v, j) => finite(v, `model.bootstrap.coefficients[${r}][${j}]`));
  });
  if (typeof m.version !== 'string' || m.version !== outcomeModelVersion(m)) {
    throw new OutcomeInputError('model.version', 'integrity', `does not match the model's content (expected ${outcomeModelVersion(m)}): the file was changed after the fit`);
  }
  checkSummary(m);
  return m;
}

/**
 * What is shown of a model besides its predictions (the training summary and the honesty
 * report): the version covers only what decides a prediction, so these are checked one by
 * one; a model that passed without them would be loaded and then fail every answer that
 * shows it.
 */
function checkSummary(m: OutcomeModelFile): void {
  const object = (v: unknown, field: string): Record<string, unknown> => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new OutcomeInputError(field, 'object', 'must be an object');
    return v as Record<string, unknown>;
  };
  const list = (v: unknown, field: string): unknown[] => {
    if (!Array.isArray(v)) throw new OutcomeInputError(field, 'array', 'must be a list');
    return v;
  };
  const text = (v: unknown, field: string): void => {
    if (typeof v !== 'string') throw new OutcomeInputError(field, 'string', `must be a string, got ${JSON.stringify(v)}`);
  };
  const flag = (v: unknown, field: string): void => {
    if (typeof v !== 'boolean') throw new OutcomeInputError(field, 'boolean', `must be true or false, got ${JSON.stringify(v)}`);
  };
  const count = (v: unknown, field: string): void => {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 2 ** 31 - 1) throw new OutcomeInputError(field, 'count', `must be a whole number from 0 to 2147483647, got ${JSON.stringify(v)}`);
  };
  const finiteOrNull = (v: unknown, field: string): void => {
    if (v !== null) finite(v, field);
  };
  text(m.createdAt, 'model.createdAt');
  const training = object(m.training, 'model.training');
  count(training.rows, 'model.training.rows');
  flag(training.synthetic, 'model.training.synthetic');
  text(training.dataHash, 'model.training.dataHash');
  count(m.bootstrap.replicates, 'model.bootstrap.replicates');
  const metrics = object(m.metrics, 'model.metrics');
  const overall = object(metrics.overall, 'model.metrics.overall');
  finiteOrNull(overall.auc, 'model.metrics.overall.auc');
  finite(overall.brier, 'model.metrics.overall.brier');
  finite(overall.maxCalibrationError, 'model.metrics.overall.maxCalibrationError');
  if (metrics.largestGroupGap !== null) finite(object(metrics.largestGroupGap, 'model.metrics.largestGroupGap').difference, 'model.metrics.largestGroupGap.difference');
  list(metrics.groups, 'model.metrics.groups').forEach((g, i) => {
    const at = `model.metrics.groups[${i}]`;
    const group = object(g, at);
    text(group.dimension, `${at}.dimension`);
    text(group.group, `${at}.group`);
    finite(group.calibrationGap, `${at}.calibrationGap`);
    const gm = object(group.metrics, `${at}.metrics`);
    count(gm.rows, `${at}.metrics.rows`);
    finiteOrNull(gm.auc, `${at}.metrics.auc`);
    finite(gm.meanPredicted, `${at}.metrics.meanPredicted`);
    finite(gm.observed, `${at}.metrics.observed`);
  });
  const proxy = object(metrics.proxyAudit, 'model.metrics.proxyAudit');
  list(proxy.attributes, 'model.metrics.proxyAudit.attributes').forEach((a, i) => {
    const at = `model.metrics.proxyAudit.attributes[${i}]`;
    const attribute = object(a, at);
    text(attribute.attribute, `${at}.attribute`);
    finiteOrNull(attribute.auc, `${at}.auc`);
    flag(attribute.flagged, `${at}.flagged`);
    if (attribute.skipped !== null && attribute.skipped !== undefined) text(attribute.skipped, `${at}.skipped`);
    list(attribute.groups, `${at}.groups`).forEach((g, j) => {
      const group = object(g, `${at}.groups[${j}]`);
      if (group.auc !== undefined) finiteOrNull(group.auc, `${at}.groups[${j}].auc`);
      list(group.topFeatures, `${at}.groups[${j}].topFeatures`).forEach((f, k) => text(object(f, `${at}.groups[${j}].topFeatures[${k}]`).feature, `${at}.groups[${j}].topFeatures[${k}].feature`));
    });
  });
}
