import {
  AlertOutlined,
  CheckSquareOutlined,
  CrownOutlined,
  DashboardOutlined,
  InboxOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  ProfileOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';
import { STAFF_ROLES as STAFF } from '../../../src/auth/roles.js';
import type { Role } from '../../../src/auth/roles.js';

const OFFICE: Role[] = ['office', 'admin'];

const AssessmentPage = lazyPage(() => import('./assessment-page.js'), 'AssessmentPage');
const BulletinPage = lazyPage(() => import('./bulletin-page.js'), 'BulletinPage');
const BulletinDocPage = lazyPage(() => import('./bulletin-page.js'), 'BulletinDocPage');
const DashboardPage = lazyPage(() => import('./dashboard-page.js'), 'DashboardPage');
const LedgerPage = lazyPage(() => import('./ledger-page.js'), 'LedgerPage');
const OrderPage = lazyPage(() => import('./orders-page.js'), 'OrderPage');
const OrdersPage = lazyPage(() => import('./orders-page.js'), 'OrdersPage');
const ReportPage = lazyPage(() => import('./report-page.js'), 'ReportPage');
const ReviewsPage = lazyPage(() => import('./report-page.js'), 'ReviewsPage');
const TaskPage = lazyPage(() => import('./task-page.js'), 'TaskPage');
const UsersPage = lazyPage(() => import('./users-page.js'), 'UsersPage');
const TodoPage = lazyPage(() => import('./todo-page.js'), 'TodoPage');
const LeaderPage = lazyPage(() => import('./leader-page.js'), 'LeaderPage');
const OfficeQueuePage = lazyPage(() => import('./office-queue-page.js'), 'OfficeQueuePage');

/** Each role's own work, first in the menu (the landing pages, see web/src/shell/landing.tsx). */
export const workWebRoutes: WebRoute[] = [
  { path: '/ledger/todo', element: <TodoPage />, menu: { label: '我的待办', icon: <CheckSquareOutlined />, roles: ['unit_staff'] }, roles: ['unit_staff'] },
  {
    path: '/ledger/leader',
    element: <LeaderPage />,
    menu: { label: '领导视图', icon: <CrownOutlined />, roles: ['leader'] },
    roles: ['leader', 'office', 'admin'],
  },
  { path: '/ledger/queue', element: <OfficeQueuePage />, menu: { label: '工作队列', icon: <InboxOutlined />, roles: OFFICE }, roles: OFFICE },
];

export const ledgerWebRoutes: WebRoute[] = [
  { path: '/ledger/dashboard', element: <DashboardPage />, menu: { label: '工作台', icon: <DashboardOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger', element: <LedgerPage />, menu: { label: '改革台账', icon: <ProfileOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger/tasks/:taskId', element: <TaskPage />, roles: STAFF, title: '台账任务' },
  { path: '/ledger/reviews', element: <ReviewsPage />, menu: { label: '进展报告', icon: <FileDoneOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger/reports/:reportId', element: <ReportPage />, roles: STAFF, title: '进展报告' },
  { path: '/ledger/orders', element: <OrdersPage />, menu: { label: '督查督办', icon: <AlertOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger/orders/:orderId', element: <OrderPage />, roles: STAFF, title: '督办单' },
  { path: '/ledger/bulletins', element: <BulletinPage />, menu: { label: '定期通报', icon: <NotificationOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger/bulletins/:bulletinId', element: <BulletinDocPage />, roles: STAFF, title: '定期通报' },
  { path: '/ledger/assessment', element: <AssessmentPage />, menu: { label: '目标考核', icon: <TrophyOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/ledger/users', element: <UsersPage />, menu: { label: '账号管理', icon: <UserOutlined />, roles: OFFICE }, roles: OFFICE },
];
