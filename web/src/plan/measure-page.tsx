import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useFetch } from '../shared/use-fetch.js';
import { highlight } from './highlight.js';
import { OP_SIGNS, type Deadline, type Measure, type Target } from './types.js';

export function MeasurePage() {
  const { planId, number } = useParams();
  const { data: m, error } = useFetch<Measure>(`/api/plan/plans/${planId}/measures/${number}`);
  if (error) return <Alert type="error" message={error} />;
  if (!m) return null;
  const marks = [
    ...m.targets.map((t) => ({ text: t.text, kind: 'target' as const, note: `${t.metric} ${OP_SIGNS[t.op]} ${t.value} ${t.unit}` })),
    ...m.deadlines.map((d) => ({ text: d.text, kind: 'deadline' as const, note: `完成时限：${d.date}` })),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/plan">← 返回实施方案</Link>
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
              children: m.leadUnits.map((u) => (
                <Tag key={u.id} color="red">
                  {u.name}
                </Tag>
              )),
            },
            {
              label: '责任单位',
              children: (
                <>
                  {m.responsibleUnits.map((u) => (
                    <Tag key={u.id}>{u.name}</Tag>
                  ))}
                  {m.relatedDepartments && <Tag color="default">等相关部门</Tag>}
                </>
              ),
            },
          ]}
        />
        <Typography.Paragraph style={{ fontSize: 16, lineHeight: 2, marginTop: 16 }} data-testid="measure-text">
          {highlight(m.text, marks)}
        </Typography.Paragraph>
        <Space>
          <Tag color="blue">蓝色：量化目标</Tag>
          <Tag color="orange">橙色：完成时限</Tag>
        </Space>
      </Card>
      <Card title={`量化目标（${m.targets.length}）`}>
        <Table<Target>
          data-testid="targets-table"
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
        <Table<Deadline>
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
    </Space>
  );
}
