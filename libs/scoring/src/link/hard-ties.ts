import type { CandidateProfile, HardTie } from '../model/candidate-profile';
import type { GeoPoint } from '../model/geo-point';
import type { Household } from '../model/household';
import type { MunicipalityProfile } from '../model/municipality-profile';
import type { RuleCheck } from '../model/score-result';
import type { Policy } from '../policy/policy';
import { formatKm, formatNumber } from '../util/format';
import { distanceKm as haversineKm, withinKm } from '../util/haversine';

/** A distance function between two points, km (great-circle by default). */
export type DistanceFn = (a: GeoPoint, b: GeoPoint) => number;

/** One tie of one household member, judged against the R12 definition of a hard tie. */
export interface JudgedTie {
  memberId: string;
  tie: HardTie;
  /** Counts as a hard tie under R12. */
  qualifies: boolean;
  /** Why a WORK tie does not count (hours, contract, payslip), or a FAMILY tie is not first degree. */
  notQualifyingBecause: { nl: string; en: string } | null;
}

const KIND = {
  FAMILY: { nl: 'familie in de eerste graad', en: 'first-degree family' },
  WORK: { nl: 'werk', en: 'work' },
  EDUCATION: { nl: 'toelating tot onderwijs', en: 'admission to education' },
  MEDICAL: { nl: 'noodzakelijke medische behandeling', en: 'necessary medical treatment' },
} as const;

/**
 * R12: whether a tie is hard. First-degree FAMILY, EDUCATION (admission) and MEDICAL (necessary
 * treatment) always are; WORK only with hours >= `minWorkHoursForTie` (exactly 8 counts), a signed
 * contract and the latest payslip. A FAMILY tie with `firstDegree: false` is network (R13), not hard.
 */
export function judgeTie(memberId: string, tie: HardTie, policy: Policy): JudgedTie {
  const min = policy.params.minWorkHoursForTie;
  if (tie.kind === 'FAMILY' && tie.firstDegree === false) {
    return { memberId, tie, qualifies: false, notQualifyingBecause: { nl: 'geen familie in de eerste graad (telt als netwerk)', en: 'not first-degree family (counts as network)' } };
  }
  if (tie.kind !== 'WORK') return { memberId, tie, qualifies: true, notQualifyingBecause: null };
  const nl: string[] = [];
  const en: string[] = [];
  const h = tie.hoursPerWeek ?? 0;
  if (!(h + 1e-9 >= min)) {
    nl.push(`${formatNumber(h, 'nl')} uur per week (minimaal ${formatNumber(min, 'nl')})`);
    en.push(`${formatNumber(h, 'en')} hours a week (at least ${formatNumber(min, 'en')})`);
  }
  if (tie.signedContract !== true) {
    nl.push('geen getekend contract');
    en.push('no signed contract');
  }
  if (tie.payslip !== true) {
    nl.push('geen loonstrook');
    en.push('no payslip');
  }
  return nl.length === 0 ? { memberId, tie, qualifies: true, notQualifyingBecause: null } : { memberId, tie, qualifies: false, notQualifyingBecause: { nl: nl.join(', '), en: en.join(', ') } };
}

/** Every tie of every member, judged (R12, R16). */
export function judgeTies(members: readonly CandidateProfile[], policy: Policy): JudgedTie[] {
  return members.flatMap((m) => m.ties.map((t) => judgeTie(m.id, t, policy)));
}

/** The places of a household's hard ties (R12), for fast pruning with `satisfiesHardTies`. */
export function hardTiePoints(args: { household: Household; policy: Policy }): { municipalityCode: string; location: GeoPoint }[] {
  return judgeTies(args.household.members, args.policy)
    .filter((j) => j.qualifies)
    .map((j) => ({ municipalityCode: j.tie.municipalityCode, location: j.tie.location }));
}

/**
 * R12, fast: whether a municipality lies within `radiusKm` of every hard-tie point (a tie in the
 * municipality itself always does). Distances from the municipality's centroid, with the
 * documented 1 m tolerance, so exactly 50.0 km is within.
 */
export function satisfiesHardTies(args: {
  points: readonly { municipalityCode: string; location: GeoPoint }[];
  municipality: MunicipalityProfile;
  radiusKm: number;
  distanceKm?: DistanceFn;
}): boolean {
  const dist = args.distanceKm ?? haversineKm;
  for (const p of args.points) {
    if (p.municipalityCode === args.municipality.code) continue;
    if (!withinKm(dist(args.municipality.centroid, p.location), args.radiusKm)) return false;
  }
  return true;
}

/** The outcome of the R12 check for one household and one municipality. */
export interface HardTieCheck {
  passed: boolean;
  checks: RuleCheck[];
  ties: (JudgedTie & { distanceKm: number; within: boolean })[];
}

/**
 * R12 with reasons: every hard tie of every member must lie within `tieRadiusKm` of the
 * municipality (measured from its centroid to the tie's place; a tie in the municipality itself is
 * always within; exactly 50.0 km is within). A municipality beyond the radius of any hard tie is
 * never eligible. Ties that are not hard are listed as passed checks saying why they do not bind.
 */
export function checkHardTies(args: {
  household: Household;
  municipality: MunicipalityProfile;
  policy: Policy;
  distanceKm?: DistanceFn;
  /** Names a tie's municipality in the reasons (its code when absent). */
  nameOf?: (code: string) => string;
}): HardTieCheck {
  const nameOf = args.nameOf ?? ((code: string) => code);
  const dist = args.distanceKm ?? haversineKm;
  const radius = args.policy.params.tieRadiusKm;
  const r = { nl: formatKm(radius, 'nl'), en: formatKm(radius, 'en') };
  const mun = args.municipality;
  const ties = judgeTies(args.household.members, args.policy).map((j) => {
    const km = j.tie.municipalityCode === mun.code ? 0 : dist(mun.centroid, j.tie.location);
    return { ...j, distanceKm: km, within: withinKm(km, radius) };
  });
  const checks: RuleCheck[] = ties.map((t) => {
    const kind = KIND[t.tie.kind];
    const place = nameOf(t.tie.municipalityCode);
    const where = { nl: `${kind.nl} in ${place} (lid ${t.memberId})`, en: `${kind.en} in ${place} (member ${t.memberId})` };
    if (!t.qualifies) {
      const why = t.notQualifyingBecause as { nl: string; en: string };
      return { rule: 'R12', passed: true, reason: { nl: `${cap(where.nl)} is geen harde binding: ${why.nl}.`, en: `${cap(where.en)} is not a hard tie: ${why.en}.` } };
    }
    const d = { nl: formatKm(t.distanceKm, 'nl'), en: formatKm(t.distanceKm, 'en') };
    return t.within
      ? { rule: 'R12', passed: true, reason: { nl: `Harde binding: ${where.nl}, op ${d.nl} van ${mun.name}, binnen ${r.nl}.`, en: `Hard tie: ${where.en}, ${d.en} from ${mun.name}, within ${r.en}.` } }
      : { rule: 'R12', passed: false, reason: { nl: `Harde binding: ${where.nl}, op ${d.nl} van ${mun.name}, verder dan ${r.nl}: deze gemeente kan niet.`, en: `Hard tie: ${where.en}, ${d.en} from ${mun.name}, beyond ${r.en}: this municipality is not possible.` } };
  });
  if (checks.length === 0) checks.push({ rule: 'R12', passed: true, reason: { nl: 'Geen harde bindingen: elke afstand is toegestaan.', en: 'No hard ties: any distance is allowed.' } });
  return { passed: ties.every((t) => !t.qualifies || t.within), checks, ties };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
