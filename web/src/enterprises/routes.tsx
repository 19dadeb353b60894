import { ShopOutlined } from '@ant-design/icons';
import type { WebRoute } from '../capabilities.js';
import { EnterpriseListPage, EnterprisePage } from './enterprise-pages.js';

const STAFF = ['office', 'unit_staff', 'leader', 'admin'];

export const enterpriseWebRoutes: WebRoute[] = [
  { path: '/enterprises', element: <EnterpriseListPage />, menu: { label: '企业库', icon: <ShopOutlined />, roles: STAFF } },
  { path: '/enterprises/mine', element: <EnterprisePage />, menu: { label: '本企业档案', icon: <ShopOutlined />, roles: ['enterprise'] } },
  { path: '/enterprises/:id', element: <EnterprisePage /> },
];
