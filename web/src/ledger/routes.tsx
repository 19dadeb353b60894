import { AlertOutlined, DashboardOutlined, FileDoneOutlined, NotificationOutlined, ProfileOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';

import { STAFF_ROLES as STAFF } from '../../../src/auth/roles.js';
const OFFICE: Role[] = ['office', 'admin'];
import type { Role } from '../../../src/auth/roles.js';

const AssessmentPage = lazyPage(() => import('./assessment-page.js'), 'AssessmentPage');
const BulletinPage = lazyPage(() => import('./bulletin-page.js'), 'BulletinPage');
const DashboardPage = lazyPage(() => import('./dashboard-page.js'), 'DashboardPage');
const LedgerPage = lazyPage(() => import('./ledger-page.js'), 'LedgerPage');
const OrderPage = lazyPage(() => import('./orders-page.js'), 'OrderPage');
const OrdersPage = lazyPage(() => import('./orders-page.js'), 'OrdersPage');
const ReportPage = lazyPage(() => import('./report-page.js'), 'ReportPage');
const ReviewsPage = lazyPage(() => import('./report-page.js'), 'ReviewsPage');
const TaskPage = lazyPage(() => import('./task-page.js'), 'TaskPage');
const UsersPage = lazyPage(() => import('./users-page.js'), 'UsersPage');

export const ledgerWebRoutes: WebRoute[] = [
  { path: '/ledger/dashboard', element: <DashboardPage />, menu: { label: '工作台', icon: <DashboardOutlined />, roles: STAFF } },
  { path: '/ledger', element: <LedgerPage />, menu: { label: '改革台账', icon: <ProfileOutlined />, roles: STAFF } },
  { path: '/ledger/tasks/:taskId', element: <TaskPage /> },
  { path: '/ledger/reviews', element: <ReviewsPage />, menu: { label: '进展报告', icon: <FileDoneOutlined />, roles: STAFF } },
  { path: '/ledger/reports/:reportId', element: <ReportPage /> },
  { path: '/ledger/orders', element: <OrdersPage />, menu: { label: '督查督办', icon: <AlertOutlined />, roles: STAFF } },
  { path: '/ledger/orders/:orderId', element: <OrderPage /> },
  { path: '/ledger/bulletins', element: <BulletinPage />, menu: { label: '定期通报', icon: <NotificationOutlined />, roles: STAFF } },
  { path: '/ledger/assessment', element: <AssessmentPage />, menu: { label: '目标考核', icon: <TrophyOutlined />, roles: STAFF } },
  { path: '/ledger/users', element: <UsersPage />, menu: { label: '账号管理', icon: <UserOutlined />, roles: OFFICE } },
];
