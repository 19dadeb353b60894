import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Segmented, Select, Space, Statistic, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ApiResponse } from '../api.js';
import { Chart } from '../shared/chart.js';
import { useListParams } from '../shared/list-params.js';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, type PeriodKind } from '../../../src/requests/core/figures.js';

export type PublicFigures = ApiResponse<'/api/requests/public/figures', 'get'>;
export type FigureRow = PublicFigures['district'];
type Definition = PublicFigures['definitions'][number];
type RateKey = 'signOnTime' | 'closed' | 'answerOnTime' | 'satisfied' | 'reopened' | 'returned';

/** The period in the URL (`?year=2021&period=quarter&index=3`); missing values are the server's defaults. */
export function usePeriodQuery() {
  const list = useListParams();
  const period = PERIOD_KINDS.find((k) => k === list.get('period'));
  return {
    list,
    query: { year: list.num('year'), period, index: period && period !== 'year' ? list.num('index') : undefined },
  };
}

/** Year, 月度/季度/年度 and which month or quarter. */
export function PeriodPicker({
  data,
  list,
}: {
  data: { years: number[]; period: { kind: PeriodKind; year: number; index: number } };
  list: ReturnType<typeof useListParams>;
}) {
  const { kind, year, index } = data.period;
  const years = data.years.includes(year) ? data.years : [year, ...data.years];
  return (
    <Space wrap className="no-print">
      <Select
        style={{ width: 100 }}
        value={year}
        onChange={(v) => list.set({ year: v })}
        options={years.map((y) => ({ value: y, label: `${y}年` }))}
        aria-label="年份"
      />
      <Segmented
        value={kind}
        onChange={(v) => list.set({ period: v, index: v === 'year' ? null : 1 })}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
      />
      {kind !== 'year' && (
        <Select
          style={{ width: 110 }}
          value={index}
          onChange={(v) => list.set({ index: v })}
          options={Array.from({ length: kind === 'month' ? 12 : 4 }, (_, i) => ({
            value: i + 1,
            label: kind === 'month' ? `${i + 1}月` : `第${'一二三四'[i]}季度`,
          }))}
          aria-label={kind === 'month' ? '月份' : '季度'}
          data-testid="period-index"
        />
      )}
    </Space>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

/** A title with the figure's definition as its tooltip. */
export function Defined({ label, definitions }: { label: string; definitions: Definition[] }) {
  const d = definitions.find((x) => x.label === label);
  return (
    <Tooltip title={d?.definition}>
      <span>
        {label} <QuestionCircleOutlined style={{ color: '#999', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

const CARDS: Array<{ key: RateKey | 'received' | 'avgAnswerDays'; label: string; good: 'up' | 'down' | null }> = [
  { key: 'received', label: '受理量', good: null },
  { key: 'signOnTime', label: '按时签收率', good: 'up' },
  { key: 'answerOnTime', label: '按时办结率', good: 'up' },
  { key: 'closed', label: '办结率', good: 'up' },
  { key: 'satisfied', label: '满意率', good: 'up' },
  { key: 'reopened', label: '重办率', good: 'down' },
  { key: 'returned', label: '退单率', good: 'down' },
  { key: 'avgAnswerDays', label: '平均答复用时', good: 'down' },
];

/** The district's figures as cards, each with its definition and the change against the period before. */
export function RateCards({ data }: { data: Pick<PublicFigures, 'district' | 'districtPrevious' | 'definitions' | 'previous'> }) {
  return (
    <Row gutter={[12, 12]} data-testid="rate-cards">
      {CARDS.map((c) => {
        const now = data.district[c.key];
        const before = data.districtPrevious[c.key];
        const delta = now !== null && before !== null && !(c.key === 'received' && before === 0) ? Math.round((now - before) * 100) / 100 : null;
        const better = delta === null || delta === 0 || c.good === null ? null : delta > 0 === (c.good === 'up');
        const value = c.key === 'received' ? String(now ?? 0) : c.key === 'avgAnswerDays' ? (now === null ? '—' : `${now.toFixed(2)}`) : pct(now);
        return (
          <Col key={c.key} xs={12} sm={8} md={6} xl={3}>
            <Card size="small">
              <Statistic
                title={<Defined label={c.label} definitions={data.definitions} />}
                value={value}
                suffix={c.key === 'avgAnswerDays' && now !== null ? '工作日' : undefined}
                valueStyle={{ fontSize: 20 }}
              />
              <Typography.Text type={better === null ? 'secondary' : better ? 'success' : 'danger'} style={{ fontSize: 12 }}>
                {delta === null
                  ? `上期 ${before === null ? '—' : before}`
                  : `较上期 ${delta > 0 ? '+' : ''}${delta}${c.key === 'received' ? ' 件' : c.key === 'avgAnswerDays' ? ' 日' : ' 个百分点'}`}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** Received per month (bars) with 按时办结率 and 满意率 (lines). */
export function TrendChart({ months }: { months: FigureRow[] }) {
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
          { name: '受理量', type: 'bar', data: months.map((m) => m.received) },
          { name: '按时办结率', type: 'line', yAxisIndex: 1, data: months.map((m) => m.answerOnTime) },
          { name: '满意率', type: 'line', yAxisIndex: 1, data: months.map((m) => m.satisfied) },
        ],
      })}
    />
  );
}

/** Columns of a table of figure rows (units, categories or channels), titles explained by tooltips. */
export function figureColumns(first: string, definitions: Definition[]): TableColumnsType<FigureRow> {
  const rate = (key: RateKey, label: string) => ({
    key,
    title: <Defined label={label} definitions={definitions} />,
    dataIndex: key,
    align: 'right' as const,
    render: (v: number | null) => pct(v),
  });
  return [
    { key: 'label', title: first, dataIndex: 'label' },
    { key: 'received', title: <Defined label="受理量" definitions={definitions} />, dataIndex: 'received', align: 'right' },
    rate('signOnTime', '按时签收率'),
    rate('answerOnTime', '按时办结率'),
    rate('closed', '办结率'),
    rate('satisfied', '满意率'),
    rate('reopened', '重办率'),
    rate('returned', '退单率'),
    {
      key: 'avgAnswerDays',
      title: <Defined label="平均答复用时" definitions={definitions} />,
      dataIndex: 'avgAnswerDays',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} 日`),
    },
  ];
}

/** The definitions written out (指标说明), below the figures. */
export function DefinitionNotes({ definitions }: { definitions: Definition[] }) {
  return (
    <Card size="small" title="指标说明" data-testid="definitions">
      {definitions.map((d) => (
        <Typography.Paragraph key={d.key} style={{ marginBottom: 6 }}>
          <Typography.Text strong>{d.label}</Typography.Text>：{d.definition}
        </Typography.Paragraph>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        诉求按受理日期归入统计期；办理状态为数据截至日的状态。
      </Typography.Paragraph>
    </Card>
  );
}
