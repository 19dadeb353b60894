import { Suspense, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { KeyOutlined, MenuOutlined } from '@ant-design/icons';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { LoginPage } from '../auth/login-page.js';
import { PasswordPage } from '../auth/password-page.js';
import { hasRole, ROLE_LABELS, SessionProvider, useSession } from '../auth/session.js';
import { webRoutes } from '../capabilities.js';
import { UnreadBadge } from '../inbox/unread-badge.js';
import { Landing } from './landing.js';
import { RoleGate } from '../shared/access.js';
import { PlanBar } from '../plan/plan-choice.js';
import { $api } from '../api.js';
import { HelpdeskWidget } from '../helpdesk/widget.js';

/** A menu entry is shown to the roles of the page (or of its menu entry); without roles, to everyone. */
const hasMenu = (user: Parameters<typeof hasRole>[0], roles?: readonly string[]) => !roles || hasRole(user, roles);

function Shell() {
  const { user, logout } = useSession();
  const loc = useLocation();
  const nav = useNavigate();
  // On a phone the header keeps one line: a short title, the name without the role, an icon for 修改密码.
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  // Below 992 px the menu is a drawer opened from the header's ☰ (never a tab over the page's content).
  const drawerMenu = !screens.lg;
  const [menuOpen, setMenuOpen] = useState(false);
  // Entries of one unit (menu.unit) are hidden from unit staff of other units (the server would answer 403).
  const units = $api.useQuery('get', '/api/plan/units', {}, { enabled: user?.role === 'unit_staff' });
  const ofUnit = (name?: string) => !name || user?.role !== 'unit_staff' || (units.data ?? []).some((u) => u.name === name && user.unitIds.includes(u.id));
  const items = webRoutes
    .filter((r) => r.menu && hasMenu(user, r.menu.roles ?? r.roles) && ofUnit(r.menu.unit))
    .map((r) => ({ key: r.path, icon: r.menu!.icon, label: <Link to={r.path}>{r.menu!.label}</Link> }));
  const selected = items
    .map((i) => i.key)
    .filter((k) => loc.pathname === k || loc.pathname.startsWith(k.endsWith('/') ? k : `${k}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, background: '#c41d26', paddingInline: narrow ? 12 : 24 }}>
        {drawerMenu && (
          <Button
            type="text"
            aria-label="菜单"
            data-testid="menu-toggle"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setMenuOpen(true)}
          />
        )}
        <Typography.Title
          level={narrow ? 5 : 4}
          style={{ color: '#fff', margin: 0, flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {narrow ? '营商环境平台' : '营商环境改革管理平台'}
        </Typography.Title>
        <Space style={{ color: '#fff', minWidth: 0 }}>
          {user ? (
            <>
              <span
                data-testid="current-user"
                title={user.name}
                style={
                  narrow
                    ? { display: 'inline-block', maxWidth: 96, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle' }
                    : undefined
                }
              >
                {narrow ? user.name : `${user.name}（${ROLE_LABELS[user.role] ?? user.role}）`}
              </span>
              <UnreadBadge />
              <Link to="/account/password" style={{ color: '#fff' }} title="修改密码" aria-label="修改密码">
                {narrow ? <KeyOutlined /> : '修改密码'}
              </Link>
              <Button
                size="small"
                onClick={async () => {
                  await logout();
                  nav('/');
                }}
              >
                退出
              </Button>
            </>
          ) : (
            <Button size="small" onClick={() => nav(`/login?next=${encodeURIComponent(loc.pathname)}`)}>
              登录
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout>
        {drawerMenu ? (
          <Drawer placement="left" size={240} open={menuOpen} onClose={() => setMenuOpen(false)} styles={{ body: { padding: 0 } }} title="菜单">
            <Menu mode="inline" selectedKeys={selected} items={items} onClick={() => setMenuOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={200} theme="light">
            <Menu mode="inline" selectedKeys={selected} items={items} style={{ height: '100%' }} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          {user?.mustChangePassword && loc.pathname !== '/account/password' && <Navigate to="/account/password" replace />}
          <PlanBar />
          <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
            <Routes>
              <Route path="/" element={<Landing />} />
              <Route path="/account/password" element={<PasswordPage />} />
              <Route path="/login" element={<LoginPage />} />
              {webRoutes.map((r) => (
                <Route
                  key={r.path}
                  path={r.path}
                  element={
                    <RoleGate page={r.title ?? r.menu?.label} roles={r.roles}>
                      {r.element}
                    </RoleGate>
                  }
                />
              ))}
              <Route path="*" element={<Typography.Text>页面不存在</Typography.Text>} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
      <HelpdeskWidget />
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
