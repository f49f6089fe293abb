import { readCase, type RawCase } from '../features/raw-case';
import type { OutcomeCase } from '../features/outcome-input';
import { compileTerms, type Term } from '../features/terms';
import type { OutcomeModelFile } from './outcome-model';
import { parseOutcomeModel } from './parse-outcome-model';

/** A model ready to predict: its terms compiled, its coefficients in typed arrays. */
export interface CompiledOutcomeModel {
  readonly file: OutcomeModelFile;
  readonly version: string;
  readonly terms: readonly Term[];
  /** [intercept, ...term coefficients]. */
  readonly beta: Float64Array;
  readonly means: Float64Array;
  /** The bootstrap replicates' coefficient vectors, same layout as `beta`. */
  readonly replicates: readonly Float64Array[];
}

/** Checks a model file (see `parseOutcomeModel`) and compiles it for prediction. */
export function compileOutcomeModel(file: OutcomeModelFile | string): CompiledOutcomeModel {
  const m = parseOutcomeModel(file);
  return {
    file: m,
    version: m.version,
    terms: compileTerms(m.terms.map((t) => t.name), 'model.terms'),
    beta: Float64Array.from([m.intercept, ...m.terms.map((t) => t.coefficient)]),
    means: Float64Array.from(m.terms.map((t) => t.mean)),
    replicates: m.bootstrap.coefficients.map((c) => Float64Array.from(c)),
  };
}

/** The term values of a case, into `out` (length = terms). */
export function termValues(model: CompiledOutcomeModel, raw: RawCase, out = new Float64Array(model.terms.length)): Float64Array {
  for (let j = 0; j < model.terms.length; j++) out[j] = model.terms[j].value(raw);
  return out;
}

/** σ(β₀ + Σ βⱼ xⱼ) with `beta` (the fit's by default, or a bootstrap replicate's). */
export function probabilityOf(values: Float64Array, beta: Float64Array): number {
  let eta = beta[0];
  for (let j = 0; j < values.length; j++) eta += beta[j + 1] * values[j];
  return 1 / (1 + Math.exp(-eta));
}

/**
 * P(employed within the model's horizon) of one adult at one place. Reads only the profile
 * fields of `OutcomeProfile` and the place's numbers: nothing else of the objects passed, so a
 * monitoring attribute attached to them changes nothing (R17).
 */
export function predictOutcome(model: CompiledOutcomeModel, c: OutcomeCase): number {
  return probabilityOf(termValues(model, readCase(c)), model.beta);
}
