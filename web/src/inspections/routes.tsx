import { AuditOutlined, CalendarOutlined, DatabaseOutlined, SafetyCertificateOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const DirectoriesPage = lazyPage(() => import('./directories-page.js'), 'InspectionDirectoriesPage');
const DrawsPage = lazyPage(() => import('./draws-page.js'), 'InspectionDrawsPage');
const DrawPage = lazyPage(() => import('./draw-page.js'), 'InspectionDrawPage');
const PublicDrawsPage = lazyPage(() => import('./public-pages.js'), 'PublicDrawsPage');
const PublicDrawPage = lazyPage(() => import('./public-pages.js'), 'PublicDrawPage');
const PlansPage = lazyPage(() => import('./plans-page.js'), 'InspectionPlansPage');
const PlanPage = lazyPage(() => import('./plans-page.js'), 'InspectionPlanPage');
const ProposalsPage = lazyPage(() => import('./plan-proposals-page.js'), 'InspectionProposalsPage');
const PublicPlanPage = lazyPage(() => import('./public-plan-page.js'), 'PublicPlanPage');

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** 双随机、一公开: 名录库 and 抽查 for staff; the public list and verification page for everyone. */
export const inspectionWebRoutes: WebRoute[] = [
  { path: '/inspections/directories', element: <DirectoriesPage />, menu: { label: '双随机名录库', icon: <DatabaseOutlined /> }, roles: STAFF },
  { path: '/inspections/plans', element: <PlansPage />, menu: { label: '年度联合抽查计划', icon: <ScheduleOutlined /> }, roles: STAFF },
  { path: '/inspections/plans/:planId', element: <PlanPage />, roles: STAFF, title: '年度联合抽查计划' },
  { path: '/inspections/plan-proposals', element: <ProposalsPage />, roles: STAFF, title: '抽查任务建议' },
  { path: '/inspections/draws', element: <DrawsPage />, menu: { label: '双随机抽查', icon: <AuditOutlined /> }, roles: STAFF },
  { path: '/inspections/draws/:drawId', element: <DrawPage />, roles: STAFF, title: '双随机抽查' },
  { path: '/public/inspections', element: <PublicDrawsPage />, menu: { label: '抽查公示与验证', icon: <SafetyCertificateOutlined /> } },
  { path: '/public/inspections/:drawId', element: <PublicDrawPage /> },
  { path: '/public/inspection-plans', element: <PublicPlanPage />, menu: { label: '年度抽查计划公示', icon: <CalendarOutlined /> } },
];
