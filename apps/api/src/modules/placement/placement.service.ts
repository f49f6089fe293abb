import { Injectable } from '@nestjs/common';
import type { PlacementPlan as LibPlan } from '@kansrijk/matching';
import type { CompiledOutcomeModel } from '@kansrijk/outcome';
import { checkLinkable } from '@kansrijk/scoring';
import { Principal } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { today } from '../matching/matching.service';
import { OutcomeModelService } from '../outcome/outcome-model.service';
import { PolicyService } from '../suggestions/policy.service';
import { CohortProblem, CohortService, solveCohort, type CohortPartScorer } from './cohort.service';
import { toBalanceSummary, toShortage } from './plan-report';
import { PlacementInput, PlacementMethodEnum, PlacementPlan } from './models/placement.models';

const REASONS: Record<string, { nl: string; en: string }> = {
  noAllowedMunicipality: { nl: 'R12: geen enkele gemeente ligt binnen de straal van alle harde bindingen.', en: 'R12: no municipality lies within the radius of all hard ties.' },
  noRoomAnywhere: {
    nl: 'R11/R16: geen enkele toegestane gemeente had deze periode plaats voor het hele huishouden, ook niet vóór de rest van het cohort.',
    en: 'R11/R16: no allowed municipality had room for the whole household this period, not even before the rest of the cohort.',
  },
  capacity: {
    nl: 'R11/R16: er was plaats in een toegestane gemeente, maar bij het tekort is die aan andere huishoudens van het cohort gegeven.',
    en: 'R11/R16: an allowed municipality had room, but under the shortage the plan gave it to other households of the cohort.',
  },
  notStatusHolder: { nl: 'R2: alleen huishoudens van statushouders worden gekoppeld; dit huishouden heeft geen statushouder.', en: "R2: only status holders' households are linked; this household has no status holder." },
  balance: { nl: 'R14: plaatsing zou de spreiding over arbeidsmarktregio\'s buiten de marge brengen.', en: 'R14: placing it would break the spread over labour-market regions.' },
};

const METHODS: Record<PlacementMethodEnum, 'auto' | 'exact' | 'lagrangian' | 'greedy'> = {
  AUTO: 'auto',
  EXACT: 'exact',
  LAGRANGIAN: 'lagrangian',
  GREEDY: 'greedy',
};

/** Maps the solver's plan to the API's, with reasons in words. */
export function toPlacementPlan(c: CohortProblem, plan: LibPlan): PlacementPlan {
  return {
    period: c.period,
    policyVersion: c.policyVersion,
    outcomeModelVersion: c.outcomeModelVersion,
    shortage: toShortage(plan.shortage, { capacityKnown: c.capacityKnown, tieRadiusKm: c.tieRadiusKm }),
    method: plan.method,
    optimal: plan.optimal,
    objective: plan.objective,
    linkScore: plan.linkScore,
    upperBound: plan.upperBound,
    gap: plan.gap,
    greedy: { objective: plan.greedy.objective, placed: plan.greedy.placed, personsPlaced: plan.greedy.personsPlaced },
    households: plan.households,
    placed: plan.placed,
    personsPlaced: plan.personsPlaced,
    capacityKnown: c.capacityKnown,
    runtimeMs: plan.runtimeMs,
    assignments: plan.assignments.map((a) => ({ householdId: a.householdId, municipalityCode: a.municipalityCode, persons: a.persons, score: a.score })),
    unplaced: plan.unplaced.map((u) => ({ householdId: u.householdId, persons: u.persons, reason: u.reason, reasonNl: REASONS[u.reason].nl, reasonEn: REASONS[u.reason].en })),
    balance: toBalanceSummary(plan.balance, plan.placed),
    notes: plan.notes,
  };
}

/** What a plan needs, as plain JSON: a job's input, or the arguments of a synchronous call. */
export interface PlanRequest {
  householdIds: string[];
  period: string;
  policy: Record<string, unknown> | null;
  balanceTolerance: number | null;
  method: PlacementMethodEnum;
  onDate: string;
}

/**
 * Computes a cohort plan (on the API thread for a small cohort, in a worker thread for a job).
 * `onProgress` reports how far the scoring of the cohort is.
 */
export async function computePlan(
  req: PlanRequest,
  deps: { cohorts: CohortService; policies: PolicyService; outcome?: CompiledOutcomeModel | null; threads?: CohortPartScorer | null },
  onProgress?: (share: number, phase: string) => void,
): Promise<{ plan: PlacementPlan; policyVersion: string }> {
  const policy = deps.policies.resolve(req.policy as PlacementInput['policy'], 'input.policy', req.onDate);
  const { found: all, missing } = await deps.cohorts.households(req.householdIds);
  // R2: only status holders' households are planned; the others are reported unplaced with the rule.
  const found = all.filter((h) => checkLinkable({ id: h.id, members: h.members }).passed);
  const refused = all.filter((h) => !found.includes(h));
  if (found.length === 0) {
    throw new BadUserInputError(refused.slice(0, 20).map((h) => ({ field: `input.householdIds[${req.householdIds.indexOf(h.id)}]`, rule: 'R2', message: REASONS.notStatusHolder.en })));
  }
  if (missing.length) {
    throw new BadUserInputError(missing.slice(0, 20).map((id) => ({ field: `input.householdIds[${req.householdIds.indexOf(id)}]`, rule: 'exists', message: `household ${id} not found or without members` })));
  }
  const cohort = await deps.cohorts.build({
    households: found,
    period: req.period,
    policy,
    onDate: req.onDate,
    // R14, R16: a policy that weighs expectedEmployment scores every pair with the model in use, as the suggestions do.
    outcome: deps.outcome ?? null,
    parts: deps.threads ?? null,
    onProgress: onProgress && ((p) => onProgress(0.9 * p, `scoring households and municipalities (${Math.round(100 * p)}%)`)),
  });
  onProgress?.(0.9, 'planning the cohort');
  // R14: a cohort too small for the asked spread gets the smallest tolerance it can meet, said in `balance`, never an empty plan.
  if (req.balanceTolerance !== null) cohort.problem.balance = { tolerance: req.balanceTolerance, whenUnmeetable: 'relax' };
  const plan = await solveCohort(cohort, { method: METHODS[req.method], timeLimitMs: 120_000 });
  const out = toPlacementPlan(cohort, plan);
  out.households += refused.length;
  out.unplaced.push(...refused.map((h) => ({ householdId: h.id, persons: h.persons, reason: 'notStatusHolder', reasonNl: REASONS.notStatusHolder.nl, reasonEn: REASONS.notStatusHolder.en })));
  return { plan: out, policyVersion: policy.version };
}

/** The audit entry of a finished plan. */
export function plannedEntry(req: PlanRequest, plan: PlacementPlan) {
  return {
    action: 'placement.planned',
    subjectType: 'household',
    subjectRefs: req.householdIds,
    details: { period: req.period, policyVersion: plan.policyVersion, ...(plan.outcomeModelVersion ? { outcomeModelVersion: plan.outcomeModelVersion } : {}), method: plan.method, objective: plan.objective, upperBound: plan.upperBound, placed: plan.placed },
  };
}

export const planRequest = (input: PlacementInput): PlanRequest => ({
  householdIds: input.householdIds,
  period: input.period,
  policy: input.policy ? JSON.parse(JSON.stringify(input.policy)) : null,
  balanceTolerance: input.balanceTolerance ?? null,
  method: input.method,
  onDate: today(),
});

/** planPlacement: the cohort's best joint link under the housing tasks. */
@Injectable()
export class PlacementService {
  constructor(
    private readonly cohorts: CohortService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly outcome: OutcomeModelService,
  ) {}

  /** A plan computed on the API thread (small cohorts; larger ones run as a job). */
  async plan(principal: Principal, input: PlacementInput): Promise<PlacementPlan> {
    const req = planRequest(input);
    const { plan } = await computePlan(req, { cohorts: this.cohorts, policies: this.policies, outcome: this.outcome.current()?.model ?? null });
    await this.audit.record(principal, plannedEntry(req, plan));
    return plan;
  }
}
