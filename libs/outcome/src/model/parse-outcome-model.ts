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
  return m;
}
