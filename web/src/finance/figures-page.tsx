import { keepPreviousData } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, InputNumber, Row, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { Chart, rowLabels, rowsHeight } from '../shared/chart.js';
import { ExportButton, withQuery } from '../shared/list-params.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { PeriodPicker, usePeriodQuery } from '../requests/figures-common.js';
import { FinanceCards, financeColumns, FinanceDefinitions, FinanceTrend, type FinanceRow } from './figures-common.js';

type Figures = ApiResponse<'/api/finance/figures', 'get'>;
const DIMENSIONS = [
  { value: 'banks', label: '按银行', first: '金融机构' },
  { value: 'productTypes', label: '按产品类型', first: '产品类型' },
  { value: 'industries', label: '按行业', first: '行业门类' },
  { value: 'sizes', label: '按规模', first: '企业规模' },
] as const;

/** 区金融办 sets the working-day limits and the on-time targets (leaders read them). */
function LimitsCard({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const limits = $api.useQuery('get', '/api/finance/application-limits', {});
  const [form] = Form.useForm<{ acceptDays: number; decideDays: number; acceptTarget: number | null; decideTarget: number | null }>();
  return (
    <Card size="small" title="办理时限与目标">
      <QueryState query={limits}>
        {(l) => (
          <Form
            form={form}
            layout="inline"
            initialValues={l}
            disabled={!editable}
            onFinish={async (v) => {
              try {
                await client.PUT('/api/finance/application-limits', {
                  body: { acceptDays: v.acceptDays, decideDays: v.decideDays, acceptTarget: v.acceptTarget ?? null, decideTarget: v.decideTarget ?? null },
                });
                message.success('已保存，新提交的申请按新时限计算');
                await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/application-limits'] });
                await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/figures'] });
              } catch (e) {
                message.error(errorText(e));
              }
            }}
          >
            <Form.Item name="acceptDays" label="受理时限（工作日）" rules={[{ required: true }]}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="decideDays" label="审批时限（工作日）" rules={[{ required: true }]}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="acceptTarget" label="按时受理率目标（%）">
              <InputNumber min={0} max={100} placeholder="不设" />
            </Form.Item>
            <Form.Item name="decideTarget" label="按时审批率目标（%）">
              <InputNumber min={0} max={100} placeholder="不设" />
            </Form.Item>
            {editable && (
              <Form.Item>
                <Button type="primary" htmlType="submit">
                  保存
                </Button>
              </Form.Item>
            )}
          </Form>
        )}
      </QueryState>
    </Card>
  );
}

/** 渝中融 融资对接统计 (区金融办, leaders): district cards, trend, banks, decline reasons, groups, targets, export. */
export function FinanceFiguresPage() {
  const { user } = useSession();
  const { list, query } = usePeriodQuery();
  const [dim, setDim] = useState<(typeof DIMENSIONS)[number]['value']>('banks');
  const figures = $api.useQuery('get', '/api/finance/figures', { params: { query } }, { placeholderData: keepPreviousData });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        融资对接统计
      </Typography.Title>
      <QueryState query={figures}>
        {(f: Figures) => {
          const q = { year: f.period.year, period: f.period.kind, index: f.period.kind === 'year' ? undefined : f.period.index };
          const d = DIMENSIONS.find((x) => x.value === dim)!;
          const rows: FinanceRow[] = f[dim];
          const banks = f.banks.slice(0, 12);
          return (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <PeriodPicker data={f} list={list} />
                <Space wrap className="no-print">
                  <ExportButton href={withQuery('/api/finance/figures.xlsx', q)} />
                  <Link to="/finance/applications?overdue=1">
                    <Button danger>超期未办申请</Button>
                  </Link>
                </Space>
              </Space>
              <Typography.Text type="secondary">
                {f.period.label}（{f.period.from} 至 {f.period.to}），数据截至 {f.asOf}；与{f.previous.label}比较。
                {f.targets.decideTarget !== null && ` 按时审批率目标 ${f.targets.decideTarget}%。`}
                {f.targets.acceptTarget !== null && ` 按时受理率目标 ${f.targets.acceptTarget}%。`}
              </Typography.Text>
              <FinanceCards data={f} />
              <Row gutter={[12, 12]}>
                <Col xs={24} lg={14}>
                  <Card size="small" title={`${f.period.year}年各月申请、放款与按时审批率`}>
                    {f.months.length ? <FinanceTrend months={f.months} /> : <Empty description="本年尚无数据" />}
                  </Card>
                </Col>
                <Col xs={24} lg={10}>
                  <Card size="small" title="未通过原因">
                    {f.declineReasons.length ? (
                      <Chart
                        height={280}
                        option={(w) => ({
                          tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
                          series: [
                            {
                              type: 'pie',
                              radius: w < 480 ? ['30%', '55%'] : ['35%', '65%'],
                              label: { width: Math.max(80, w * 0.28), overflow: 'break' },
                              data: f.declineReasons.map((r) => ({ name: r.label, value: r.count })),
                            },
                          ],
                        })}
                      />
                    ) : (
                      <Empty description="本期没有未通过的申请" />
                    )}
                  </Card>
                </Col>
              </Row>
              <Card size="small" title="各金融机构申请、获批与放款（笔）">
                {banks.length ? (
                  <Chart
                    height={rowsHeight(banks.length)}
                    option={(w) => ({
                      tooltip: { trigger: 'axis' },
                      legend: { top: 0 },
                      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
                      xAxis: { type: 'value', minInterval: 1 },
                      yAxis: { type: 'category', inverse: true, data: banks.map((b) => b.label), axisLabel: rowLabels(w) },
                      series: [
                        { name: '申请', type: 'bar', data: banks.map((b) => b.counts.applied) },
                        { name: '获批', type: 'bar', data: banks.map((b) => b.counts.approved) },
                        { name: '放款', type: 'bar', data: banks.map((b) => b.counts.disbursed) },
                      ],
                    })}
                  />
                ) : (
                  <Empty description="本期没有申请" />
                )}
              </Card>
              <Card size="small" title="分项统计">
                {/* In the body, not the title bar: four choices beside the title squeeze it to 分项… at 390 px. */}
                <Segmented
                  value={dim}
                  onChange={(v) => setDim(v)}
                  options={DIMENSIONS.map((x) => ({ value: x.value, label: x.label }))}
                  style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
                />
                <ResponsiveTable<FinanceRow>
                  data-testid="finance-figure-table"
                  rowKey="key"
                  size="small"
                  pagination={false}
                  columns={financeColumns(d.first, f.definitions)}
                  dataSource={rows}
                  cardTitle={(r) => <Typography.Text strong>{r.label}</Typography.Text>}
                  cardOmit={['label']}
                />
              </Card>
              <LimitsCard editable={user?.role !== 'leader'} />
              <FinanceDefinitions definitions={f.definitions} />
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}
