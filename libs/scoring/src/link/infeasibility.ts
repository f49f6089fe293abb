import type { MunicipalityProfile } from '../model/municipality-profile';
import type { Policy } from '../policy/policy';
import type { Household } from '../model/household';
import { formatKm } from '../util/format';
import { distanceKm, withinKm } from '../util/haversine';
import { judgeTies, type JudgedTie } from './hard-ties';

const KIND = {
  FAMILY: { nl: 'familie in de eerste graad', en: 'first-degree family' },
  WORK: { nl: 'werk', en: 'work' },
  EDUCATION: { nl: 'toelating tot onderwijs', en: 'admission to education' },
  MEDICAL: { nl: 'noodzakelijke medische behandeling', en: 'necessary medical treatment' },
} as const;

/** Municipalities that cannot take the household in the period, with their room left. */
export interface FullMunicipality {
  name: string;
  capacityLeft: number;
}

/**
 * Why no municipality fits a household (R11, R12), naming the causes, in Dutch and English.
 * R12: the hard ties that cannot be honoured together: every pair of ties no municipality lies
 * within the radius of both (kind, municipality name, member by id for the caller to replace,
 * and how far apart they are); when every pair can be met but not all at once, all ties. R11:
 * when municipalities lie within reach of every tie but all are full, their names and room left
 * (alphabetically, the first `maxNamed`, then how many more).
 */
export function explainInfeasibility(args: {
  household: Household;
  municipalities: readonly MunicipalityProfile[];
  policy: Policy;
  period: string;
  /** Municipalities within the radius of every hard tie (all full when this is called with some). */
  withinTies: readonly MunicipalityProfile[];
  capacityLeft: (code: string) => number | null;
  nameOf: (code: string) => string;
  persons: number;
  maxNamed?: number;
}): { nl: string; en: string } {
  const radius = args.policy.params.tieRadiusKm;
  const r = { nl: formatKm(radius, 'nl'), en: formatKm(radius, 'en') };
  const hard = judgeTies(args.household.members, args.policy).filter((j) => j.qualifies);
  const name = (t: JudgedTie, lang: 'nl' | 'en') => `${KIND[t.tie.kind][lang]} in ${args.nameOf(t.tie.municipalityCode)} (${lang === 'nl' ? 'lid' : 'member'} ${t.memberId})`;
  if (args.withinTies.length === 0) {
    const near = (m: MunicipalityProfile, t: JudgedTie) => m.code === t.tie.municipalityCode || withinKm(distanceKm(m.centroid, t.tie.location), radius);
    const pairs: [JudgedTie, JudgedTie][] = [];
    for (let i = 0; i < hard.length; i++) {
      for (let j = i + 1; j < hard.length; j++) {
        if (!args.municipalities.some((m) => near(m, hard[i]) && near(m, hard[j]))) pairs.push([hard[i], hard[j]]);
      }
    }
    if (pairs.length > 0) {
      const each = (lang: 'nl' | 'en') =>
        pairs
          .map(([a, b]) => {
            const km = formatKm(distanceKm(a.tie.location, b.tie.location), lang);
            return lang === 'nl' ? `${name(a, lang)} en ${name(b, lang)} liggen ${km} uit elkaar` : `${name(a, lang)} and ${name(b, lang)} lie ${km} apart`;
          })
          .join('; ');
      return {
        nl: `R12: geen gemeente ligt binnen ${r.nl} van alle ${hard.length} harde bindingen van het huishouden: ${each('nl')}.`,
        en: `R12: no municipality lies within ${r.en} of all ${hard.length} hard ties of the household: ${each('en')}.`,
      };
    }
    const all = (lang: 'nl' | 'en') => hard.map((t) => name(t, lang)).join(', ');
    return {
      nl: `R12: geen gemeente ligt binnen ${r.nl} van alle ${hard.length} harde bindingen van het huishouden tegelijk (elk paar kan wel): ${all('nl')}.`,
      en: `R12: no municipality lies within ${r.en} of all ${hard.length} hard ties of the household at once (each pair can be met): ${all('en')}.`,
    };
  }
  const max = args.maxNamed ?? 10;
  const full = args.withinTies
    .map((m) => ({ name: m.name, left: Math.max(0, args.capacityLeft(m.code) ?? 0) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const shown = full.slice(0, max);
  const more = full.length - shown.length;
  const list = (lang: 'nl' | 'en') =>
    shown.map((f) => (lang === 'nl' ? `${f.name} (nog ${f.left})` : `${f.name} (${f.left} left)`)).join(', ') +
    (more > 0 ? (lang === 'nl' ? ` en ${more} andere` : ` and ${more} more`) : '');
  const scope = hard.length > 0 ? { nl: ` binnen ${r.nl} van de harde bindingen`, en: ` within ${r.en} of the hard ties` } : { nl: '', en: '' };
  return {
    nl: `R11: alle ${full.length} gemeenten${scope.nl} hebben in ${args.period} geen plaats meer voor ${args.persons} personen: ${list('nl')}.`,
    en: `R11: all ${full.length} municipalities${scope.en} are full for ${args.persons} persons in ${args.period}: ${list('en')}.`,
  };
}
