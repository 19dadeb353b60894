import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, client } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { refreshApplications } from './application-common.js';

type Consents = NonNullable<ReturnType<typeof useConsents>['data']>;
type ConsentRow = Consents['items'][number];
type ViewRow = Consents['views'][number];
const useConsents = () => $api.useQuery('get', '/api/finance/consents', {});

const COLOR: Record<ConsentRow['status'], string> = { active: 'green', expired: 'default', withdrawn: 'red' };

/** 数据授权 (enterprise accounts): each consent given to a bank, withdrawable; and who opened the firm's data when. */
export function ConsentsPage() {
  const { message } = App.useApp();
  const q = useConsents();
  const withdraw = async (c: ConsentRow) => {
    try {
      await client.POST('/api/finance/consents/{consentId}/withdraw', { params: { path: { consentId: c.id } } });
      message.success(`已撤回对${c.institutionName}的数据授权`);
      await refreshApplications();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        数据授权
      </Typography.Title>
      <Typography.Text type="secondary">申请融资时授权银行查看的企业数据。撤回或到期后，银行不能再查看。</Typography.Text>
      <QueryState query={q}>
        {(data) => (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ResponsiveTable<ConsentRow>
              data-testid="consents"
              rowKey={(r) => String(r.id)}
              size="small"
              pagination={false}
              emptyText="尚未授权任何银行"
              dataSource={data.items}
              cardTitle={(r) => <Typography.Text strong>{r.institutionName}</Typography.Text>}
              cardOmit={['bank']}
              columns={[
                { key: 'bank', title: '金融机构', render: (_, r) => r.institutionName },
                { key: 'product', title: '申请产品', render: (_, r) => <Link to={`/finance/applications/${r.applicationId}`}>{r.productName}</Link> },
                { key: 'items', title: '授权数据', render: (_, r) => r.items.map((i) => i.label).join('、') },
                { key: 'period', title: '有效期', render: (_, r) => `${r.grantedOn} 至 ${r.validUntil}` },
                { key: 'views', title: '查看次数', render: (_, r) => r.views },
                { key: 'status', title: '状态', render: (_, r) => <Tag color={COLOR[r.status]}>{r.statusLabel}</Tag> },
                {
                  key: 'action',
                  title: '操作',
                  render: (_, r) =>
                    r.status === 'active' ? (
                      <Button size="small" danger onClick={() => withdraw(r)} data-testid={`withdraw-consent-${r.id}`}>
                        撤回授权
                      </Button>
                    ) : null,
                },
              ]}
            />
            <Card size="small" title="银行查看记录">
              <ResponsiveTable<ViewRow>
                rowKey={(r) => `${r.at}-${r.viewer}`}
                size="small"
                pagination={false}
                emptyText="暂无查看记录"
                dataSource={data.views}
                columns={[
                  { key: 'at', title: '时间', render: (_, r) => new Date(r.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
                  { key: 'bank', title: '金融机构', render: (_, r) => r.institutionName },
                  { key: 'viewer', title: '查看人', render: (_, r) => r.viewer },
                  { key: 'items', title: '查看的数据', render: (_, r) => r.items.join('、') },
                ]}
              />
            </Card>
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
