import { Injectable } from '@nestjs/common';
import { solvePlacement, type PlacementPlan as LibPlan } from '@kansrijk/matching';
import { Principal } from '../../common/auth/role';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { today } from '../matching/matching.service';
import { PolicyService } from '../suggestions/policy.service';
import { CohortProblem, CohortService } from './cohort.service';
import { PlacementInput, PlacementMethodEnum, PlacementPlan } from './models/placement.models';

const REASONS: Record<string, { nl: string; en: string }> = {
  noAllowedMunicipality: { nl: 'R12: geen enkele gemeente ligt binnen de straal van alle harde bindingen.', en: 'R12: no municipality lies within the radius of all hard ties.' },
  capacity: { nl: 'R11/R16: geen toegestane gemeente heeft nog plaats voor het hele huishouden.', en: 'R11/R16: no allowed municipality has room left for the whole household.' },
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
    method: plan.method,
    optimal: plan.optimal,
    objective: plan.objective,
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
    notes: plan.notes,
  };
}

/** planPlacement (issue 6): the cohort's best joint link under the housing tasks. */
@Injectable()
export class PlacementService {
  constructor(
    private readonly cohorts: CohortService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async plan(principal: Principal, input: PlacementInput): Promise<PlacementPlan> {
    const policy = this.policies.resolve(input.policy, 'input.policy');
    const { found, missing } = await this.cohorts.households(input.householdIds);
    if (missing.length) {
      throw new BadUserInputError(missing.slice(0, 20).map((id) => ({ field: `input.householdIds[${input.householdIds.indexOf(id)}]`, rule: 'exists', message: `household ${id} not found or without members` })));
    }
    const cohort = await this.cohorts.build({ households: found, period: input.period, policy, onDate: today() });
    const plan = await solvePlacement(
      { ...cohort.problem, balance: input.balanceTolerance === undefined ? undefined : { tolerance: input.balanceTolerance } },
      { method: METHODS[input.method], timeLimitMs: 120_000 },
    );
    const result = toPlacementPlan(cohort, plan);
    await this.audit.record(principal, {
      action: 'placement.planned',
      subjectType: 'household',
      subjectRefs: input.householdIds,
      details: { period: input.period, policyVersion: policy.version, method: plan.method, objective: plan.objective, upperBound: plan.upperBound, placed: plan.placed },
    });
    return result;
  }
}
