import type { Policy } from '../policy/policy';
import { type CompiledPolicy, compilePolicy } from '../policy/compiled-policy';
import { InMemoryOccupationCatalogue, type OccupationCatalogue } from '../reference/occupation-catalogue';
import type { LabourDemand } from '../reference/labour-demand';
import { type SkillInterner, internerFor } from '../reference/skill-interner';
import { parseIsoDay } from '../util/iso-date';

/** What a job match needs besides the two profiles: the policy, the day, and reference data. */
export interface JobMatchContext {
  policy: Policy;
  /** The day of the question (`YYYY-MM-DD`): permit lead time and ages count from here. */
  onDate: string;
  /** ESCO occupations (R7); without it, held occupations earn credit only through their ISCO group. */
  catalogue?: OccupationCatalogue | null;
  /** Labour demand per region and ISCO group (R10); without it, the neutral policy default. */
  labourDemand?: LabourDemand | null;
}

/**
 * A context read once for many pairs: the policy compiled, the date parsed, the skill numbering
 * chosen. Profiles are prepared against one prepared context and may only be scored with it.
 */
export interface PreparedJobContext {
  readonly prepared: true;
  readonly policy: Policy;
  readonly onDate: string;
  readonly onDay: number;
  readonly catalogue: OccupationCatalogue;
  readonly labourDemand: LabourDemand | null;
  /** @internal */
  readonly cp: CompiledPolicy;
  /** @internal */
  readonly interner: SkillInterner;
}

const EMPTY_CATALOGUE = new InMemoryOccupationCatalogue();
const preparedOf = new WeakMap<JobMatchContext, PreparedJobContext>();

/** Prepares a context (cached per context object; a prepared context is returned as is). */
export function prepareJobContext(context: JobMatchContext | PreparedJobContext): PreparedJobContext {
  if ((context as PreparedJobContext).prepared === true) return context as PreparedJobContext;
  const raw = context as JobMatchContext;
  const cached = preparedOf.get(raw);
  if (cached && cached.policy === raw.policy && cached.onDate === raw.onDate && cached.catalogue === (raw.catalogue ?? EMPTY_CATALOGUE) && cached.labourDemand === (raw.labourDemand ?? null)) return cached;
  const catalogue = raw.catalogue ?? EMPTY_CATALOGUE;
  const prepared: PreparedJobContext = {
    prepared: true,
    policy: raw.policy,
    onDate: raw.onDate,
    onDay: parseIsoDay(raw.onDate, 'context.onDate'),
    catalogue,
    labourDemand: raw.labourDemand ?? null,
    cp: compilePolicy(raw.policy),
    interner: internerFor(catalogue),
  };
  preparedOf.set(raw, prepared);
  return prepared;
}
