import { BarChartOutlined, FileProtectOutlined, FundOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { FINANCE_DESK_UNIT } from '../../../src/finance/core/labels.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const ApplicationsPage = lazyPage(() => import('./applications-page.js'), 'ApplicationsPage');
const ApplicationPage = lazyPage(() => import('./application-page.js'), 'ApplicationPage');
const ApplyPage = lazyPage(() => import('./apply-page.js'), 'ApplyPage');
const ConsentsPage = lazyPage(() => import('./consents-page.js'), 'ConsentsPage');
const FinanceFiguresPage = lazyPage(() => import('./figures-page.js'), 'FinanceFiguresPage');
const PublicFinanceFiguresPage = lazyPage(() => import('./public-figures-page.js'), 'PublicFinanceFiguresPage');
const FinanceEventsPage = lazyPage(() => import('./events-page.js'), 'FinanceEventsPage');

/** 区金融办 (office, admin, unit staff of 区金融办: the server refuses other units' staff) and leaders. */
const DESK: Role[] = ['office', 'admin', 'unit_staff', 'leader'];

/** 渝中融, second part: applications with consent, the bank's handling, consents, events, figures. */
export const financeApplicationWebRoutes: WebRoute[] = [
  {
    path: '/finance/applications',
    element: <ApplicationsPage />,
    menu: { label: '融资申请', icon: <SolutionOutlined />, unit: FINANCE_DESK_UNIT },
    roles: [...DESK, 'enterprise', 'bank'],
  },
  { path: '/finance/applications/:applicationId', element: <ApplicationPage />, roles: [...DESK, 'enterprise', 'bank'], title: '融资申请' },
  { path: '/finance/apply/:needId', element: <ApplyPage />, roles: ['enterprise'], title: '申请融资' },
  { path: '/finance/consents', element: <ConsentsPage />, menu: { label: '数据授权', icon: <FileProtectOutlined /> }, roles: ['enterprise'] },
  {
    path: '/finance/figures',
    element: <FinanceFiguresPage />,
    menu: { label: '融资对接统计', icon: <BarChartOutlined />, unit: FINANCE_DESK_UNIT },
    roles: DESK,
  },
  { path: '/finance/events', element: <FinanceEventsPage />, menu: { label: '银企对接活动', icon: <TeamOutlined />, unit: FINANCE_DESK_UNIT }, roles: DESK },
  { path: '/finance/figures/public', element: <PublicFinanceFiguresPage />, menu: { label: '融资对接公开', icon: <FundOutlined /> } },
];
