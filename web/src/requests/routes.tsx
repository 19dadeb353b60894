import { BarChartOutlined, CommentOutlined, CustomerServiceOutlined, FundOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const MyRequestsPage = lazyPage(() => import('./mine-page.js'), 'MyRequestsPage');
const RequestWorkbenchPage = lazyPage(() => import('./workbench-page.js'), 'RequestWorkbenchPage');
const RequestPage = lazyPage(() => import('./request-page.js'), 'RequestPage');
const RequestFiguresPage = lazyPage(() => import('./figures-page.js'), 'RequestFiguresPage');
const RequestBulletinPage = lazyPage(() => import('./bulletin-page.js'), 'RequestBulletinPage');
const PublicRequestFiguresPage = lazyPage(() => import('./public-figures-page.js'), 'PublicRequestFiguresPage');
const FIGURE_READERS: Role[] = ['office', 'admin', 'leader'];

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** Enterprise requests (企业诉求): 我的诉求 for enterprise accounts, 诉求工作台 for staff, one page per request. */
export const requestWebRoutes: WebRoute[] = [
  { path: '/requests/mine', element: <MyRequestsPage />, menu: { label: '我的诉求', icon: <CommentOutlined /> }, roles: ['enterprise'] },
  { path: '/requests', element: <RequestWorkbenchPage />, menu: { label: '诉求工作台', icon: <CustomerServiceOutlined /> }, roles: STAFF },
  { path: '/requests/figures', element: <RequestFiguresPage />, menu: { label: '诉求办理统计', icon: <BarChartOutlined /> }, roles: FIGURE_READERS },
  { path: '/requests/bulletin', element: <RequestBulletinPage />, roles: FIGURE_READERS, title: '诉求办理通报' },
  { path: '/requests/public', element: <PublicRequestFiguresPage />, menu: { label: '诉求办理公开', icon: <FundOutlined /> } },
  { path: '/requests/:requestId', element: <RequestPage />, roles: [...STAFF, 'enterprise'], title: '企业诉求' },
];
