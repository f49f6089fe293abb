import type { Instance } from './instance';
import type { PlanState } from './plan-state';
import type { PlacementWeighting, ShortageReport, SizeCount, UnplacedHousehold } from './types';

/**
 * Persons against places (R11) for the whole cohort and for its households with a hard tie
 * (R12), and the plan's outcome by household size: what an adviser needs to read a plan under
 * shortage before reading any single household.
 */
export function shortageReport(inst: Instance, state: PlanState, unplaced: readonly UnplacedHousehold[]): ShortageReport {
  const { H, M, start, pm, persons, cap } = inst;
  let places = 0;
  for (let m = 0; m < M; m++) places += cap[m];
  let total = 0;
  let tieHouseholds = 0;
  let tiePersons = 0;
  const reach = new Uint8Array(M);
  const sizes = new Map<number, SizeCount>();
  for (let h = 0; h < H; h++) {
    const p = persons[h];
    total += p;
    const c = sizes.get(p) ?? sizes.set(p, { persons: p, households: 0, placed: 0, unplaced: 0, noRoomAnywhere: 0 }).get(p)!;
    c.households++;
    if (state.pair[h] >= 0) c.placed++;
    else c.unplaced++;
    if (!inst.hardTies[h]) continue;
    tieHouseholds++;
    tiePersons += p;
    for (let k = start[h]; k < start[h + 1]; k++) reach[pm[k]] = 1;
  }
  for (const u of unplaced) if (u.reason === 'noRoomAnywhere') sizes.get(u.persons)!.noRoomAnywhere++;
  let tiePlaces = 0;
  for (let m = 0; m < M; m++) if (reach[m]) tiePlaces += cap[m];
  return {
    households: H,
    persons: total,
    places,
    shortfall: Math.max(0, total - places),
    tieHolders: { households: tieHouseholds, persons: tiePersons, places: tiePlaces, shortfall: Math.max(0, tiePersons - tiePlaces) },
    weighting: inst.weighting,
    bySize: [...sizes.values()].sort((a, b) => a.persons - b.persons),
    placed: state.placed,
    personsPlaced: state.placedPersons,
  };
}

export interface ShortageWording {
  /** false when the period has no housing total, so capacity was no limit (R11): places are then not reported. */
  capacityKnown?: boolean;
  /** The R12 tie radius, for the words. */
  tieRadiusKm?: number;
}

const WEIGHTING_WORDS: Record<PlacementWeighting, { nl: string; en: string }> = {
  household: { nl: 'per huishouden (elk huishouden telt één keer, hoe groot ook)', en: 'by household (each household counts once, whatever its size)' },
  person: { nl: 'per persoon (elke persoon telt even zwaar, dus grote gezinnen staan niet achteraan)', en: 'by person (every person counts the same, so large families do not come last)' },
  waiting: { nl: 'per persoon, zwaarder naarmate het huishouden langer wacht sinds de verblijfsvergunning', en: 'by person, weighing more the longer the household has waited since its permit' },
};

/** The shortage report in plain words, Dutch and English, with its numbers. */
export function describeShortage(s: ShortageReport, wording: ShortageWording = {}): { nl: string; en: string } {
  const nl = (n: number) => n.toLocaleString('nl-NL');
  const en = (n: number) => n.toLocaleString('en-GB');
  // Numbers with their noun, singular for one.
  const nlN = (n: number, one: string, many: string) => `${nl(n)} ${n === 1 ? one : many}`;
  const enN = (n: number, one: string, many: string) => `${en(n)} ${n === 1 ? one : many}`;
  const pct = (a: number, b: number) => (b > 0 ? Math.round((100 * a) / b) : 0);
  const known = wording.capacityKnown !== false;
  const radius = wording.tieRadiusKm;
  const outNl: string[] = [];
  const outEn: string[] = [];
  const who = { nl: `${nlN(s.persons, 'persoon', 'personen')} in ${nlN(s.households, 'huishouden', 'huishoudens')}`, en: `${enN(s.persons, 'person', 'persons')} in ${enN(s.households, 'household', 'households')}` };
  if (!known) {
    outNl.push(`${who.nl}; voor deze periode is geen landelijke huisvestingstaak bekend, dus het aantal plaatsen is geen grens (R11).`);
    outEn.push(`${who.en}; the period has no national housing total, so the number of places is no limit (R11).`);
  } else if (s.shortfall > 0) {
    outNl.push(`Tekort: ${who.nl} tegenover ${nlN(s.places, 'plaats', 'plaatsen')}; ${nlN(s.shortfall, 'persoon', 'personen')} (${pct(s.shortfall, s.persons)}%) kunnen hoe dan ook niet geplaatst worden (R11).`);
    outEn.push(`Shortage: ${who.en} against ${enN(s.places, 'place', 'places')}; ${enN(s.shortfall, 'person', 'persons')} (${pct(s.shortfall, s.persons)}%) cannot be placed whatever the plan (R11).`);
  } else {
    outNl.push(`Geen tekort in totaal: ${who.nl} tegenover ${nlN(s.places, 'plaats', 'plaatsen')} (R11).`);
    outEn.push(`No overall shortage: ${who.en} against ${enN(s.places, 'place', 'places')} (R11).`);
  }
  if (known && s.tieHolders.households > 0) {
    const within = radius === undefined ? { nl: 'binnen de straal van hun harde bindingen', en: 'within the radius of their hard ties' } : { nl: `binnen ${nl(radius)} km van hun harde bindingen`, en: `within ${en(radius)} km of their hard ties` };
    const t = s.tieHolders;
    outNl.push(
      `Huishoudens met een harde binding (R12): ${nl(t.households)} met ${nlN(t.persons, 'persoon', 'personen')}, tegenover ${nlN(t.places, 'plaats', 'plaatsen')} ${within.nl}` +
        (t.shortfall > 0 ? `; een tekort van ${nlN(t.shortfall, 'persoon', 'personen')}.` : '.'),
    );
    outEn.push(
      `Households with a hard tie (R12): ${en(t.households)} with ${enN(t.persons, 'person', 'persons')}, against ${enN(t.places, 'place', 'places')} ${within.en}` +
        (t.shortfall > 0 ? `; a shortage of ${enN(t.shortfall, 'person', 'persons')}.` : '.'),
    );
  }
  const unplaced = s.households - s.placed;
  outNl.push(`Het plan plaatst ${nl(s.placed)} van de ${nl(s.households)} huishoudens (${nl(s.personsPlaced)} van de ${nl(s.persons)} personen).`);
  outEn.push(`The plan places ${en(s.placed)} of the ${en(s.households)} households (${en(s.personsPlaced)} of the ${en(s.persons)} persons).`);
  if (unplaced > 0) {
    const sized = s.bySize.filter((c) => c.unplaced > 0);
    outNl.push(
      `Een tekort wordt verdeeld ${WEIGHTING_WORDS[s.weighting].nl}. Niet geplaatst, naar grootte: ` +
        sized.map((c) => `${c.persons} ${c.persons === 1 ? 'persoon' : 'personen'}: ${nl(c.unplaced)} van ${nl(c.households)}`).join('; ') +
        '.',
    );
    outEn.push(
      `A shortage is shared ${WEIGHTING_WORDS[s.weighting].en}. Not placed, by size: ` +
        sized.map((c) => `${c.persons} ${c.persons === 1 ? 'person' : 'persons'}: ${en(c.unplaced)} of ${en(c.households)}`).join('; ') +
        '.',
    );
  }
  return { nl: outNl.join(' '), en: outEn.join(' ') };
}
