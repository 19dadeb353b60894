import { Card, Collapse, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api } from '../api.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { DueText, StageTag } from './common.js';
import { RequestForm } from './request-form.js';

/** 我的诉求 (enterprise accounts): the filing form and the firm's requests, newest first; each opens its timeline. */
export function MyRequestsPage() {
  const list = useListParams();
  const requests = $api.useQuery('get', '/api/requests/', { params: { query: { page: list.page, pageSize: 10 } } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        我的诉求
      </Typography.Title>
      <Collapse defaultActiveKey={[]} items={[{ key: 'new', label: '提交新诉求（营商环境方面的咨询、求决、投诉举报和建议）', children: <RequestForm /> }]} />
      <QueryState query={requests}>
        {(data) =>
          data.total === 0 ? (
            <Empty description="还没有提交过诉求" />
          ) : (
            <List
              data-testid="my-requests"
              dataSource={data.items}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.total,
                onChange: (page) => list.set({ page }),
                showTotal: (n) => `共 ${n} 件`,
              }}
              renderItem={(r) => (
                <List.Item style={{ padding: '6px 0' }}>
                  <Card size="small" style={{ width: '100%' }}>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Link to={`/requests/${r.id}`} style={{ overflowWrap: 'anywhere' }}>
                        {r.subject}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.number} · {r.category} · {r.filedOn} 提交{r.unitName ? ` · 承办：${r.unitName}` : ''}
                      </Typography.Text>
                      <Space wrap size={4}>
                        <StageTag r={r} />
                        <DueText r={r} />
                        {r.rating && <Typography.Text>评价：{r.rating}</Typography.Text>}
                      </Space>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          )
        }
      </QueryState>
    </Space>
  );
}
