import { FundOutlined, CloudUploadOutlined, DatabaseOutlined } from '@ant-design/icons';
import { lazyPage, type WebRoute } from '../web-route.js';

import { STAFF_ROLES as STAFF } from '../../../src/auth/roles.js';

const IndicatorsPage = lazyPage(() => import('./indicators-page.js'), 'IndicatorsPage');
const IndicatorPage = lazyPage(() => import('./indicator-page.js'), 'IndicatorPage');
const UploadPage = lazyPage(() => import('./upload-page.js'), 'UploadPage');
const RecordsPage = lazyPage(() => import('./records-page.js'), 'RecordsPage');

export const indicatorWebRoutes: WebRoute[] = [
  { path: '/indicators', element: <IndicatorsPage />, menu: { label: '指标监测', icon: <FundOutlined />, roles: STAFF }, roles: STAFF },
  {
    path: '/indicators/upload',
    element: <UploadPage />,
    menu: { label: '案件记录上传', icon: <CloudUploadOutlined />, roles: ['office', 'unit_staff', 'admin'] },
    roles: ['office', 'unit_staff', 'admin'],
  },
  { path: '/indicators/records', element: <RecordsPage />, menu: { label: '案件记录', icon: <DatabaseOutlined />, roles: STAFF }, roles: STAFF },
  { path: '/indicators/:code', element: <IndicatorPage />, roles: STAFF, title: '指标详情' },
];
