import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Client } from 'urql';
import { HouseholdDocument, type Language, type Role } from '../gql/graphql';
import type { Lang } from '../i18n/I18n';
import { HOUSEHOLD_ROLES } from './nav';

/**
 * A screen loaded when first opened, like `React.lazy`, except that once its module has arrived
 * (requested early, as a deep link does) it renders at once. A lazy component suspends once even
 * then, and React holds back revealing a suspended screen for up to 300 ms after its fallback
 * showed: time the household screen's data would wait for nothing.
 */
function lazyScreen<T extends ComponentType>(load: () => Promise<{ default: T }>): { Screen: LazyExoticComponent<T>; preload(): Promise<unknown> } {
  let loaded: { default: T } | null = null;
  const preload = () => load().then((m) => (loaded = m));
  // A thenable that answers at once: React then takes the module without suspending.
  const now = (m: { default: T }) => ({ then: (resolve: (m: { default: T }) => void) => resolve(m) }) as unknown as Promise<{ default: T }>;
  return { Screen: lazy(() => (loaded ? now(loaded) : preload().then(() => loaded!))), preload };
}

/** The household screen and its map: each a chunk of its own, loaded when needed. */
const household = lazyScreen(() => import('../screens/Household'));
export const HouseholdScreen = household.Screen;
export const loadHouseholdScreen = household.preload;

type MapModule = typeof import('../map/NlMap');
let mapModule: MapModule | null = null;
export const loadMap = (): Promise<MapModule> => import('../map/NlMap').then((m) => (mapModule = m));
/** The map's module once it has arrived, so a screen can draw the map in the same render as its data. */
export const loadedMap = (): MapModule | null => mapModule;

const HOUSEHOLD = /^\/households\/([^/]+)\/?$/;
const keyOf = (id: string, language: Language) => `${id}:${language}`;
/** Household data a deep link requested that its screen has not yet taken over. */
const waiting = new Set<string>();

/**
 * A household opened by its address (a new tab, a reload, a bookmark): its screen, its map and
 * its data are requested as the app starts, beside the sign-in check, rather than one after the
 * other (check, then screen, then map and data: three round trips before the data could start).
 * Only for the household screen, the one with a speed goal (interactive within 1.5 s); the data
 * lands in the client's cache, where the screen takes it from (`fromDeepLink`).
 * Only for a role that may read households, as whoami last named it: the API would refuse any
 * other (an evaluator sees no personal data), and the screen then tells why instead. With the
 * role not yet known the screen asks for itself, after whoami.
 */
export function prefetchDeepLink(client: Client, path: string, lang: Lang, role: Role | null): void {
  const m = HOUSEHOLD.exec(path);
  if (!m || !role || !HOUSEHOLD_ROLES.includes(role)) return;
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
