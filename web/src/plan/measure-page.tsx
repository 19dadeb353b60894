import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { highlight } from './highlight.js';
import { OP_SIGNS } from './labels.js';

type Measure = ApiResponse<'/api/plan/plans/{planId}/measures/{number}'>;
type Target = Measure['targets'][number];
type Deadline = Measure['deadlines'][number];

/** Tags of units wrap onto more lines (a description's content is one flex line otherwise). */
const WRAP = { display: 'flex', flexWrap: 'wrap', gap: '4px 0', minWidth: 0 } as const;

function MeasureView({ m }: { m: Measure }) {
  const marks = [
    ...m.targets.map((t) => ({ text: t.text, kind: 'target' as const, note: `${t.metric} ${OP_SIGNS[t.op]} ${t.value} ${t.unit}` })),
    ...m.deadlines.map((d) => ({ text: d.text, kind: 'deadline' as const, note: `完成时限：${d.date}` })),
  ];
  return (
    <>
      <Card
        title={
          <span data-testid="measure-title">
            {m.number}. {m.title}
          </span>
        }
      >
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              label: '牵头单位',
              children: (
                <div style={WRAP}>
                  {m.leadUnits.map((u) => (
                    <Tag key={u.id} color="red">
                      {u.name}
                    </Tag>
                  ))}
                </div>
              ),
            },
            {
              label: '责任单位',
              children: (
                <div style={WRAP}>
                  {m.responsibleUnits.map((u) => (
                    <Tag key={u.id}>{u.name}</Tag>
                  ))}
                  {m.relatedDepartments && <Tag color="default">等相关部门</Tag>}
                </div>
              ),
            },
          ]}
        />
        <Typography.Paragraph style={{ fontSize: 16, lineHeight: 2, marginTop: 16 }} data-testid="measure-text">
          {highlight(m.text, marks)}
        </Typography.Paragraph>
        <Space wrap>
          <Tag color="blue">蓝色：量化目标</Tag>
          <Tag color="orange">橙色：完成时限</Tag>
        </Space>
      </Card>
      <Card title={`量化目标（${m.targets.length}）`}>
        <ResponsiveTable<Target>
          data-testid="targets-table"
          cardTitle={(t) => `${t.seq}. ${t.metric}`}
          cardOmit={['seq', 'metric']}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={m.targets}
          columns={[
            { title: '#', dataIndex: 'seq', width: 50 },
            { title: '指标', dataIndex: 'metric' },
            { title: '要求', width: 160, render: (_, t) => `${OP_SIGNS[t.op]} ${t.value} ${t.unit}` },
            { title: '原文', dataIndex: 'text' },
          ]}
        />
      </Card>
      <Card title={`完成时限（${m.deadlines.length}）`}>
        <ResponsiveTable<Deadline>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={m.deadlines}
          columns={[
            { title: '日期', dataIndex: 'date', width: 140 },
            { title: '原文', dataIndex: 'text' },
          ]}
        />
      </Card>
    </>
  );
}

export function MeasurePage() {
  const params = useParams();
  const planId = Number(params.planId);
  const number = Number(params.number);
  const valid = Number.isInteger(planId) && planId > 0 && Number.isInteger(number) && number > 0;
  const measure = $api.useQuery('get', '/api/plan/plans/{planId}/measures/{number}', { params: { path: { planId, number } } }, { enabled: valid });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/plan?plan=${planId}`}>← 返回实施方案</Link>
      {valid ? <QueryState query={measure}>{(m) => <MeasureView m={m} />}</QueryState> : <Typography.Text type="danger">地址有误：措施不存在</Typography.Text>}
    </Space>
  );
}
