import { OutcomeInputError } from '../outcome-input-error';

/**
 * R17: nationality, country of origin, ethnicity, religion, mother tongue and gender are never
 * inputs of a prediction. Spelled as they may appear in a feature name (lower case, letters only).
 */
export const PROTECTED_ATTRIBUTES = [
  'nationality',
  'citizenship',
  'countryofbirth',
  'birthcountry',
  'countryoforigin',
  'origin',
  'ethnicity',
  'ethnic',
  'race',
  'religion',
  'faith',
  'mothertongue',
  'nativelanguage',
  'firstlanguage',
  'gender',
  'sex',
] as const;

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

/**
 * The protected attribute a feature name refers to, or null. Each part of an interaction
 * (`a*b`) is read as its words (`country_of_birth`, `countryOfBirth`, `gender-female`): a word
 * equal to an attribute, or the run of words spelling a compound one ("mother tongue"), is a hit.
 */
export function protectedAttributeIn(featureName: string): string | null {
  for (const part of featureName.split('*')) {
    const words = part.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).map(squash).filter(Boolean);
    const whole = words.join('');
    for (const p of PROTECTED_ATTRIBUTES) {
      if (words.includes(p)) return p;
      if (p.length >= 8 && whole.includes(p)) return p;
    }
  }
  return null;
}

/** Throws (R17) when any name in the list refers to a protected attribute; names the offending entry. */
export function refuseProtectedFeatures(names: readonly string[], field = 'features'): void {
  names.forEach((name, i) => {
    const hit = protectedAttributeIn(name);
    if (hit) throw new OutcomeInputError(`${field}[${i}]`, 'R17', `R17: "${name}" names a protected attribute (${hit}); protected attributes are never model inputs, only monitoring for evaluation`);
  });
}
