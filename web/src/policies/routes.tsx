import { CalculatorOutlined, FundOutlined, ReadOutlined } from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';
import { STAFF_ROLES as STAFF } from '../../../src/auth/roles.js';
import { POLICY_EDITORS } from '../../../src/policies/core/access.js';

const CalculatorPage = lazyPage(() => import('./calculator-page.js'), 'CalculatorPage');
const FunnelPage = lazyPage(() => import('./funnel-page.js'), 'FunnelPage');
const FunnelSummaryPage = lazyPage(() => import('./funnel-page.js'), 'FunnelSummaryPage');
const PolicyListPage = lazyPage(() => import('./policy-list-page.js'), 'PolicyListPage');
const PolicyEditPage = lazyPage(() => import('./policy-page.js'), 'PolicyEditPage');
const PolicyPage = lazyPage(() => import('./policy-page.js'), 'PolicyPage');

export const policyWebRoutes: WebRoute[] = [
  { path: '/policies', element: <PolicyListPage />, menu: { label: '惠企政策', icon: <ReadOutlined /> } },
  { path: '/policies/calculator', element: <CalculatorPage />, menu: { label: '政策计算器', icon: <CalculatorOutlined /> } },
  { path: '/policies/funnel', element: <FunnelSummaryPage />, menu: { label: '应享尽享', icon: <FundOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/policies/funnel/:itemId', element: <FunnelPage />, roles: STAFF, title: '应享尽享' },
  { path: '/policies/new', element: <PolicyEditPage />, roles: [...POLICY_EDITORS], title: '新建政策' },
  { path: '/policies/:id/edit', element: <PolicyEditPage />, roles: [...POLICY_EDITORS], title: '编辑政策' },
  { path: '/policies/:id', element: <PolicyPage /> },
];
