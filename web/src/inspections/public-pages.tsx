import { Card, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { DrawView, StatusTag, VerifyPanel } from './draw-view.js';

type DrawRow = ApiResponse<'/api/inspections/public/draws'>[number];

/** 一公开: every draw's commitment and result, for anyone (no login). */
export function PublicDrawsPage() {
  const draws = $api.useQuery('get', '/api/inspections/public/draws', {});
  return (
    <Card title="双随机抽查公示">
      <Typography.Paragraph type="secondary">
        每次抽查在抽取前公开承诺两库快照、参数和种子来源；抽取后公开种子和结果。任何人都可以在本页重新计算并核对（国发〔2019〕5号“双随机、一公开”）。
      </Typography.Paragraph>
      <QueryState query={draws}>
        {(data) => (
          <ResponsiveTable<DrawRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="public-draw-table"
            dataSource={data}
            pagination={false}
            emptyText="暂无抽查"
            cardTitle={(r) => <Link to={`/public/inspections/${r.id}`}>{r.number}</Link>}
            cardOmit={['number']}
            columns={[
              { title: '编号', dataIndex: 'number', render: (_, r) => <Link to={`/public/inspections/${r.id}`}>{r.number}</Link> },
              { title: '任务', dataIndex: 'title' },
              { title: '部门', key: 'units', render: (_, r) => [r.leadUnitName, ...r.jointUnitNames].join('、') },
              { title: '状态', key: 'status', render: (_, r) => <StatusTag d={r} /> },
              { title: '抽中', key: 'picked', render: (_, r) => r.picked ?? '—' },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** One draw's public proof with verification in the browser. */
export function PublicDrawPage() {
  const drawId = Number(useParams().drawId);
  const draw = $api.useQuery('get', '/api/inspections/public/draws/{drawId}', { params: { path: { drawId } } });
  return (
    <QueryState query={draw}>
      {(d) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {d.number} {d.title} <StatusTag d={d} />
          </Typography.Title>
          <VerifyPanel drawId={d.id} />
          <DrawView d={d} />
        </Space>
      )}
    </QueryState>
  );
}
