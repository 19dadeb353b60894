import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { ROLE_LABELS as SERVER_ROLE_LABELS } from '../../../src/auth/roles.js';
import { $api, client, queryClient, type ApiResponse } from '../api.js';

export type SessionUser = NonNullable<ApiResponse<'/api/auth/me'>['user']>;

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState>({ user: null, loading: true, refresh: async () => {}, logout: async () => {} });

/** The server's role names (src/auth/roles.ts), indexable by any role text (an unknown one shows as is). */
export const ROLE_LABELS: Readonly<Record<string, string | undefined>> = SERVER_ROLE_LABELS;

/** Whether the user has one of the roles (e.g. `POLICY_EDITORS` from a capability's pure core). */
export const hasRole = (user: SessionUser | null, roles: readonly string[]): user is SessionUser => !!user && roles.includes(user.role);

export function SessionProvider({ children }: { children: ReactNode }) {
  const me = $api.useQuery('get', '/api/auth/me', {}, { staleTime: Number.POSITIVE_INFINITY });
  const refresh = useCallback(async () => {
    await me.refetch();
  }, [me.refetch]);
  const logout = useCallback(async () => {
    await client.POST('/api/auth/logout');
    // Everything cached was read as this user: forget it, and read again what is shown (the session too).
    await queryClient.resetQueries();
  }, []);
  return <SessionContext.Provider value={{ user: me.data?.user ?? null, loading: me.isPending, refresh, logout }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
