import { createContext, useContext } from 'react';
import type { WhoamiQuery } from '../gql/graphql';

export type Identity = WhoamiQuery['whoami'];
export const IdentityContext = createContext<{ identity: Identity; about: WhoamiQuery['about'] } | null>(null);

export function useIdentity() {
  const v = useContext(IdentityContext);
  if (!v) throw new Error('useIdentity outside a signed-in layout');
  return v;
}
