import { AlertOutlined, BarChartOutlined, CarryOutOutlined, FileDoneOutlined, NotificationOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const ChecksPage = lazyPage(() => import('./results-page.js'), 'InspectionChecksPage');
const ResultsPage = lazyPage(() => import('./results-page.js'), 'InspectionResultsPage');
const RiskPage = lazyPage(() => import('./risk-page.js'), 'RiskPage');
const FiguresPage = lazyPage(() => import('./figures-page.js'), 'InspectionFiguresPage');
const PublicResultsPage = lazyPage(() => import('./public-results-page.js'), 'PublicResultsPage');

const STAFF: Role[] = ['office', 'admin', 'leader', 'unit_staff'];

/** Inspections, results part: 我的检查任务 (inspectors), 检查结果与公示, 风险预警, 统计; the public results (一公开). */
export const resultWebRoutes: WebRoute[] = [
  {
    path: '/inspections/checks',
    element: <ChecksPage />,
    menu: { label: '我的检查任务', icon: <CarryOutOutlined />, roles: ['unit_staff'] },
    roles: ['unit_staff'],
  },
  { path: '/inspections/results', element: <ResultsPage />, menu: { label: '检查结果与公示', icon: <FileDoneOutlined /> }, roles: STAFF },
  { path: '/inspections/risk', element: <RiskPage />, menu: { label: '风险预警', icon: <AlertOutlined /> }, roles: STAFF },
  { path: '/inspections/figures', element: <FiguresPage />, menu: { label: '双随机统计', icon: <BarChartOutlined /> }, roles: STAFF },
  { path: '/public/inspection-results', element: <PublicResultsPage />, menu: { label: '抽查结果公示', icon: <NotificationOutlined /> } },
];
