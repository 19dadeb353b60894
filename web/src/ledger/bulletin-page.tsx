import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { Chart, gridWithLabels, rowLabels, rowsHeight } from '../shared/chart.js';
import { $api } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { NeedLogin, planWaiting, usePlan, useRoles } from './common.js';

export function BulletinPage() {
  const { user } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const [params, setParams] = useSearchParams();
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: !!user && !!plan });
  const cycleId = params.get('cycleId') ?? (cycles.data?.length ? String(cycles.data.at(-1)!.id) : null);
  const bulletin = $api.useQuery(
    'get',
    '/api/ledger/cycles/{cycleId}/bulletin',
    { params: { path: { cycleId: Number(cycleId) } } },
    { enabled: !!user && !!cycleId },
  );
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  if (cycles.isError) return <QueryState query={cycles}>{() => null}</QueryState>;
  if (cycles.data && cycles.data.length === 0) return <Empty description="尚未设置报送周期" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          定期通报
        </Typography.Title>
        <Select
          style={{ width: 200 }}
          value={cycleId ? Number(cycleId) : undefined}
          onChange={(v) => setParams({ cycleId: String(v) })}
          options={(cycles.data ?? []).map((c) => ({ value: c.id, label: c.label }))}
        />
        {cycleId && (
          <Button icon={<DownloadOutlined />} href={`/api/ledger/cycles/${cycleId}/bulletin.docx`} data-testid="bulletin-docx">
            下载 Word 版
          </Button>
        )}
      </Space>
      {cycleId && (
        <QueryState query={bulletin}>
          {(b) => (
            <Card>
              <Typography.Title level={3} style={{ textAlign: 'center', color: '#c41d26' }}>
                {b.issuer}
              </Typography.Title>
              <div style={{ textAlign: 'center', borderBottom: '2px solid #c41d26', paddingBottom: 8 }}>{b.docNumber}</div>
              <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 24 }} data-testid="bulletin-title">
                {b.title}
              </Typography.Title>
              {b.paragraphs.map((p, i) => (
                <Typography.Paragraph key={i} style={{ textIndent: '2em' }}>
                  {p}
                </Typography.Paragraph>
              ))}
              <Row gutter={16}>
                <Col span={6}>
                  <Statistic title="任务总数" value={b.overall.tasks} />
                </Col>
                <Col span={6}>
                  <Statistic title="总体进度" value={b.overall.progress ?? 0} suffix="%" />
                </Col>
                <Col span={6}>
                  <Statistic title="红灯" value={b.overall.byLight.red} valueStyle={{ color: '#f5222d' }} />
                </Col>
                <Col span={6}>
                  <Statistic title="按时报送" value={`${b.reporting.onTime}/${b.reporting.owed}`} />
                </Col>
              </Row>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Chart
                    option={{
                      tooltip: {},
                      series: [
                        {
                          type: 'pie',
                          radius: ['40%', '70%'],
                          data: b.overall.byStatus.map((s) => ({ name: s.label, value: s.count, itemStyle: { color: s.color } })),
                        },
                      ],
                    }}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Chart
                    height={rowsHeight(b.sections.length, false)}
                    option={(w) => ({
                      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                      grid: gridWithLabels({ top: 8 }),
                      yAxis: { type: 'category', inverse: true, data: b.sections.map((s) => s.title), axisLabel: rowLabels(w) },
                      xAxis: { type: 'value', max: 100 },
                      series: [{ type: 'bar', name: '进度%', data: b.sections.map((s) => s.progress ?? 0) }],
                    })}
                  />
                </Col>
              </Row>
              <Typography.Title level={5}>一、本期完成的任务</Typography.Title>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={b.completed}
                columns={[
                  { title: '编号', dataIndex: 'code' },
                  { title: '任务', dataIndex: 'title' },
                  { title: '牵头单位', dataIndex: 'units' },
                  { title: '完成日期', dataIndex: 'completedOn' },
                ]}
              />
              <Typography.Title level={5}>二、滞后任务</Typography.Title>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={b.lagging}
                columns={[
                  { title: '编号', dataIndex: 'code' },
                  { title: '任务', dataIndex: 'title' },
                  { title: '牵头单位', dataIndex: 'units' },
                  { title: '灯号', dataIndex: 'light' },
                  { title: '情况', dataIndex: 'reasons' },
                ]}
              />
              <Typography.Title level={5}>三、报送情况</Typography.Title>
              <Typography.Paragraph>逾期报送：{b.reporting.late.map((u) => `${u.unit}（${u.tasks.join('、')}）`).join('；') || '无'}</Typography.Paragraph>
              <Typography.Paragraph>未报送：{b.reporting.missing.map((u) => `${u.unit}（${u.tasks.join('、')}）`).join('；') || '无'}</Typography.Paragraph>
              <Typography.Title level={5}>四、督办事项</Typography.Title>
              <Table
                size="small"
                rowKey="number"
                pagination={false}
                dataSource={b.openOrders}
                columns={[
                  { title: '督办单号', dataIndex: 'number' },
                  { title: '单位', dataIndex: 'unit' },
                  { title: '任务', dataIndex: 'task' },
                  { title: '阶段', dataIndex: 'stage' },
                  { title: '反馈期限', render: (_, o) => `${o.replyDue ?? '—'}${o.overdue ? '（逾期）' : ''}` },
                ]}
              />
              <div style={{ textAlign: 'right', marginTop: 24 }}>
                {b.issuer}
                <br />
                {b.asOf}
              </div>
            </Card>
          )}
        </QueryState>
      )}
    </Space>
  );
}
