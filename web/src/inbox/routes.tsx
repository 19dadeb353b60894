import { BellOutlined } from '@ant-design/icons';
import { Navigate } from 'react-router-dom';
import { ROLES } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const InboxPage = lazyPage(() => import('./inbox-page.js'), 'InboxPage');

export const inboxWebRoutes: WebRoute[] = [
  { path: '/inbox', element: <InboxPage />, menu: { label: '我的消息', icon: <BellOutlined />, roles: [...ROLES] }, roles: [...ROLES] },
  // The inbox's former address (bookmarks, older notices).
  { path: '/messages', element: <Navigate to="/inbox" replace /> },
];
