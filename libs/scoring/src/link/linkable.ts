import type { Household } from '../model/household';
import type { RuleCheck } from '../model/score-result';

const STATUS = {
  ASYLUM_SEEKER: { nl: 'asielzoeker (in procedure)', en: 'asylum seeker (in procedure)' },
  STATUS_HOLDER: { nl: 'statushouder', en: 'status holder' },
  DISPLACED_UKRAINE: { nl: 'ontheemde uit Oekraïne', en: 'displaced from Ukraine' },
} as const;

/**
 * R2, domain §5: only a permit holder's household is linked to a municipality; its persons count
 * against the housing task for status holders (R11). A household is linkable when at least one
 * member is a status holder (the others are family placed with them, R16, as the linking queue
 * counts them); a household without one (asylum seekers in procedure, people displaced from
 * Ukraine) is not. Members are named by id (callers replace ids by what the reader may see).
 */
export function checkLinkable(household: Household): RuleCheck {
  if (household.members.some((m) => m.legalStatus === 'STATUS_HOLDER')) {
    return { rule: 'R2', passed: true, reason: { nl: 'Het huishouden heeft een statushouder: het kan gekoppeld worden.', en: 'The household has a status holder: it can be linked.' } };
  }
  const nl = household.members.map((m) => `lid ${m.id} is ${STATUS[m.legalStatus].nl}`).join(', ');
  const en = household.members.map((m) => `member ${m.id} is ${STATUS[m.legalStatus].en}`).join(', ');
  return {
    rule: 'R2',
    passed: false,
    reason: {
      nl: `R2: alleen huishoudens van statushouders worden aan een gemeente gekoppeld en dit huishouden heeft er geen: ${nl}.`,
      en: `R2: only status holders' households are linked to a municipality and this household has none: ${en}.`,
    },
  };
}
