import { Collapse, Space, Typography } from 'antd';
import { $api } from '../api.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { OwnRequestList } from './common.js';
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
        {(data) => <OwnRequestList data={data} onPage={(page) => list.set({ page })} empty="还没有提交过诉求" testId="my-requests" />}
      </QueryState>
    </Space>
  );
}
