import { Spin } from 'antd';
import { Navigate } from 'react-router-dom';
import type { Role } from '../../../src/auth/roles.js';
import { useSession } from '../auth/session.js';

/** Where each role lands (issue 12): its own work; a visitor on the plan. */
export const LANDING: Record<Role, string> = {
  unit_staff: '/ledger/todo',
  leader: '/ledger/leader',
  office: '/ledger/queue',
  admin: '/ledger/queue',
  enterprise: '/enterprises/mine',
  supervisor: '/requests/reports',
  bank: '/finance/bank',
};

/** `/`: the signed-in user's own work, or the plan for a visitor (waits for the session first). */
export function Landing() {
  const { user, loading } = useSession();
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return <Navigate to={user ? LANDING[user.role] : '/plan'} replace />;
}
