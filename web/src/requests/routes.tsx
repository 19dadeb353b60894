import {
  ApartmentOutlined,
  BarChartOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  FormOutlined,
  FundOutlined,
  NotificationOutlined,
  ShopOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const MyRequestsPage = lazyPage(() => import('./mine-page.js'), 'MyRequestsPage');
const RequestWorkbenchPage = lazyPage(() => import('./workbench-page.js'), 'RequestWorkbenchPage');
const RequestPage = lazyPage(() => import('./request-page.js'), 'RequestPage');
const RequestCataloguePage = lazyPage(() => import('./catalogue-page.js'), 'RequestCataloguePage');
const MeetingsPage = lazyPage(() => import('./meetings-page.js'), 'MeetingsPage');
const MeetingPage = lazyPage(() => import('./meetings-page.js'), 'MeetingPage');
const VisitsPage = lazyPage(() => import('./visits-page.js'), 'VisitsPage');
const ReportersPage = lazyPage(() => import('./reporters-page.js'), 'ReportersPage');
const MyReportsPage = lazyPage(() => import('./reporters-page.js'), 'MyReportsPage');
const RequestFiguresPage = lazyPage(() => import('./figures-page.js'), 'RequestFiguresPage');
const RequestBulletinPage = lazyPage(() => import('./bulletin-page.js'), 'RequestBulletinPage');
const PublicRequestFiguresPage = lazyPage(() => import('./public-figures-page.js'), 'PublicRequestFiguresPage');
const FIGURE_READERS: Role[] = ['office', 'admin', 'leader'];
const PublicRequestPage = lazyPage(() => import('./public-page.js'), 'PublicRequestPage');

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** Enterprise requests (企业诉求): 我的诉求 for enterprise accounts, 诉求工作台 for staff, one page per request. */
export const requestWebRoutes: WebRoute[] = [
  // Everyone, visitors too: file without an account, follow with number and query code.
  { path: '/requests/public', element: <PublicRequestPage />, menu: { label: '诉求反映', icon: <FormOutlined /> } },
  { path: '/requests/mine', element: <MyRequestsPage />, menu: { label: '我的诉求', icon: <CommentOutlined /> }, roles: ['enterprise'] },
  { path: '/requests', element: <RequestWorkbenchPage />, menu: { label: '诉求工作台', icon: <CustomerServiceOutlined /> }, roles: STAFF },
  {
    path: '/requests/catalogue',
    element: <RequestCataloguePage />,
    menu: { label: '派单目录', icon: <ApartmentOutlined /> },
    roles: ['office', 'admin', 'leader'],
  },
  { path: '/requests/figures', element: <RequestFiguresPage />, menu: { label: '诉求办理统计', icon: <BarChartOutlined /> }, roles: FIGURE_READERS },
  { path: '/requests/figures/bulletin', element: <RequestBulletinPage />, roles: FIGURE_READERS, title: '诉求办理通报' },
  { path: '/requests/figures/public', element: <PublicRequestFiguresPage />, menu: { label: '诉求办理公开', icon: <FundOutlined /> } },
  { path: '/requests/reports', element: <MyReportsPage />, menu: { label: '我反映的问题', icon: <NotificationOutlined /> }, roles: ['supervisor'] },
  { path: '/requests/meetings', element: <MeetingsPage />, menu: { label: '政企座谈会', icon: <TeamOutlined /> }, roles: STAFF },
  { path: '/requests/meetings/:meetingId', element: <MeetingPage />, roles: STAFF, title: '政企座谈会' },
  { path: '/requests/visits', element: <VisitsPage />, menu: { label: '重点企业回访', icon: <ShopOutlined /> }, roles: STAFF },
  {
    path: '/requests/reporters',
    element: <ReportersPage />,
    menu: { label: '监督员与专家', icon: <UserSwitchOutlined /> },
    roles: ['office', 'admin', 'leader'],
  },
  { path: '/requests/:requestId', element: <RequestPage />, roles: [...STAFF, 'enterprise', 'supervisor'], title: '企业诉求' },
];
