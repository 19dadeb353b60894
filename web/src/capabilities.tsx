import { CalendarOutlined, FieldTimeOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import { CalendarPage } from './calendar/calendar-page.js';
import { PlanPage } from './plan/plan-page.js';
import { MeasurePage } from './plan/measure-page.js';
import { UnitsPage } from './plan/units-page.js';
import { enterpriseWebRoutes } from './enterprises/routes.js';
import { policyWebRoutes } from './policies/routes.js';
import { ledgerWebRoutes, workWebRoutes } from './ledger/routes.js';
import { indicatorWebRoutes } from './indicators/routes.js';
import { JobsPage } from './jobs/jobs-page.js';
import { inboxWebRoutes } from './inbox/routes.js';

import type { WebRoute } from './web-route.js';

export type { WebRoute };

/** Every capability's pages. A new capability adds its routes here (and its folder under web/src/). */
export const webRoutes: WebRoute[] = [
  ...workWebRoutes,
  { path: '/plan', element: <PlanPage />, menu: { label: '实施方案', icon: <FileTextOutlined /> } },
  { path: '/plan/:planId/measures/:number', element: <MeasurePage /> },
  { path: '/units', element: <UnitsPage />, menu: { label: '单位名录', icon: <TeamOutlined /> } },
  { path: '/calendar', element: <CalendarPage />, menu: { label: '工作日与期限', icon: <CalendarOutlined /> } },
  ...enterpriseWebRoutes,
  ...policyWebRoutes,
  ...ledgerWebRoutes,
  ...indicatorWebRoutes,
  { path: '/jobs', element: <JobsPage />, menu: { label: '定时任务', icon: <FieldTimeOutlined />, roles: ['office', 'admin'] }, roles: ['office', 'admin'] },
  ...inboxWebRoutes,
];
