import type { MessageKey } from '../i18n/I18n';
import type { Role } from '../gql/graphql';

/** The screens and who may open them: the API's role matrix, as the navigation shows it. */
export interface NavItem {
  to: string;
  label: MessageKey;
  roles: Role[];
}

export const NAV: NavItem[] = [
  { to: '/queue', label: 'nav_queue', roles: ['ADMIN', 'ADVISER'] },
  { to: '/candidates', label: 'nav_candidates', roles: ['ADMIN', 'ADVISER', 'PLATFORM'] },
  { to: '/vacancies', label: 'nav_vacancies', roles: ['ADMIN', 'ADVISER', 'PLATFORM'] },
  { to: '/scenarios', label: 'nav_scenarios', roles: ['ADMIN', 'EVALUATOR'] },
  { to: '/admin/keys', label: 'nav_keys', roles: ['ADMIN'] },
  { to: '/admin/housing', label: 'nav_housing', roles: ['ADMIN'] },
  { to: '/admin/labour-demand', label: 'nav_labourDemand', roles: ['ADMIN'] },
  { to: '/admin/audit', label: 'nav_audit', roles: ['ADMIN'] },
];

export const navFor = (role: Role): NavItem[] => NAV.filter((n) => n.roles.includes(role));

/** Who may open a household (not in the navigation: reached from the queue or by its address). Evaluators see no personal data. */
export const HOUSEHOLD_ROLES: Role[] = ['ADMIN', 'ADVISER', 'PLATFORM'];
