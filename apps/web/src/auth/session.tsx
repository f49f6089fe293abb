import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Client, cacheExchange, fetchExchange, Provider } from 'urql';
import type { Role } from '../gql/graphql';

/**
 * The API key lives in this tab only: in memory, and in sessionStorage so a reload keeps the
 * session. Never in the URL, never in localStorage (it would outlive the tab).
 */
const STORE = 'kansrijk.key';
/**
 * The role the API last named for that key (whoami). Only a hint, so the app starts no request
 * the role may not make before whoami has answered again; the API decides what a key may do.
 */
const ROLE_STORE = 'kansrijk.role';

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORE);
  } catch {
    return null;
  }
}

function storedRole(): Role | null {
  try {
    return sessionStorage.getItem(ROLE_STORE) as Role | null;
  } catch {
    return null;
  }
}

/** Keeps the role whoami gave this tab's key, for the next start of the app (`bootSession`). */
export function rememberRole(role: Role): void {
  try {
    sessionStorage.setItem(ROLE_STORE, role);
  } catch {
    // storage refused: the next start waits for whoami
  }
}

function forget(): void {
  try {
    sessionStorage.removeItem(STORE);
    sessionStorage.removeItem(ROLE_STORE);
  } catch {
    // nothing stored
  }
}

export function makeClient(key: string | null): Client {
  return new Client({
    url: '/graphql',
    // POST only: the API's CSRF protection refuses simple GET requests.
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: (): RequestInit => ({ headers: key ? { authorization: `Bearer ${key}` } : ({} as Record<string, string>) }),
  });
}

/** The client for the key this tab already held when the app started (see `bootSession`). */
let boot: { key: string; client: Client } | null = null;

/**
 * The client for the key this tab already holds, made before the first render so that a deep
 * link's requests can start with the app (deep-link.ts); the session then uses this client.
 * With it the role whoami last gave that key, if known, for the deep link to ask only what the
 * role may read.
 */
export function bootSession(): { client: Client; role: Role | null } | null {
  const key = storedKey();
  boot = key ? { key, client: makeClient(key) } : null;
  return boot ? { client: boot.client, role: storedRole() } : null;
}

interface Session {
  key: string | null;
  signIn(key: string): void;
  signOut(): void;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [key, setKey] = useState<string | null>(storedKey);
  const signIn = useCallback((k: string) => {
    // The previous key's role says nothing about this one.
    forget();
    try {
      sessionStorage.setItem(STORE, k);
    } catch {
      // kept in memory only
    }
    boot = null;
    setKey(k);
  }, []);
  const signOut = useCallback(() => {
    forget();
    boot = null;
    setKey(null);
  }, []);
  // A new client per key: nothing cached under one key is shown to the next.
  const client = useMemo(() => (boot && boot.key === key ? boot.client : makeClient(key)), [key]);
  const session = useMemo(() => ({ key, signIn, signOut }), [key, signIn, signOut]);
  return (
    <Ctx.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </Ctx.Provider>
  );
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
