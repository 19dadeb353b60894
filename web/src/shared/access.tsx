import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { hasRole, ROLE_LABELS, useSession } from '../auth/session.js';

/** The address to come back to after logging in: the page the person is on. */
function useHere(): string {
  const loc = useLocation();
  return `${loc.pathname}${loc.search}`;
}

/** A visitor on a page that needs login: one calm message with a 登录 button that comes back here. */
export function NeedLoginPage({ page }: { page?: string }) {
  const nav = useNavigate();
  const here = useHere();
  return (
    <Result
      status="info"
      title="请先登录"
      subTitle={page ? `“${page}”需要登录后查看。` : '此页面需要登录后查看。'}
      data-testid="need-login"
      extra={
        <Button type="primary" onClick={() => nav(`/login?next=${encodeURIComponent(here)}`)}>
          登录
        </Button>
      }
    />
  );
}

/**
 * A logged-in person whose role may not open the page: names the page and the roles that may (or the server's
 * reason), and offers to log in as another user (logs out, then the login page comes back here).
 */
export function NoAccessPage({ page, roles, reason }: { page?: string; roles?: readonly string[]; reason?: string }) {
  const { user, logout } = useSession();
  const nav = useNavigate();
  const here = useHere();
  const who = roles?.length ? `仅限${roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}打开` : undefined;
  const lines = [
    page ? `“${page}”${who ?? '您无权查看'}。` : who ? `此页面${who}。` : reason,
    user ? `您当前以“${user.name}”（${ROLE_LABELS[user.role] ?? user.role}）登录。` : undefined,
  ];
  if (page && reason && !who) lines.splice(1, 0, reason);
  return (
    <Result
      status="403"
      title="无权访问"
      data-testid="no-access"
      subTitle={lines.filter(Boolean).join('')}
      extra={
        <Button
          type="primary"
          data-testid="login-as-other"
          onClick={async () => {
            await logout();
            nav(`/login?next=${encodeURIComponent(here)}`);
          }}
        >
          以其他用户登录
        </Button>
      }
    />
  );
}

/**
 * A page that only some roles may open: while the session loads a spinner, a visitor sees 请先登录, a role not
 * listed sees 无权访问, everyone else the page. `roles` undefined: a public page.
 */
export function RoleGate({ page, roles, children }: { page?: string; roles?: readonly string[]; children: ReactNode }) {
  const { user, loading } = useSession();
  if (!roles) return <>{children}</>;
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!user) return <NeedLoginPage page={page} />;
  if (!hasRole(user, roles)) return <NoAccessPage page={page} roles={roles} />;
  return <>{children}</>;
}
