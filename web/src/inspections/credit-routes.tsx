import { SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';

const CreditPage = lazyPage(() => import('./credit-page.js'), 'CreditPage');
const ExemptionPage = lazyPage(() => import('./exemption-page.js'), 'ExemptionPage');

/** Inspections, credit part: 信用风险分类 (staff; internal) and the 免罚清单 (public). */
export const creditWebRoutes: WebRoute[] = [
  {
    path: '/inspections/credit',
    element: <CreditPage />,
    menu: { label: '信用分类监管', icon: <SafetyCertificateOutlined /> },
    roles: ['office', 'admin', 'leader', 'unit_staff'],
  },
  { path: '/inspections/exemptions', element: <ExemptionPage />, menu: { label: '免罚清单', icon: <SolutionOutlined /> } },
];
