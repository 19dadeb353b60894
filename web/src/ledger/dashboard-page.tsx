import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { Chart, columnLabels, gridWithLabels, rowLabels, rowsHeight } from '../shared/chart.js';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { LIGHT_CODES, LIGHTS, NeedLogin, planWaiting, usePlan, useRoles } from './common.js';

export function DashboardPage() {
  const { user } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const dashboard = $api.useQuery(
    'get',
    '/api/ledger/plans/{planId}/dashboard',
    { params: { path: { planId: plan?.id ?? 0 } } },
    { enabled: !!user && !!plan },
  );
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return <QueryState query={dashboard}>{(d) => <DashboardView d={d} planId={plan!.id} />}</QueryState>;
}

function DashboardView({ d, planId }: { d: ApiResponse<'/api/ledger/plans/{planId}/dashboard'>; planId: number }) {
  const done = d.byStatus.find((s) => s.status === 'done')?.count ?? 0;
  const units = d.units.slice(0, 20);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作台
        </Typography.Title>
        <AsOfTag planId={planId} shown={d.asOf} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <Statistic title="任务总数" value={d.total} />
          </Card>
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <div data-testid="stat-done">
              <Statistic title="已完成" value={done} />
            </div>
          </Card>
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <Statistic title="总体进度" value={d.progress ?? 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <Statistic title="红灯任务" value={d.lights.red} valueStyle={{ color: '#f5222d' }} />
          </Card>
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <div data-testid="stat-pending">
              <Statistic title="待审核报告" value={d.reportsPending} />
            </div>
          </Card>
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <Statistic title="未办结督办（逾期）" value={`${d.ordersOpen}（${d.ordersOverdue}）`} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="各领域完成情况">
            <Chart
              height={rowsHeight(d.sections.length)}
              option={(w) => ({
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: gridWithLabels(),
                yAxis: { type: 'category', inverse: true, data: d.sections.map((s) => s.title), axisLabel: rowLabels(w) },
                xAxis: { type: 'value', minInterval: 1 },
                series: [
                  { type: 'bar', name: '任务数', data: d.sections.map((s) => s.total) },
                  { type: 'bar', name: '已完成', data: d.sections.map((s) => s.done), itemStyle: { color: '#52c41a' } },
                ],
              })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="红黄绿灯">
            <Chart
              option={{
                tooltip: {},
                legend: { bottom: 0 },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: LIGHT_CODES.map((k) => ({
                      name: LIGHTS[k].label,
                      value: d.lights[k],
                      itemStyle: { color: LIGHTS[k].color },
                    })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="各牵头单位完成情况（前 20）">
            <Chart
              height={Math.max(360, rowsHeight(units.length))}
              option={(w) => ({
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: { top: 0 },
                grid: gridWithLabels(),
                yAxis: { type: 'category', data: units.map((u) => u.unit), inverse: true, axisLabel: rowLabels(w) },
                xAxis: { type: 'value', minInterval: 1 },
                series: [
                  { type: 'bar', name: '任务数', data: units.map((u) => u.total) },
                  { type: 'bar', name: '已完成', data: units.map((u) => u.done), itemStyle: { color: '#52c41a' } },
                  { type: 'bar', name: '红灯', data: units.map((u) => u.red), itemStyle: { color: '#f5222d' } },
                ],
              })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="各期报送与进度趋势">
            <Chart
              height={360}
              option={(w) => ({
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: gridWithLabels({ top: 56 }),
                xAxis: { type: 'category', data: d.trend.map((t) => t.label), axisLabel: columnLabels(w, d.trend.length) },
                yAxis: [
                  { type: 'value', minInterval: 1 },
                  { type: 'value', max: 100 },
                ],
                series: [
                  { type: 'bar', name: '已报送', data: d.trend.map((t) => t.filed) },
                  { type: 'bar', name: '按时', data: d.trend.map((t) => t.onTime) },
                  { type: 'bar', name: '已通过', data: d.trend.map((t) => t.accepted) },
                  { type: 'line', name: '平均进度%', yAxisIndex: 1, data: d.trend.map((t) => t.averageProgress) },
                ],
              })}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`红灯任务（${d.red.length}）`}>
        <Table
          size="small"
          rowKey="taskId"
          pagination={{ pageSize: 10 }}
          dataSource={d.red}
          columns={[
            { title: '编号', dataIndex: 'code', width: 70 },
            { title: '任务', render: (_, r) => <Link to={`/ledger/tasks/${r.taskId}`}>{r.title}</Link> },
            { title: '牵头单位', dataIndex: 'units', width: 180 },
            { title: '原因', dataIndex: 'reasons' },
          ]}
        />
      </Card>
    </Space>
  );
}
