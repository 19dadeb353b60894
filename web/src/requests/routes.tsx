import { ApartmentOutlined, CommentOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const MyRequestsPage = lazyPage(() => import('./mine-page.js'), 'MyRequestsPage');
const RequestWorkbenchPage = lazyPage(() => import('./workbench-page.js'), 'RequestWorkbenchPage');
const RequestPage = lazyPage(() => import('./request-page.js'), 'RequestPage');
const RequestCataloguePage = lazyPage(() => import('./catalogue-page.js'), 'RequestCataloguePage');

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** Enterprise requests (企业诉求): 我的诉求 for enterprise accounts, 诉求工作台 for staff, one page per request. */
export const requestWebRoutes: WebRoute[] = [
  { path: '/requests/mine', element: <MyRequestsPage />, menu: { label: '我的诉求', icon: <CommentOutlined /> }, roles: ['enterprise'] },
  { path: '/requests', element: <RequestWorkbenchPage />, menu: { label: '诉求工作台', icon: <CustomerServiceOutlined /> }, roles: STAFF },
  {
    path: '/requests/catalogue',
    element: <RequestCataloguePage />,
    menu: { label: '派单目录', icon: <ApartmentOutlined /> },
    roles: ['office', 'admin', 'leader'],
  },
  { path: '/requests/:requestId', element: <RequestPage />, roles: [...STAFF, 'enterprise'], title: '企业诉求' },
];
