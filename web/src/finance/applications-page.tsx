import { Pagination, Select, Space, Switch, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api } from '../api.js';
import { useSession } from '../auth/session.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES, type ApplicationStatus } from '../../../src/finance/core/applications.js';
import { PendingText, StatusTag, wan, type ApplicationItem } from './application-common.js';

const TITLES: Record<string, string> = { enterprise: '我的融资申请', bank: '融资申请受理' };

/**
 * Applications as each side sees them: an enterprise its own, a bank those addressed to it (to 受理 and decide within
 * the deadlines), 区金融办 and leaders all, with 仅看超期 (the overdue list).
 */
export function ApplicationsPage() {
  const { user } = useSession();
  const list = useListParams();
  const status = APPLICATION_STATUSES.find((s) => s === list.get('status'));
  const overdue = list.get('overdue') === '1';
  const q = $api.useQuery('get', '/api/finance/applications', {
    params: { query: { status, overdue: overdue || undefined, page: list.page, pageSize: 20 } },
  });
  const staff = user?.role !== 'enterprise' && user?.role !== 'bank';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {TITLES[user?.role ?? ''] ?? '融资申请督办'}
      </Typography.Title>
      <Space wrap>
        <Select<ApplicationStatus | 'all'>
          style={{ width: 140 }}
          value={status ?? 'all'}
          onChange={(v) => list.set({ status: v === 'all' ? null : v, page: null })}
          options={[{ value: 'all', label: '全部状态' }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))]}
          aria-label="状态"
        />
        <Space>
          <Switch checked={overdue} onChange={(v) => list.set({ overdue: v ? '1' : null, page: null })} data-testid="overdue-only" />
          <span>仅看超期未办</span>
        </Space>
      </Space>
      <QueryState query={q}>
        {(data) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <ResponsiveTable<ApplicationItem>
              data-testid="applications"
              rowKey={(r) => String(r.id)}
              size="small"
              pagination={false}
              emptyText={overdue ? '没有超期未办的申请' : '暂无融资申请'}
              dataSource={data.items}
              cardTitle={(r) => <Link to={`/finance/applications/${r.id}`}>{staff || user?.role === 'bank' ? r.enterpriseName : r.productName}</Link>}
              cardOmit={['title']}
              columns={[
                {
                  key: 'title',
                  title: staff || user?.role === 'bank' ? '企业' : '产品',
                  render: (_, r) => <Link to={`/finance/applications/${r.id}`}>{staff || user?.role === 'bank' ? r.enterpriseName : r.productName}</Link>,
                },
                ...(user?.role === 'enterprise'
                  ? []
                  : [{ key: 'product', title: '产品', render: (_: unknown, r: ApplicationItem) => `${r.productName}（${r.productType}）` }]),
                ...(user?.role === 'bank' ? [] : [{ key: 'bank', title: '金融机构', render: (_: unknown, r: ApplicationItem) => r.institutionName }]),
                { key: 'amount', title: '申请金额', render: (_, r) => `${wan(r.amount)} / ${r.termMonths} 个月` },
                { key: 'submitted', title: '提交日期', render: (_, r) => r.submittedOn },
                { key: 'status', title: '状态', render: (_, r) => <StatusTag a={r} /> },
                { key: 'pending', title: '办理期限', render: (_, r) => <PendingText a={r} /> },
              ]}
            />
            {data.total > 20 && (
              <Pagination current={list.page} pageSize={20} total={data.total} onChange={(page) => list.set({ page })} showSizeChanger={false} />
            )}
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
