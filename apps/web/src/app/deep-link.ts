import type { Client } from 'urql';
import { HouseholdDocument, type Language } from '../gql/graphql';
import type { Lang } from '../i18n/I18n';

/** The household screen and its map: each a chunk of its own, loaded when needed. */
export const loadHouseholdScreen = () => import('../screens/Household');
export const loadMap = () => import('../map/NlMap');

const HOUSEHOLD = /^\/households\/([^/]+)\/?$/;
const keyOf = (id: string, language: Language) => `${id}:${language}`;
/** Household data a deep link requested that its screen has not yet taken over. */
const waiting = new Set<string>();

/**
 * A household opened by its address (a new tab, a reload, a bookmark): its screen, its map and
 * its data are requested as the app starts, beside the sign-in check, rather than one after the
 * other (check, then screen, then map and data: three round trips before the data could start).
 * Only the household screen, the one screens are measured by; the data lands in the client's
 * cache, where the screen takes it from (`fromDeepLink`).
 */
export function prefetchDeepLink(client: Client, path: string, lang: Lang): void {
  const m = HOUSEHOLD.exec(path);
  if (!m) return;
  void loadHouseholdScreen();
  void loadMap();
  const variables = { id: decodeURIComponent(m[1]), language: (lang === 'en' ? 'EN' : 'NL') as Language };
  waiting.add(keyOf(variables.id, variables.language));
  void client.query(HouseholdDocument, variables, { requestPolicy: 'network-only' }).toPromise();
}

/**
 * Whether this household's data is the deep link's, requested moments ago: the screen then reads
 * it (in flight or cached) instead of asking again, which would compute and record the
 * suggestions twice.
 */
export const fromDeepLink = (id: string, language: Language): boolean => waiting.has(keyOf(id, language));

/** The screen has left this household: a later visit asks the API again. */
export const doneWithDeepLink = (id: string, language: Language): void => void waiting.delete(keyOf(id, language));
