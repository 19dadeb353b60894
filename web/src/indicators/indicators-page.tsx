import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { Chart } from '../shared/chart.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { fmt, STATUS_COLORS, STATUS_LABELS } from './shared.js';
import { useChoosePlan, useChosenPlan } from '../plan/plan-choice.js';
import { RecomputePanel } from './recompute-panel.js';

type Dashboard = ApiResponse<'/api/indicators/'>;
type IndicatorSummary = Dashboard['indicators'][number];
type LedgerFlag = ApiResponse<'/api/indicators/ledger-flags'>[number];

/** 指标监测: every quantitative commitment of the plan with its target, current value, status and trend. */
export function IndicatorsPage() {
  const { user } = useSession();
  // The year of the plan chosen on the plan and ledger pages (`?plan=ID`, by default the current plan); a year
  // without a plan of its own is chosen here only.
  const chosen = useChosenPlan();
  const choosePlan = useChoosePlan();
  const [otherYear, setOtherYear] = useState<number | undefined>();
  // A plan without a known year (year null) shows the server's default year.
  const year = otherYear ?? chosen.plan?.year ?? undefined;
  const setYear = (y: number) => {
    const plan = chosen.plans.find((p) => p.year === y);
    if (plan) choosePlan(plan.id);
    setOtherYear(plan ? undefined : y);
  };
  const [unitId, setUnitId] = useState<number | undefined>();
  const enabled = !!user && !chosen.query.isPending;
  const dashboard = $api.useQuery('get', '/api/indicators/', { params: { query: { year, unitId } } }, { enabled });
  const flags = $api.useQuery('get', '/api/indicators/ledger-flags', { params: { query: { year } } }, { enabled });
  if (!user) return <Alert type="info" showIcon message="请先登录后查看指标监测" />;
  return (
    <QueryState query={dashboard} loading={<Card loading />}>
      {(d) => (
        <>
          <QueryError query={flags} />
          <DashboardView d={d} flags={flags.data ?? []} unitId={unitId} setYear={setYear} setUnitId={setUnitId} showUnitFilter={user.role !== 'unit_staff'} />
        </>
      )}
    </QueryState>
  );
}

function DashboardView({
  d,
  flags,
  unitId,
  setYear,
  setUnitId,
  showUnitFilter,
}: {
  d: Dashboard;
  flags: LedgerFlag[];
  unitId: number | undefined;
  setYear: (y: number) => void;
  setUnitId: (u: number | undefined) => void;
  showUnitFilter: boolean;
}) {
  const count = (s: string) => d.indicators.filter((i) => (i.current?.status ?? 'no_data') === s).length;
  const link = (code: string) => `/indicators/${code}?year=${d.year}${unitId ? `&unitId=${unitId}` : ''}`;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {d.staleTypes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="results-stale"
          message={`${d.staleTypes.join('、')}的记录已变更，相关指标结果尚未重新计算（系统重启时会自动补算，营商办也可在此页重新计算）`}
        />
      )}
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          指标监测（{d.year}年）
        </Typography.Title>
        <AsOfTag year={d.year} shown={d.asOf} shownLabel="该年度无实施方案" />
        <Select style={{ width: 110 }} value={d.year} onChange={setYear} options={d.years.map((y) => ({ value: y, label: `${y}年` }))} />
        {d.myUnits.length > 1 && (
          <Select style={{ width: 200 }} value={d.unitId ?? undefined} onChange={setUnitId} options={d.myUnits.map((u) => ({ value: u.id, label: u.name }))} />
        )}
        {d.myUnits.length === 1 && <Tag>{d.myUnits[0]!.name}</Tag>}
        {showUnitFilter && (
          <Select
            style={{ width: 220 }}
            allowClear
            placeholder="全区（可选单位）"
            value={unitId}
            onChange={(v) => setUnitId(v ?? undefined)}
            showSearch
            optionFilterProp="label"
            options={d.units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="unit-filter"
          />
        )}
      </Space>
      <RecomputePanel year={d.year} />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title="指标总数" value={d.indicators.length} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <div data-testid="count-met">
              <Statistic title="达标" value={count('met')} valueStyle={{ color: '#52c41a' }} />
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <div data-testid="count-breached">
              <Statistic title="未达标" value={count('breached')} valueStyle={{ color: '#f5222d' }} />
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title="推进中 / 无数据" value={`${count('pending')} / ${count('no_data')}`} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="各项指标">
        <Table<IndicatorSummary>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={d.indicators}
          data-testid="indicator-table"
          columns={[
            {
              title: '措施',
              dataIndex: 'measure',
              width: 60,
              render: (m: number, r) => (r.planTarget ? <Link to={`/plan/${r.planTarget.planId}/measures/${m}`}>{m}</Link> : m),
            },
            {
              title: '指标',
              render: (_, r) => (
                <Link to={link(r.code)} data-testid={`indicator-${r.code}`}>
                  {r.name}
                </Link>
              ),
            },
            { title: '目标', dataIndex: 'target', width: 170 },
            {
              title: '当前值',
              width: 150,
              render: (_, r) => (
                <span title={r.valueLabel}>
                  {fmt(r.current?.value)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    {r.valueLabel.replace(/^.*（(.*)）$/, '$1')}
                  </Typography.Text>
                </span>
              ),
            },
            {
              title: '状态',
              width: 80,
              render: (_, r) => {
                const s = r.current?.status ?? 'no_data';
                return (
                  <Tag color={STATUS_COLORS[s]} data-testid={`status-${r.code}`}>
                    {STATUS_LABELS[s]}
                  </Tag>
                );
              },
            },
            { title: '计入 / 排除', width: 100, render: (_, r) => `${r.current?.counted ?? 0} / ${r.current?.excluded ?? 0}` },
            {
              title: '趋势',
              width: 180,
              render: (_, r) =>
                r.trend.length > 1 ? (
                  <Chart
                    height={40}
                    option={{
                      grid: { left: 2, right: 2, top: 4, bottom: 4 },
                      xAxis: { type: 'category', show: false, data: r.trend.map((t) => t.period) },
                      yAxis: { type: 'value', show: false, scale: true },
                      tooltip: { trigger: 'axis' },
                      series: [{ type: 'line', data: r.trend.map((t) => t.value), symbol: 'none', lineStyle: { width: 1.5 } }],
                    }}
                  />
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              title: '台账任务',
              width: 110,
              render: (_, r) => {
                const f = flags.find((x) => x.measure === r.measure && x.codes.includes(r.code));
                return f
                  ? f.tasks
                      .map((t) => (
                        <Link key={t.id} to={`/ledger/tasks/${t.id}`}>
                          <Tag color="volcano">偏离目标</Tag>
                        </Link>
                      ))
                      .concat(
                        f.tasks.length
                          ? []
                          : [
                              <Tag key="x" color="volcano">
                                偏离目标
                              </Tag>,
                            ],
                      )
                  : null;
              },
            },
            { title: '版本', dataIndex: 'version', width: 60, render: (v: number) => `v${v}` },
          ]}
        />
      </Card>
    </Space>
  );
}
