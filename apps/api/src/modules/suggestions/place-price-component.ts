import type { ScoreComponent } from '@kansrijk/scoring';
import type { StoredPlacePrice } from '../place-prices/place-price-set.entity';

/** A number as a caseworker reads it: two decimals (three when smaller), Dutch with a comma, and a real minus sign. */
function figure(x: number, lang: 'nl' | 'en'): string {
  const digits = x !== 0 && Math.abs(x) < 0.005 ? 3 : 2;
  const s = Math.abs(x).toFixed(digits);
  const sign = x < 0 && Number(s) !== 0 ? '\u2212' : '';
  return sign + (lang === 'nl' ? s.replace('.', ',') : s);
}

/**
 * The price of the places a household would take in a municipality, as a score component (R11,
 * R18): value = the price per person, weight = −persons ÷ the household's weight in the priced
 * plan, contribution = value × weight, so the components still sum to the (dynamic) score. The
 * prices are capacity duals of a plan that maximises Σ weight × link score (the policy's
 * placementWeight: 1 per household, its persons, or persons by waiting time), so a household's
 * reduced value there is weight × (score − persons × price ÷ weight): under PERSON a place costs
 * the price once per household, whatever its size, as the plan itself counts it. The reason names
 * the municipality and why its places are wanted: by the households with a hard tie there (R12), or
 * by households that fit it better. `stored` null or its price null: see the reasons.
 */
export function placePriceComponent(args: { municipalityName: string; persons: number; weight: number; stored: StoredPlacePrice | undefined; highest: number }): ScoreComponent {
  const { municipalityName: name, persons } = args;
  const perScore = persons / args.weight;
  const noRoom = !args.stored || args.stored.price === null;
  // A municipality with no room when the prices were computed has room now only because a decision
  // was undone since: its places were the scarcest, so they cost the highest price of the set.
  const price = noRoom ? args.highest : args.stored!.price!;
  const contribution = -price * perScore;
  const c = (nl: string, en: string): ScoreComponent => ({ name: 'placePrice', value: price, weight: -perScore, contribution, reason: { nl: `${nl}: ${figure(contribution, 'nl')}`, en: `${en}: ${figure(contribution, 'en')}` } });
  const who = persons === 1 ? { nl: '1 persoon', en: '1 person' } : { nl: `${persons} personen`, en: `${persons} persons` };
  if (noRoom) {
    return c(
      `Plaatsen in ${name} waren bij de laatste berekening al op; voor ${who.nl} geldt de hoogste prijs van het halfjaar`,
      `${name} had no places left when prices were last computed; ${who.en} pay the half-year's highest price`,
    );
  }
  if (price <= 0) {
    return c(`Plaatsen in ${name} zijn de rest van het halfjaar naar verwachting niet schaars`, `Places in ${name} are not expected to be scarce for the rest of the half-year`);
  }
  if (args.stored!.tieHolders > 0) {
    return c(
      `Plaatsen in ${name} zijn de rest van het halfjaar naar verwachting nodig voor huishoudens met harde binding daar`,
      `Places in ${name} are expected to be needed for the rest of the half-year by households with a hard tie there`,
    );
  }
  return c(
    `Plaatsen in ${name} zijn de rest van het halfjaar naar verwachting nodig voor huishoudens die er beter passen`,
    `Places in ${name} are expected to be needed for the rest of the half-year by households that fit there better`,
  );
}
