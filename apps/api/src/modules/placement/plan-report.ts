import { describeShortage, type BalanceReport, type ShortageReport } from '@kansrijk/matching';
import type { BalanceSummary, Shortage } from './models/placement.models';

/**
 * The shortage report of a plan for the API (R11, R12): the solver's numbers, with places left out
 * when the period has no housing total (capacity is then set so high that it is no limit, and its
 * sum would mean nothing), and the same in plain Dutch and English.
 */
export function toShortage(s: ShortageReport, args: { capacityKnown: boolean; tieRadiusKm?: number }): Shortage {
  const known = args.capacityKnown;
  const text = describeShortage(s, { capacityKnown: known, tieRadiusKm: args.tieRadiusKm });
  return {
    households: s.households,
    persons: s.persons,
    places: known ? s.places : null,
    shortfall: known ? s.shortfall : null,
    tieHolders: {
      households: s.tieHolders.households,
      persons: s.tieHolders.persons,
      places: known ? s.tieHolders.places : null,
      shortfall: known ? s.tieHolders.shortfall : null,
    },
    placementWeight: s.weighting.toUpperCase(),
    placed: s.placed,
    personsPlaced: s.personsPlaced,
    bySize: s.bySize.map((c) => ({ ...c })),
    textNl: text.nl,
    textEn: text.en,
  };
}

const pointsNl = (t: number) => `±${(Math.round(t * 1000) / 10).toLocaleString('nl-NL')} procentpunt`;
const pointsEn = (t: number) => `±${(Math.round(t * 1000) / 10).toLocaleString('en-GB')} percentage points`;

/** R14: the spread a plan keeps, in words; says so when a cohort too small for the asked tolerance made it widen. */
export function toBalanceSummary(b: BalanceReport | undefined, placed: number): BalanceSummary | null {
  if (!b) return null;
  let textNl: string;
  let textEn: string;
  if (b.relaxed) {
    textNl =
      `R14: de gevraagde spreiding (${pointsNl(b.requestedTolerance)} rond het bevolkingsaandeel van elke arbeidsmarktregio) is met een cohort van deze omvang niet haalbaar met ook maar één huishouden geplaatst. ` +
      `De marge is verruimd tot ${pointsNl(b.tolerance)}: de kleinste (op 0,5 punt) waarbij evenveel huishoudens geplaatst worden als zonder spreiding.`;
    textEn =
      `R14: the spread asked for (${pointsEn(b.requestedTolerance)} around each labour-market region's population share) cannot be met by a cohort this small with even one household placed. ` +
      `The tolerance was widened to ${pointsEn(b.tolerance)}: the smallest (to 0.5 point) at which as many households are placed as without a spread.`;
  } else if (placed === 0 && b.regions.some((r) => r.lower > 0)) {
    textNl = `R14: met een spreiding van ${pointsNl(b.tolerance)} kan niemand geplaatst worden; verruim de marge.`;
    textEn = `R14: with a spread of ${pointsEn(b.tolerance)} nobody can be placed; widen the tolerance.`;
  } else {
    textNl = `R14: het aandeel van elke arbeidsmarktregio in de geplaatste personen ligt binnen ${pointsNl(b.tolerance)} van haar bevolkingsaandeel.`;
    textEn = `R14: every labour-market region's share of the placed persons lies within ${pointsEn(b.tolerance)} of its population share.`;
  }
  return { requestedTolerance: b.requestedTolerance, tolerance: b.tolerance, relaxed: b.relaxed, satisfied: b.satisfied, textNl, textEn };
}
