import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementPairsBuilder, type PlacementProblem } from '@kansrijk/matching';
import {
  type CandidateProfile,
  type GeoPoint,
  hardTiePoints,
  type MunicipalityProfile,
  type Policy,
  satisfiesHardTies,
  linkValues,
} from '@kansrijk/scoring';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { CapacityService } from '../linking/capacity.service';
import { loadCandidateProfiles } from '../matching/profile-loader';
import { MatchingService } from '../matching/matching.service';
import { ReferenceIndex } from '../reference/reference-index.service';

/** What the cohort tools need to know of one household besides its pairs. */
export interface CohortHousehold {
  id: string;
  persons: number;
  arrival: string | null;
  members: CandidateProfile[];
  adultIds: string[];
  /** R12 hard-tie points under the policy the problem was built with. */
  tiePoints: { municipalityCode: string; location: GeoPoint }[];
}

/** A placement problem for a cohort under one policy, with what the metrics need per pair. */
export interface CohortProblem {
  policyVersion: string;
  period: string;
  households: CohortHousehold[];
  municipalities: MunicipalityProfile[];
  problem: PlacementProblem;
  /** Per pair (aligned with problem.pairs): eligible vacancies reachable, summed over the adults (R14, R16). */
  reachableSum: Float64Array;
  /** Per pair, each adult's own count (in the household's adultIds order) from `reachableByAdult.start[pair]` in `counts`: the outcome model's input. */
  reachableByAdult: { start: Int32Array; counts: Float64Array };
  /** Remaining capacity per municipality code, null when unknown (then not a limit: see `capacityKnown`). */
  capacityKnown: boolean;
}

export const MAX_COHORT = 10_000;
/** A municipality's capacity when the period has no national total: not a limit. */
const UNBOUNDED = 1_000_000;

/**
 * Builds the cohort placement problem the solver takes (libs/matching): for each household
 * every municipality within the tie radius of all its hard ties (R12; others are no pair
 * at all), scored by the scoring library's link score with the vacancies every adult could
 * reach from there (R13, R14, R16), and each municipality's remaining housing task for the
 * period (R11), not counting the cohort's own current decisions (they are being re-planned).
 */
@Injectable()
export class CohortService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly capacity: CapacityService,
    private readonly matching: MatchingService,
  ) {}

  async households(ids: string[]): Promise<{ found: CohortHousehold[]; missing: string[] }> {
    const rows: { id: string; size: number; arrival: string | null }[] = await this.ds.query(
      `SELECT id, size, to_char(arrival_date, 'YYYY-MM-DD') AS arrival FROM household WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const memberRows: { household_id: string; candidate_id: string }[] = await this.ds.query('SELECT household_id, candidate_id FROM household_member WHERE household_id = ANY($1::uuid[])', [ids]);
    const profiles = new Map((await loadCandidateProfiles(this.ds, memberRows.map((m) => m.candidate_id))).map((c) => [c.profile.id, c.profile]));
    const membersOf = new Map<string, CandidateProfile[]>();
    for (const m of memberRows) {
      const p = profiles.get(m.candidate_id);
      if (p) (membersOf.get(m.household_id) ?? membersOf.set(m.household_id, []).get(m.household_id)!).push(p);
    }
    const found = rows
      .filter((r) => (membersOf.get(r.id) ?? []).length > 0)
      .map((r) => ({ id: r.id, persons: Math.max(r.size, membersOf.get(r.id)!.length), arrival: r.arrival, members: membersOf.get(r.id)!, adultIds: [], tiePoints: [] }));
    const have = new Set(found.map((h) => h.id));
    return { found, missing: ids.filter((id) => !have.has(id)) };
  }

  async build(args: { households: CohortHousehold[]; period: string; policy: Policy; onDate: string; onProgress?: (share: number) => void }): Promise<CohortProblem> {
    const { policy, onDate, period } = args;
    if (args.households.length > MAX_COHORT) throw BadUserInputError.of('householdIds', 'arrayMaxSize', `a cohort holds at most ${MAX_COHORT} households`);
    const ref = await this.reference.snapshot();
    const municipalities: MunicipalityProfile[] = [...ref.municipalities.values()]
      .map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, provinceCode: m.provinceCode, centroid: { lat: m.lat, lon: m.lon }, population: m.population }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const cap = await this.capacity.forPeriod(period, policy, undefined, undefined, args.households.map((h) => h.id));
    const index = await this.matching.matchingIndex();
    const ctx = await this.matching.context(policy, onDate);
    const adultLimit = `${Number(onDate.slice(0, 4)) - 18}${onDate.slice(4)}`;
    const radiusKm = policy.params.tieRadiusKm;
    const builder = new PlacementPairsBuilder();
    const reachable: number[] = [];
    const adultStart: number[] = [];
    const adultCounts: number[] = [];
    const households: CohortHousehold[] = [];
    for (let i = 0; i < args.households.length; i++) {
      const h = args.households[i];
      const scoringHousehold = { id: h.id, members: h.members, size: h.persons };
      const tiePoints = hardTiePoints({ household: scoringHousehold, policy });
      const adultIds = h.members.filter((m) => m.birthDate <= adultLimit).map((m) => m.id);
      households.push({ ...h, adultIds, tiePoints });
      const allowed: number[] = [];
      municipalities.forEach((m, k) => {
        if (satisfiesHardTies({ points: tiePoints, municipality: m, radiusKm })) allowed.push(k);
      });
      if (allowed.length === 0) continue;
      const summary = adultIds.length
        ? index.reachableSummary({ adults: adultIds, municipalities: allowed.map((k) => municipalities[k]), context: ctx, radiusKm })
        : null;
      allowed.forEach((k, j) => {
        const r = summary?.municipalities[j].reachable ?? { adults: [] };
        // Capacity is the solver's to allocate (R11), so the pair's score leaves it out.
        const link = linkValues({ household: scoringHousehold, municipality: municipalities[k], context: { policy, onDate, capacityLeft: null, labourDemand: ctx.labourDemand, reachable: r } });
        if (!link.eligible) return;
        builder.add(i, k, link.score);
        reachable.push(r.adults.reduce((s, a) => s + a.eligibleVacancies, 0));
        adultStart.push(adultCounts.length);
        for (const id of adultIds) adultCounts.push(r.adults.find((a) => a.candidateId === id)?.eligibleVacancies ?? 0);
      });
      if (args.onProgress && i % 50 === 0) args.onProgress(i / args.households.length);
    }
    return {
      policyVersion: policy.version,
      period,
      households,
      municipalities,
      capacityKnown: cap.nationalTotal !== null,
      reachableSum: Float64Array.from(reachable),
      reachableByAdult: { start: Int32Array.from(adultStart), counts: Float64Array.from(adultCounts) },
      problem: {
        households: households.map((h, i) => ({ id: h.id, persons: h.persons, arrival: arrivalOrder(h.arrival, i) })),
        municipalities: municipalities.map((m) => ({ code: m.code, capacity: Math.max(0, cap.left(m.code) ?? UNBOUNDED), regionCode: m.regionCode, population: m.population })),
        pairs: builder.build(),
      },
    };
  }
}

/** Arrival order for the greedy baseline: by arrival date, then as given. */
function arrivalOrder(arrival: string | null, i: number): number {
  const day = arrival ? Date.parse(`${arrival}T00:00:00Z`) / 86_400_000 : 1e9;
  return day * 100_000 + i;
}
