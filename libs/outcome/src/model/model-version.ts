import { createHash } from 'node:crypto';
import type { OutcomeModelFile } from './outcome-model';

/**
 * `${name}@${first 12 hex digits of sha256}` over what decides a prediction and its interval:
 * target, penalty, intercept, terms with their coefficients and means, and the bootstrap.
 */
export function outcomeModelVersion(m: Pick<OutcomeModelFile, 'name' | 'target' | 'l2' | 'intercept' | 'terms' | 'bootstrap'>): string {
  const content = JSON.stringify([
    m.target,
    m.l2,
    m.intercept,
    m.terms.map((t) => [t.name, t.coefficient, t.mean]),
    m.bootstrap.seed,
    m.bootstrap.coefficients,
  ]);
  return `${m.name}@${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}
