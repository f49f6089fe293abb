/**
 * The dynamic score of linking a household to a municipality: its link score minus the price
 * of the places it takes there (persons x price per person, R11 counts capacity in persons,
 * R16 places the household whole). The price is what those places are expected to be worth to
 * the households still to come this half-year (see `placePrices`), so the score may be
 * negative. Hard rules (R12) are not touched: a pair that breaks one is never ranked at all.
 */
export function dynamicScore(linkScore: number, persons: number, pricePerPerson: number): number {
  return linkScore - persons * pricePerPerson;
}

export interface DynamicCandidate {
  municipalityCode: string;
  /** The household's own link score there, in [0, 1]. */
  linkScore: number;
}

export interface RankedCandidate extends DynamicCandidate {
  /** Price per person of a place there (0 when the municipality has no price). */
  pricePerPerson: number;
  /** persons x pricePerPerson: the component subtracted from the link score. */
  priceComponent: number;
  /** linkScore - priceComponent. */
  dynamicScore: number;
}

/**
 * Ranks a household's allowed municipalities (only those with room for the whole household
 * should be passed) by dynamic score, best first; ties go to the higher link score, then the
 * lower municipality code, so the order is deterministic. A municipality absent from `prices`
 * costs nothing (its capacity is loose or unpriced).
 */
export function rankByDynamicScore(
  candidates: readonly DynamicCandidate[],
  persons: number,
  prices: ReadonlyMap<string, number>,
): RankedCandidate[] {
  return candidates
    .map((c) => {
      const pricePerPerson = prices.get(c.municipalityCode) ?? 0;
      const priceComponent = persons * pricePerPerson;
      return { ...c, pricePerPerson, priceComponent, dynamicScore: c.linkScore - priceComponent };
    })
    .sort(
      (a, b) =>
        b.dynamicScore - a.dynamicScore ||
        b.linkScore - a.linkScore ||
        (a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0),
    );
}
