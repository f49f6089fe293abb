import type { CandidateProfile } from '@kansrijk/scoring';
import { Principal, Role } from '../../common/auth/role';

/** How a text names one person, in Dutch and English. */
export interface PersonLabel {
  nl: string;
  en: string;
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const ageOn = (birthDate: string, onDate: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/**
 * How answers name the members of a household (R20: never by record id). Evaluators see people
 * only by pseudonym. Advisers, admins and platforms, who know the household, read "adult 1 (34)"
 * and "child 1 (7)": adults and children numbered oldest first, with their age on `onDate`.
 */
export function memberLabels(principal: Principal, members: readonly { profile: CandidateProfile; pseudonym: string }[], onDate: string): Map<string, PersonLabel> {
  if (principal.role === Role.EVALUATOR) return new Map(members.map((m) => [m.profile.id, { nl: m.pseudonym, en: m.pseudonym }]));
  const sorted = [...members].sort((a, b) => a.profile.birthDate.localeCompare(b.profile.birthDate) || a.profile.id.localeCompare(b.profile.id));
  let adults = 0;
  let children = 0;
  const labels = new Map<string, PersonLabel>();
  for (const m of sorted) {
    const age = ageOn(m.profile.birthDate, onDate);
    if (age >= 18) {
      adults++;
      labels.set(m.profile.id, { nl: `volwassene ${adults} (${age})`, en: `adult ${adults} (${age})` });
    } else {
      children++;
      labels.set(m.profile.id, { nl: `kind ${children} (${age})`, en: `child ${children} (${age})` });
    }
  }
  return labels;
}

/**
 * The scoring library names members by the id it was given; answers name people by label (see
 * `memberLabels`): every reason of `cs` with the members' ids replaced. An id that is not a member's
 * is replaced too ("a person"): no reason carries a record id.
 */
export function byLabel<T extends { reason: { nl: string; en: string } }>(cs: T[], labels: Map<string, PersonLabel>): T[] {
  return cs.map((c) => ({ ...c, reason: { nl: relabel(c.reason.nl, labels, 'nl'), en: relabel(c.reason.en, labels, 'en') } }));
}

/** `text` with every record id in it replaced by the member's label in `lang`. */
export function relabel(text: string, labels: Map<string, PersonLabel>, lang: 'nl' | 'en'): string {
  return text.replace(UUID_IN_TEXT, (id) => labels.get(id.toLowerCase())?.[lang] ?? (lang === 'nl' ? 'een persoon' : 'a person'));
}
