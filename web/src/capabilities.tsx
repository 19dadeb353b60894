import { CalendarOutlined, FieldTimeOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import { enterpriseWebRoutes } from './enterprises/routes.js';
import { policyWebRoutes } from './policies/routes.js';
import { ledgerWebRoutes, workWebRoutes } from './ledger/routes.js';
import { indicatorWebRoutes } from './indicators/routes.js';
import { inboxWebRoutes } from './inbox/routes.js';
import { requestWebRoutes } from './requests/routes.js';
import { inspectionWebRoutes } from './inspections/routes.js';
import { creditWebRoutes } from './inspections/credit-routes.js';
import { helpdeskWebRoutes } from './helpdesk/routes.js';
import { resultWebRoutes } from './inspections/result-routes.js';
import { financeWebRoutes } from './finance/routes.js';
import { financeApplicationWebRoutes } from './finance/application-routes.js';

import { lazyPage, type WebRoute } from './web-route.js';
import { preloadPlanPage } from './plan/queries.js';

const CalendarPage = lazyPage(() => import('./calendar/calendar-page.js'), 'CalendarPage');
// The plan page's data is asked for together with its code (the page most visitors open first).
const PlanPage = lazyPage(() => {
  preloadPlanPage();
  return import('./plan/plan-page.js');
}, 'PlanPage');
const MeasurePage = lazyPage(() => import('./plan/measure-page.js'), 'MeasurePage');
const UnitsPage = lazyPage(() => import('./plan/units-page.js'), 'UnitsPage');
const PlanImportPage = lazyPage(() => import('./plan/import-page.js'), 'PlanImportPage');
const JobsPage = lazyPage(() => import('./jobs/jobs-page.js'), 'JobsPage');
const RunPage = lazyPage(() => import('./jobs/run-page.js'), 'RunPage');

export type { WebRoute };

/** Every capability's pages. A new capability adds its routes here (and its folder under web/src/). */
export const webRoutes: WebRoute[] = [
  ...workWebRoutes,
  { path: '/plan', element: <PlanPage />, menu: { label: '实施方案', icon: <FileTextOutlined /> } },
  { path: '/plan/:planId/measures/:number', element: <MeasurePage /> },
  { path: '/plan/import', element: <PlanImportPage />, roles: ['office', 'admin'], title: '导入实施方案' },
  { path: '/units', element: <UnitsPage />, menu: { label: '单位名录', icon: <TeamOutlined /> } },
  { path: '/calendar', element: <CalendarPage />, menu: { label: '工作日与期限', icon: <CalendarOutlined /> } },
  ...enterpriseWebRoutes,
  ...policyWebRoutes,
  ...ledgerWebRoutes,
  ...indicatorWebRoutes,
  ...requestWebRoutes,
  ...inspectionWebRoutes,
  ...financeWebRoutes,
  ...creditWebRoutes,
  ...helpdeskWebRoutes,
  ...resultWebRoutes,
  ...financeApplicationWebRoutes,
  { path: '/jobs', element: <JobsPage />, menu: { label: '定时任务', icon: <FieldTimeOutlined />, roles: ['office', 'admin'] }, roles: ['office', 'admin'] },
  { path: '/jobs/runs/:runId', element: <RunPage />, roles: ['office', 'unit_staff', 'admin'], title: '后台任务结果' },
  ...inboxWebRoutes,
];
