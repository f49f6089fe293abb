import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json';

/**
 * The version of a policy's content: `${name}@${first 12 hex digits of sha256(canonical JSON)}`.
 * The canonical JSON sorts keys, so equal content always has the same version (R18).
 */
export function policyVersion(content: { name: string; description?: string; effectiveFrom?: string; sources?: readonly string[]; params: unknown; jobWeights: unknown; linkWeights: unknown }): string {
  const canonical = canonicalJson({
    name: content.name,
    description: content.description,
    effectiveFrom: content.effectiveFrom,
    sources: content.sources,
    params: content.params,
    jobWeights: content.jobWeights,
    linkWeights: content.linkWeights,
  });
  return `${content.name}@${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}
