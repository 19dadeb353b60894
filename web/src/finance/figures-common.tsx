import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ApiResponse } from '../api.js';
import { Chart } from '../shared/chart.js';
import { Defined } from '../requests/figures-common.js';

export type PublicFinanceFigures = ApiResponse<'/api/finance/public/figures', 'get'>;
export type FinanceRow = PublicFinanceFigures['district'];
type Definition = PublicFinanceFigures['definitions'][number];

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
const wan = (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;

interface CardDef {
  key: string;
  label: string;
  value: (r: FinanceRow) => string;
  suffix?: string;
  /** The number compared with the period before, and whether up is good. */
  num: (r: FinanceRow) => number | null;
  good: 'up' | 'down' | null;
}

const CARDS: CardDef[] = [
  { key: 'needs', label: '发布需求', value: (r) => String(r.counts.needsPosted), suffix: '项', num: (r) => r.counts.needsPosted, good: null },
  { key: 'match', label: '匹配率', value: (r) => pct(r.matchRate), num: (r) => r.matchRate, good: 'up' },
  { key: 'applied', label: '申请', value: (r) => String(r.counts.applied), suffix: '件', num: (r) => r.counts.applied, good: null },
  { key: 'accept', label: '按时受理率', value: (r) => pct(r.acceptOnTime), num: (r) => r.acceptOnTime, good: 'up' },
  { key: 'decide', label: '按时审批率', value: (r) => pct(r.decideOnTime), num: (r) => r.decideOnTime, good: 'up' },
  {
    key: 'approved',
    label: '获批',
    value: (r) => `${r.counts.approved} 笔 / ${wan(r.counts.approvedAmount)}`,
    suffix: '万元',
    num: (r) => r.counts.approved,
    good: 'up',
  },
  {
    key: 'disbursed',
    label: '放款',
    value: (r) => `${r.counts.disbursed} 笔 / ${wan(r.counts.disbursedAmount)}`,
    suffix: '万元',
    num: (r) => r.counts.disbursed,
    good: 'up',
  },
  {
    key: 'days',
    label: '平均审批用时',
    value: (r) => (r.avgDecisionDays === null ? '—' : r.avgDecisionDays.toFixed(2)),
    suffix: '工作日',
    num: (r) => r.avgDecisionDays,
    good: 'down',
  },
  { key: 'first', label: '首贷占比', value: (r) => pct(r.firstLoanShare), num: (r) => r.firstLoanShare, good: 'up' },
  { key: 'small', label: '小微企业占比', value: (r) => pct(r.smallMicroShare), num: (r) => r.smallMicroShare, good: 'up' },
];

/** The district's figures as cards, each with its definition and the change against the period before. */
export function FinanceCards({ data }: { data: Pick<PublicFinanceFigures, 'district' | 'districtPrevious' | 'definitions'> }) {
  return (
    <Row gutter={[12, 12]} data-testid="finance-cards">
      {CARDS.map((c) => {
        const now = c.num(data.district);
        const before = c.num(data.districtPrevious);
        const delta = now !== null && before !== null ? Math.round((now - before) * 100) / 100 : null;
        const better = delta === null || delta === 0 || c.good === null ? null : delta > 0 === (c.good === 'up');
        return (
          <Col key={c.key} xs={12} sm={8} md={6} xl={4}>
            <Card size="small" data-testid={`card-${c.key}`}>
              <Statistic
                title={<Defined label={c.label} definitions={data.definitions} />}
                value={c.value(data.district)}
                suffix={c.suffix}
                valueStyle={{ fontSize: 18 }}
              />
              <Typography.Text type={better === null ? 'secondary' : better ? 'success' : 'danger'} style={{ fontSize: 12 }}>
                {delta === null ? `上期 ${before === null ? '—' : before}` : `较上期 ${delta > 0 ? '+' : ''}${delta}`}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** Applications and disbursements per month (bars) with 按时审批率 (line). */
export function FinanceTrend({ months }: { months: FinanceRow[] }) {
  return (
    <Chart
      height={280}
      option={(w) => ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 44, right: 44, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: months.map((m) => m.label), axisLabel: { hideOverlap: true, rotate: w < 480 ? 45 : 0 } },
        yAxis: [
          { type: 'value', name: '件', minInterval: 1 },
          { type: 'value', name: '%', min: 0, max: 100 },
        ],
        series: [
          { name: '申请', type: 'bar', data: months.map((m) => m.counts.applied) },
          { name: '放款', type: 'bar', data: months.map((m) => m.counts.disbursed) },
          { name: '按时审批率', type: 'line', yAxisIndex: 1, data: months.map((m) => m.decideOnTime) },
        ],
      })}
    />
  );
}

export function financeColumns(first: string, definitions: Definition[]): TableColumnsType<FinanceRow> {
  const rate = (key: 'matchRate' | 'acceptOnTime' | 'decideOnTime' | 'approvalRate' | 'firstLoanShare' | 'smallMicroShare', label: string) => ({
    key,
    title: <Defined label={label} definitions={definitions} />,
    align: 'right' as const,
    render: (_: unknown, r: FinanceRow) => pct(r[key]),
  });
  return [
    { key: 'label', title: first, dataIndex: 'label' },
    { key: 'needs', title: '发布需求', align: 'right', render: (_, r) => r.counts.needsPosted },
    { key: 'applied', title: '申请', align: 'right', render: (_, r) => r.counts.applied },
    rate('acceptOnTime', '按时受理率'),
    rate('decideOnTime', '按时审批率'),
    { key: 'approved', title: '获批（笔/万元）', align: 'right', render: (_, r) => `${r.counts.approved} / ${wan(r.counts.approvedAmount)}` },
    { key: 'disbursed', title: '放款（笔/万元）', align: 'right', render: (_, r) => `${r.counts.disbursed} / ${wan(r.counts.disbursedAmount)}` },
    { key: 'declined', title: '未通过', align: 'right', render: (_, r) => r.counts.declined },
    { key: 'days', title: '平均审批用时', align: 'right', render: (_, r) => (r.avgDecisionDays === null ? '—' : `${r.avgDecisionDays.toFixed(2)} 日`) },
    rate('firstLoanShare', '首贷占比'),
    rate('smallMicroShare', '小微企业占比'),
  ];
}

export function FinanceDefinitions({ definitions }: { definitions: Definition[] }) {
  return (
    <Card size="small" title="指标说明">
      {definitions.map((d) => (
        <Typography.Paragraph key={d.key} style={{ marginBottom: 6 }}>
          <Typography.Text strong>{d.label}</Typography.Text>：{d.definition}
        </Typography.Paragraph>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        需求按发布日期、申请按提交日期归入统计期；办理状态为数据截至日的状态；期限按工作日计算（法定节假日不计，调休上班日计入）。
      </Typography.Paragraph>
    </Card>
  );
}
