import { AuditOutlined, DatabaseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const DirectoriesPage = lazyPage(() => import('./directories-page.js'), 'InspectionDirectoriesPage');
const DrawsPage = lazyPage(() => import('./draws-page.js'), 'InspectionDrawsPage');
const DrawPage = lazyPage(() => import('./draw-page.js'), 'InspectionDrawPage');
const PublicDrawsPage = lazyPage(() => import('./public-pages.js'), 'PublicDrawsPage');
const PublicDrawPage = lazyPage(() => import('./public-pages.js'), 'PublicDrawPage');

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** 双随机、一公开: 名录库 and 抽查 for staff; the public list and verification page for everyone. */
export const inspectionWebRoutes: WebRoute[] = [
  { path: '/inspections/directories', element: <DirectoriesPage />, menu: { label: '双随机名录库', icon: <DatabaseOutlined /> }, roles: STAFF },
  { path: '/inspections/draws', element: <DrawsPage />, menu: { label: '双随机抽查', icon: <AuditOutlined /> }, roles: STAFF },
  { path: '/inspections/draws/:drawId', element: <DrawPage />, roles: STAFF, title: '双随机抽查' },
  { path: '/public/inspections', element: <PublicDrawsPage />, menu: { label: '抽查公示与验证', icon: <SafetyCertificateOutlined /> } },
  { path: '/public/inspections/:drawId', element: <PublicDrawPage /> },
];
