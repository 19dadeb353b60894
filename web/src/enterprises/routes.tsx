import { ShopOutlined } from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';

import { STAFF_ROLES as STAFF } from '../../../src/auth/roles.js';

const EnterpriseListPage = lazyPage(() => import('./enterprise-pages.js'), 'EnterpriseListPage');
const EnterprisePage = lazyPage(() => import('./enterprise-pages.js'), 'EnterprisePage');

export const enterpriseWebRoutes: WebRoute[] = [
  { path: '/enterprises', element: <EnterpriseListPage />, menu: { label: '企业库', icon: <ShopOutlined />, roles: STAFF }, roles: STAFF },
  {
    path: '/enterprises/mine',
    element: <EnterprisePage />,
    menu: { label: '本企业档案', icon: <ShopOutlined />, roles: ['enterprise'] },
    roles: ['enterprise'],
  },
  { path: '/enterprises/:id', element: <EnterprisePage />, roles: [...STAFF, 'enterprise'], title: '企业档案' },
];
