import { PlacementPairsBuilder } from '../placement/pairs';
import { PlacementInputError } from '../placement/placement-input-error';
import type { PlacementMunicipality, PlacementProblem } from '../placement/types';

/** Days in the simulated half-year (R11: tasks are set per half-year; H1 has 181 days, H2 184). */
export const HALF_YEAR_DAYS = 184;

/**
 * Monitoring attributes of a household's adults, for the fairness report only (R17): the
 * simulator reads them after every decision is made, and no policy sees them.
 */
export interface StreamMonitoring {
  gender?: string;
  ageBand?: string;
  origin?: string;
}

/** One arriving household: when it arrives and where it may go, with its link scores. */
export interface StreamHousehold {
  id: string;
  /** Persons; capacity is counted in persons (R11), the household is placed whole (R16). */
  persons: number;
  /** Day of the half-year on which the household is decided (0 = its first day). */
  day: number;
  /**
   * Allowed municipalities (indices into the stream's municipalities) with the link score of
   * each, in [0, 1]. A municipality that breaks a hard tie (R12) or is otherwise ineligible is
   * simply absent, so no policy can ever use it.
   */
  mun: Int32Array;
  score: Float64Array;
  /** The household holds a hard tie (R12): its allowed municipalities are those within the tie radius. */
  tieHolder: boolean;
  monitoring?: StreamMonitoring;
}

/**
 * An arrival stream over one half-year: the municipalities with their housing task for the
 * whole half-year (fixed in advance, R11), the households in any order, and optionally the
 * households of an earlier half-year (same municipalities), from which the dynamic policy's
 * forecast is resampled. The forecast never reads `households`.
 */
export interface ArrivalStream {
  municipalities: readonly PlacementMunicipality[];
  households: readonly StreamHousehold[];
  history?: readonly StreamHousehold[];
}

/** Checks a stream and names the first bad field (PlacementInputError). */
export function checkStream(stream: ArrivalStream): void {
  const M = stream.municipalities.length;
  const check = (list: readonly StreamHousehold[], name: string) =>
    list.forEach((h, i) => {
      if (!Number.isInteger(h.persons) || h.persons < 1) throw new PlacementInputError(`${name}[${i}].persons must be a whole number >= 1 (got ${h.persons})`);
      if (!Number.isInteger(h.day) || h.day < 0 || h.day >= HALF_YEAR_DAYS) {
        throw new PlacementInputError(`${name}[${i}].day must be a whole number from 0 to ${HALF_YEAR_DAYS - 1} (got ${h.day})`);
      }
      if (h.mun.length !== h.score.length) throw new PlacementInputError(`${name}[${i}]: mun and score must have the same length`);
      for (let j = 0; j < h.mun.length; j++) {
        if (!(h.mun[j] >= 0 && h.mun[j] < M)) throw new PlacementInputError(`${name}[${i}].mun[${j}] is not a municipality index`);
        if (!(h.score[j] >= 0 && h.score[j] <= 1)) throw new PlacementInputError(`${name}[${i}].score[${j}] = ${h.score[j]} is not in [0, 1]`);
      }
    });
  check(stream.households, 'households');
  check(stream.history ?? [], 'history');
}

/**
 * The cohort problem of a list of households against given capacities (default: the stream's
 * tasks). `arrival` is the day, so the greedy baseline of the plan follows the stream.
 */
export function problemOf(
  municipalities: readonly PlacementMunicipality[],
  households: readonly StreamHousehold[],
  capacities?: ArrayLike<number>,
): PlacementProblem {
  let n = 0;
  for (const h of households) n += h.mun.length;
  const b = new PlacementPairsBuilder(n);
  households.forEach((h, i) => {
    for (let j = 0; j < h.mun.length; j++) b.add(i, h.mun[j], h.score[j]);
  });
  return {
    // hardTies: the shortage report counts the tie holders against the places within their reach (R12).
    households: households.map((h) => ({ id: h.id, persons: h.persons, arrival: h.day, hardTies: h.tieHolder })),
    municipalities: capacities ? municipalities.map((m, i) => ({ ...m, capacity: Math.max(0, capacities[i]) })) : municipalities,
    pairs: b.build(),
  };
}

/** Households in the order they are decided: by day, then id (the greedy baseline's order). */
export function arrivalOrder(households: readonly StreamHousehold[]): number[] {
  return households
    .map((_, i) => i)
    .sort((a, b) => households[a].day - households[b].day || (households[a].id < households[b].id ? -1 : households[a].id > households[b].id ? 1 : 0));
}
