/**
 * The pair loops of the index's two suggestion searches (internal, for MatchingIndex): jobs for a
 * candidate and candidates for a vacancy, among the slots the index found near, with the gates,
 * the bounds and estimates that skip most pairs, and the exact scores of the shortlist. The index
 * resolves the inputs, keeps the stores and picks the slots; this keeps the scratch the loops
 * reuse from one query to the next.
 */
import { DISTANCE_TOLERANCE_KM, scorePrepared, type PairScore, type PreparedCandidate, type PreparedJobContext, type PreparedVacancy, type VacancyProfile, type CandidateProfile } from '@kansrijk/scoring';
import { earliestWorkDay, type ContextLayer } from './context-layer';
import { iscoMatches, normaliseSector, pairRadiusKm, type NormalFilter } from './filters';
import { dotThreshold, unitVector } from './geo';
import { ESTIMATE_EPS, assertEstimate, boundScore, estimateScore, floorBelowCredits, pairDistanceKm, pairGates, pairRtwFlags, rowRtwFlags, skillsEstimate } from './pair-estimate';
import { Shortlist, TopK } from './ranking';
import { JobScan } from './job-scan';
import { SkillSums } from './skill-postings';
import type { SlotStore } from './slot-store';
import { ROW, VacancyView } from './vacancy-rows';
import type { VacancyGrid } from './vacancy-grid';
import type { CandidateSuggestion, JobSuggestion } from './types';

export class PairSearch {
  private readonly sums = new SkillSums();
  private readonly view = new VacancyView();
  private readonly shortlist = new Shortlist();
  private readonly pairScore: PairScore = { eligible: false, score: 0, failedGates: 0 };
  private readonly jobScan = new JobScan();

  /** The default job list (no filter but hours): see JobScan. */
  defaultJobs(args: { pc: PreparedCandidate; layer: ContextLayer; store: SlotStore<VacancyProfile>; grid: VacancyGrid; limitKm: number; minHours: number | null; maxHours: number | null; k: number }): { items: JobSuggestion[]; matched: number } {
    const { pc, layer, store, grid, limitKm, minHours, maxHours, k } = args;
    const ctx = layer.ctx;
    const list = this.shortlist;
    list.reset(k);
    const matched = this.jobScan.run({ pc, ctx, layer, store, grid, limitKm, minHours, maxHours, sums: this.sums, floorSafe: floorBelowCredits(pc, ctx), list, k });
    return { items: this.scoreShortlist(pc, layer, k), matched };
  }

  /** Jobs for a candidate among `slots` (those that may lie within `limit` km), under any filter. */
  filteredJobs(args: { pc: PreparedCandidate; layer: ContextLayer; store: SlotStore<VacancyProfile>; slots: number[]; filter: NormalFilter; limit: number; k: number }): { items: JobSuggestion[]; matched: number } {
    const { pc, layer, store, slots, filter, limit, k } = args;
    const ctx = layer.ctx;
    const list = this.shortlist;
    list.reset(k);
    const sums = this.sums;
    sums.begin(store.slots);
    layer.vacancyPostings.sum(pc, sums);

    let matched = 0;
    const { alive, ux, uy, uz } = store;
    const rows = layer.vacancyRows.data;
    const W = ROW.WIDTH;
    const view = this.view;
    const pvView = view.asPrepared;
    const groups = filter.iscoGroups;
    const byProfile = groups !== null || filter.sector !== null;
    const eligibleOnly = !filter.includeIneligible;
    const minScore = filter.minScore;
    // R9.2 and R9.1 pre-tests on plain numbers (see `earliestWorkDay`); the full gates follow.
    const hoursLimit = pc.hoursAvailable + 1e-9;
    const earliest = earliestWorkDay(pc, ctx);
    const onDay = ctx.onDay;
    if (eligibleOnly && Number.isNaN(earliest)) slots.length = 0;
    // Distance first by unit-vector dot product, the haversine only within 1 mm of the limit.
    const [cx, cy, cz] = unitVector(pc.profile.location.lat, pc.profile.location.lon);
    const near = dotThreshold(limit);
    const floorSafe = floorBelowCredits(pc, ctx);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (alive[slot] !== 1) continue;
      const o = slot * W;
      const h = rows[o + ROW.HOURS];
      if (eligibleOnly) {
        if (h > hoursLimit) continue;
        const start = rows[o + ROW.START_DAY];
        if ((start > onDay ? start : onDay) < earliest) continue;
      }
      if ((filter.minHours !== null && h < filter.minHours) || (filter.maxHours !== null && h > filter.maxHours)) continue;
      const dot = ux[slot] * cx + uy[slot] * cy + uz[slot] * cz;
      if (dot < near.outside) continue;
      layer.vacancyRows.load(slot, view);
      let km = -1;
      if (dot < near.inside) {
        km = pairDistanceKm(pc, pvView);
        if (!(km <= limit)) continue;
      }
      if (byProfile && !vacancyMatches(layer.vacancies[slot] as PreparedVacancy, filter, groups)) continue;
      const rtw = rowRtwFlags(pc, ctx, view.startDay, view.endDay, rows[o + ROW.WILLING], rows[o + ROW.WAGE], h);
      // Hours and distance passed above (the limit is at most the travel maximum); R9.1 and R9.3 here.
      if (eligibleOnly && pairGates(pc, rows[o + ROW.REGULATED] !== 0 ? (layer.vacancies[slot] as PreparedVacancy) : pvView, rtw, 0) !== 0) continue;
      // Score only what could still make the list, or must be told from minScore for the total.
      const skills = skillsEstimate(pc, pvView, ctx, sums, slot, layer.vacancies, slot, floorSafe);
      const bound = boundScore(pc, pvView, ctx, skills) + 2 * ESTIMATE_EPS;
      if (minScore === null) {
        matched++;
        if (bound < list.threshold) continue;
      } else if (bound < minScore) continue;
      if (km < 0) km = pairDistanceKm(pc, pvView);
      const est = estimateScore(pc, pvView, ctx, skills, km, rtw);
      if (minScore !== null) {
        if (!this.reachesMinScore(est, minScore, pc, layer.vacancies[slot] as PreparedVacancy, ctx)) continue;
        matched++;
      }
      list.offer(est, slot);
    }
    return { items: this.scoreShortlist(pc, layer, k), matched };
  }

  /** The shortlist's pairs scored exactly by `scorePrepared`, best estimate first, as far as they can still make the top k. */
  private scoreShortlist(pc: PreparedCandidate, layer: ContextLayer, k: number): JobSuggestion[] {
    const ctx = layer.ctx;
    const list = this.shortlist;
    const top = new TopK<JobSuggestion & { id: string }>(k);
    const order = list.order();
    for (let i = 0; i < order.length; i++) {
      const est = list.estimateAt(order[i]);
      if (top.full && est + 2 * ESTIMATE_EPS < top.worstScore) break;
      const slot = list.slotAt(order[i]);
      const pv = layer.vacancies[slot] as PreparedVacancy;
      const s = scorePrepared(pc, pv, ctx, this.pairScore);
      assertEstimate(est, s.score, `candidate ${pc.id} × vacancy ${pv.id}`);
      top.offer({ id: pv.id, vacancyId: pv.id, score: s.score, eligible: s.eligible, failedGates: s.failedGates, distanceKm: pairDistanceKm(pc, pv) });
    }
    return top.items.map(({ id: _id, ...item }) => item);
  }

  /**
   * Candidates for a vacancy among `slots` (those that may lie within `radiusKm` of it): each
   * candidate's own maximum travel distance decides eligibility by distance (R9.4); `allowed`,
   * when given, the only candidate ids that may be listed.
   */
  candidates(args: { pv: PreparedVacancy; layer: ContextLayer; store: SlotStore<CandidateProfile>; slots: number[]; filter: NormalFilter; allowed: ReadonlySet<string> | null; k: number }): { items: CandidateSuggestion[]; matched: number } {
    const { pv, layer, store, slots, filter, allowed, k } = args;
    const ctx = layer.ctx;
    const sums = this.sums;
    sums.begin(store.slots);
    layer.candidatePostings.sum(pv, sums);
    const only = [pv];

    const list = this.shortlist;
    list.reset(k);
    let matched = 0;
    const { alive, hours, travelKm } = store;
    const earliest = layer.candidateEarliest;
    const groups = filter.iscoGroups;
    const eligibleOnly = !filter.includeIneligible;
    const minScore = filter.minScore;
    // R9.2 and R9.1 pre-tests on plain numbers (see `earliestWorkDay`); the full gates follow.
    const needHours = pv.hours - 1e-9;
    const start = pv.startDay > ctx.onDay ? pv.startDay : ctx.onDay;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (alive[slot] !== 1) continue;
      const h = hours[slot];
      if (eligibleOnly && (h < needHours || !(earliest[slot] <= start))) continue;
      if ((filter.minHours !== null && h < filter.minHours) || (filter.maxHours !== null && h > filter.maxHours)) continue;
      const pc = layer.candidates[slot] as PreparedCandidate;
      if (allowed !== null && !allowed.has(pc.id)) continue;
      const km = pairDistanceKm(pc, pv);
      if (!(km <= pairRadiusKm(filter, travelKm[slot]) + DISTANCE_TOLERANCE_KM)) continue;
      if (groups !== null && !pc.profile.occupations.some((o) => iscoMatches(o.iscoCode, groups))) continue;
      const rtw = pairRtwFlags(pc, pv, ctx);
      if (eligibleOnly && pairGates(pc, pv, rtw, km) !== 0) continue;
      const skills = skillsEstimate(pc, pv, ctx, sums, slot, only, 0);
      const bound = boundScore(pc, pv, ctx, skills) + 2 * ESTIMATE_EPS;
      if (minScore === null) {
        matched++;
        if (bound < list.threshold) continue;
      } else if (bound < minScore) continue;
      const est = estimateScore(pc, pv, ctx, skills, km, rtw);
      if (minScore !== null) {
        if (!this.reachesMinScore(est, minScore, pc, pv, ctx)) continue;
        matched++;
      }
      list.offer(est, slot);
    }

    const top = new TopK<CandidateSuggestion & { id: string }>(k);
    const order = list.order();
    for (let i = 0; i < order.length; i++) {
      const est = list.estimateAt(order[i]);
      if (top.full && est + 2 * ESTIMATE_EPS < top.worstScore) break;
      const pc = layer.candidates[list.slotAt(order[i])] as PreparedCandidate;
      const s = scorePrepared(pc, pv, ctx, this.pairScore);
      assertEstimate(est, s.score, `candidate ${pc.id} × vacancy ${pv.id}`);
      top.offer({ id: pc.id, candidateId: pc.id, score: s.score, eligible: s.eligible, failedGates: s.failedGates, distanceKm: pairDistanceKm(pc, pv) });
    }
    return { items: top.items.map(({ id: _id, ...item }) => item), matched };
  }

  /** Whether the score reaches `minScore`; decided exactly when the estimate is within EPS of it. */
  private reachesMinScore(est: number, minScore: number, pc: PreparedCandidate, pv: PreparedVacancy, ctx: PreparedJobContext): boolean {
    if (est >= minScore + ESTIMATE_EPS) return true;
    if (est < minScore - ESTIMATE_EPS) return false;
    return scorePrepared(pc, pv, ctx, this.pairScore).score >= minScore;
  }
}

function vacancyMatches(pv: PreparedVacancy, filter: NormalFilter, groups: string[] | null): boolean {
  if (groups !== null && !iscoMatches(pv.profile.iscoCode, groups)) return false;
  if (filter.sector !== null && normaliseSector(pv.profile.sector) !== filter.sector) return false;
  return true;
}
