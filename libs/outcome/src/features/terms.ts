import { OutcomeInputError } from '../outcome-input-error';
import { featureDefinition, type FeatureDefinition } from './feature-catalogue';
import { refuseProtectedFeatures } from './protected-attributes';
import type { RawCase } from './raw-case';

/** A model term: a base feature, or the product of two (`dutch*labourDemand`). */
export interface Term {
  name: string;
  parts: FeatureDefinition[];
  value(c: RawCase): number;
}

/**
 * Compiles a feature list into terms, refusing (R17) any name that refers to a protected
 * attribute, then any unknown or repeated name. Interactions are written `a*b` of two base features.
 */
export function compileTerms(names: readonly string[], field = 'features'): Term[] {
  if (!Array.isArray(names) || names.length === 0) throw new OutcomeInputError(field, 'notEmpty', 'must name at least one feature');
  refuseProtectedFeatures(names, field);
  const seen = new Set<string>();
  return names.map((name, i) => {
    if (typeof name !== 'string') throw new OutcomeInputError(`${field}[${i}]`, 'string', 'must be a feature name');
    if (seen.has(name)) throw new OutcomeInputError(`${field}[${i}]`, 'unique', `"${name}" is listed twice`);
    seen.add(name);
    const partNames = name.split('*');
    if (partNames.length > 2) throw new OutcomeInputError(`${field}[${i}]`, 'interaction', `"${name}": an interaction has exactly two features (a*b)`);
    const parts = partNames.map((p) => {
      const def = featureDefinition(p);
      if (!def) throw new OutcomeInputError(`${field}[${i}]`, 'known', `"${p}" is not a known feature`);
      return def;
    });
    if (parts.length === 2 && parts[0] === parts[1]) throw new OutcomeInputError(`${field}[${i}]`, 'interaction', `"${name}" multiplies a feature by itself`);
    const [a, b] = parts;
    return { name, parts, value: b ? (c: RawCase) => a.value(c) * b.value(c) : (c: RawCase) => a.value(c) };
  });
}

/** The design matrix of cases (row-major, `rows × terms.length`), without the intercept. */
export function designMatrix(terms: readonly Term[], cases: readonly RawCase[]): Float64Array {
  const p = terms.length;
  const x = new Float64Array(cases.length * p);
  for (let i = 0; i < cases.length; i++) for (let j = 0; j < p; j++) x[i * p + j] = terms[j].value(cases[i]);
  return x;
}
