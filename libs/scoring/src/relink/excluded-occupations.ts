/**
 * R15: "Cleaning and distribution work never qualify" for re-linking. The rule names sectors, the
 * engine sees ISCO-08 codes, so this list decides which codes count as that work. It is law, not
 * a tunable weight, so it lives in code rather than in the policy. Matched by prefix on the
 * job's ISCO code (a 3-digit entry covers its whole minor group).
 *
 * Cleaning:
 * - 911  domestic, hotel and office cleaners and helpers (9111, 9112)
 * - 912  vehicle, window, laundry and other hand cleaning workers (9121, 9122, 9123, 9129)
 * - 5151 cleaning and housekeeping supervisors in offices, hotels and other establishments
 * - 9613 sweepers and related labourers
 * Distribution (warehouse, parcel and delivery work):
 * - 4321 stock clerks
 * - 8322 car, taxi and van drivers (parcel delivery; taxi driving shares the code and is excluded with it)
 * - 8344 lifting-truck operators (forklift work in distribution centres)
 * - 9321 hand packers
 * - 9331 hand and pedal vehicle drivers (bicycle couriers)
 * - 9333 freight handlers
 * - 9334 shelf fillers
 * - 9621 messengers, package deliverers and luggage porters
 * Deliberately not excluded: 8332 heavy-truck drivers (transport with a professional licence, not
 * distribution work in the sense of the rule) and 4323 transport clerks (planning, office work).
 */
export const RELINKING_EXCLUDED_ISCO: readonly { prefix: string; kind: 'cleaning' | 'distribution' }[] = [
  { prefix: '911', kind: 'cleaning' },
  { prefix: '912', kind: 'cleaning' },
  { prefix: '5151', kind: 'cleaning' },
  { prefix: '9613', kind: 'cleaning' },
  { prefix: '4321', kind: 'distribution' },
  { prefix: '8322', kind: 'distribution' },
  { prefix: '8344', kind: 'distribution' },
  { prefix: '9321', kind: 'distribution' },
  { prefix: '9331', kind: 'distribution' },
  { prefix: '9333', kind: 'distribution' },
  { prefix: '9334', kind: 'distribution' },
  { prefix: '9621', kind: 'distribution' },
];

/** R15: whether an ISCO code is cleaning or distribution work (null when it is neither). */
export function excludedFromRelinking(iscoCode: string): 'cleaning' | 'distribution' | null {
  const code = iscoCode.trim();
  return RELINKING_EXCLUDED_ISCO.find((e) => code.startsWith(e.prefix))?.kind ?? null;
}
