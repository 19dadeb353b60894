import { BookOutlined, CustomerServiceOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { Role } from '../../../src/auth/roles.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const HelpdeskKnowledgePage = lazyPage(() => import('./knowledge-page.js'), 'HelpdeskKnowledgePage');
const HelpdeskMissesPage = lazyPage(() => import('./misses-page.js'), 'HelpdeskMissesPage');
const FAQ_EDITORS: Role[] = ['office', 'admin'];
const HelpdeskConsolePage = lazyPage(() => import('./console-page.js'), 'HelpdeskConsolePage');
const LIVE_STAFF: Role[] = ['office', 'unit_staff', 'admin'];

/** 智能客服: the office's knowledge page (the chat widget is mounted by the shell). */
export const helpdeskWebRoutes: WebRoute[] = [
  {
    path: '/helpdesk/knowledge',
    element: <HelpdeskKnowledgePage />,
    menu: { label: '智能客服知识库', icon: <BookOutlined />, roles: FAQ_EDITORS },
    roles: FAQ_EDITORS,
  },
  {
    path: '/helpdesk/misses',
    element: <HelpdeskMissesPage />,
    menu: { label: '智能客服未答问题', icon: <QuestionCircleOutlined /> },
    roles: FAQ_EDITORS,
  },
  {
    path: '/helpdesk/console',
    element: <HelpdeskConsolePage />,
    menu: { label: '在线客服工作台', icon: <CustomerServiceOutlined />, roles: LIVE_STAFF },
    roles: LIVE_STAFF,
  },
];
