import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api.js';

export interface SessionUser {
  id: number;
  account: string;
  name: string;
  role: string;
  unitIds: number[];
  enterpriseId: number | null;
}

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState>({ user: null, loading: true, refresh: async () => {}, logout: async () => {} });

export const ROLE_LABELS: Record<string, string> = { office: '营商办', unit_staff: '单位工作人员', leader: '领导', admin: '系统管理员', enterprise: '企业' };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setUser((await api<{ user: SessionUser | null }>('/api/auth/me')).user);
    } finally {
      setLoading(false);
    }
  }, []);
  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' });
    setUser(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ user, loading, refresh, logout }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
