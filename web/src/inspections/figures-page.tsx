import { useState } from 'react';
import { Card, Col, Flex, InputNumber, Row, Space, Statistic, Tag, Typography } from 'antd';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';

type Fig = ApiResponse<'/api/inspections/checks/figures'>;
type Dept = Fig['departments'][number];
type Task = Fig['tasks'][number];
type Load = Fig['workload'][number];

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
const COUNT_COLUMNS = [
  { key: 'objects', title: '抽取对象', dataIndex: 'objects' },
  { key: 'inspected', title: '已检查', dataIndex: 'inspected' },
  { key: 'problems', title: '发现问题', dataIndex: 'problems' },
  {
    key: 'onTime',
    title: '按时公示',
    render: (_: unknown, r: Dept) => `${r.publishedOnTime}/${r.publishedOnTime + r.publishedLate + r.overdue}（${rate(r.onTimeRate)}）`,
  },
  { key: 'overdue', title: '逾期未公示', render: (_: unknown, r: Dept) => (r.overdue ? <Tag color="red">{r.overdue}</Tag> : 0) },
  { key: 'joint', title: '联合抽查占比', render: (_: unknown, r: Dept) => rate(r.jointShare) },
];

/** 双随机抽查统计: per department and task, the joint share, the inspectors' workload, 首违不罚. */
export function InspectionFiguresPage() {
  const [year, setYear] = useState(Number(chinaToday().slice(0, 4)));
  const fig = $api.useQuery('get', '/api/inspections/checks/figures', { params: { query: { year } } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          双随机抽查统计
        </Typography.Title>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonBefore="年度" style={{ width: 160 }} />
      </Flex>
      <QueryState query={fig}>
        {(f) => (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="抽查任务" value={f.district.draws} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="其中联合抽查" value={f.district.jointDraws} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="检查（对象 × 部门）" value={f.district.checks} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="联合抽查占比" value={rate(f.district.jointShare)} />
                </Card>
              </Col>
            </Row>
            <Typography.Text type="secondary">
              统计至 {f.asOf}；按时公示：自结果产生之日起 {f.publicationWorkingDays} 个工作日内公示。
            </Typography.Text>
            <Card size="small" title="各部门">
              <ResponsiveTable<Dept>
                data-testid="figures-departments"
                size="small"
                rowKey={(r) => r.unitName}
                dataSource={f.departments}
                pagination={false}
                emptyText="暂无"
                cardTitle={(r) => r.unitName}
                cardOmit={['unit']}
                columns={[{ key: 'unit', title: '部门', dataIndex: 'unitName' }, ...COUNT_COLUMNS]}
              />
            </Card>
            <Card size="small" title="各抽查任务">
              <ResponsiveTable<Task>
                size="small"
                rowKey={(r) => `${r.drawId}-${r.unitName}`}
                dataSource={f.tasks}
                pagination={{ pageSize: 20 }}
                emptyText="暂无"
                cardTitle={(r) => `${r.drawNumber} ${r.unitName}`}
                cardOmit={['draw']}
                columns={[
                  { key: 'draw', title: '任务', render: (_, r) => `${r.drawNumber} ${r.title}` },
                  { key: 'unit', title: '部门', render: (_, r) => `${r.unitName}${r.lead ? '（发起）' : '（参与）'}` },
                  ...(COUNT_COLUMNS.slice(0, 5) as typeof COUNT_COLUMNS),
                ]}
              />
            </Card>
            <Card size="small" title="检查人员工作量">
              <ResponsiveTable<Load>
                size="small"
                rowKey={(r) => `${r.unitName}-${r.name}`}
                dataSource={f.workload}
                pagination={{ pageSize: 20 }}
                emptyText="暂无"
                cardTitle={(r) => r.name}
                cardOmit={['name']}
                columns={[
                  { key: 'name', title: '姓名', dataIndex: 'name' },
                  { key: 'unit', title: '部门', dataIndex: 'unitName' },
                  { key: 'checks', title: '选派检查', dataIndex: 'checks' },
                  { key: 'results', title: '录入结果', dataIndex: 'results' },
                ]}
              />
            </Card>
            <Card size="small" title="首违不罚">
              {f.firstOffence.length ? (
                <Flex gap={8} wrap>
                  {f.firstOffence.map((r) => (
                    <Tag key={r.unitName}>
                      {r.unitName}：{r.count} 件
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">暂无</Typography.Text>
              )}
            </Card>
          </>
        )}
      </QueryState>
    </Space>
  );
}
