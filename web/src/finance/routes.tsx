import { BankOutlined, ShopOutlined, FundOutlined, AlertOutlined, ApartmentOutlined } from '@ant-design/icons';
import { FINANCE_DESK_UNIT } from '../../../src/finance/core/labels.js';
import { lazyPage, type WebRoute } from '../web-route.js';

const CataloguePage = lazyPage(() => import('./catalogue-page.js'), 'FinanceCataloguePage');
const BankProductsPage = lazyPage(() => import('./bank-products-page.js'), 'BankProductsPage');
const NeedsPage = lazyPage(() => import('./needs-page.js'), 'FinanceNeedsPage');
const InstitutionsPage = lazyPage(() => import('./institutions-page.js'), 'FinanceInstitutionsPage');
const UnmatchedPage = lazyPage(() => import('./unmatched-page.js'), 'UnmatchedNeedsPage');

/** 渝中融: the public catalogue, the bank's products, the enterprise's needs and matches, 区金融办's unmatched needs. */
export const financeWebRoutes: WebRoute[] = [
  { path: '/finance/products', element: <CataloguePage />, menu: { label: '渝中融·金融产品', icon: <ShopOutlined /> } },
  {
    path: '/finance/bank',
    element: <BankProductsPage />,
    menu: { label: '金融产品管理', icon: <BankOutlined />, unit: FINANCE_DESK_UNIT },
    roles: ['bank', 'office', 'admin', 'unit_staff'],
  },
  { path: '/finance/needs', element: <NeedsPage />, menu: { label: '融资需求', icon: <FundOutlined /> }, roles: ['enterprise'] },
  {
    path: '/finance/unmatched',
    element: <UnmatchedPage />,
    menu: { label: '未匹配融资需求', icon: <AlertOutlined />, unit: FINANCE_DESK_UNIT },
    roles: ['office', 'admin', 'unit_staff', 'leader'],
  },
  {
    path: '/finance/institutions',
    element: <InstitutionsPage />,
    menu: { label: '金融机构与账号', icon: <ApartmentOutlined />, unit: FINANCE_DESK_UNIT },
    roles: ['office', 'admin', 'unit_staff', 'leader'],
  },
];
