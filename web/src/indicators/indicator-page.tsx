import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { $api, client, type ApiBody, type ApiResponse } from '../api.js';
import { type SessionUser, useSession } from '../auth/session.js';
import { Chart, columnLabels, gridWithLabels } from '../shared/chart.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { recordLink } from './records-page.js';
import { problemsOf } from '../shared/problems.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { fmt, invalidateIndicators, STATUS_COLORS, STATUS_LABELS } from './shared.js';

type Detail = ApiResponse<'/api/indicators/{code}'>;
type Result = Detail['periods'][number];
type CaseRow = Detail['breaching']['items'][number];
type Changes = ApiBody<'/api/indicators/{code}/definition', 'put'>['changes'];

const PERIOD_KINDS = ['month', 'quarter', 'ytd', 'year'] as const;
const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

const problemsText = (e: unknown) => {
  const problems = problemsOf(e);
  return problems.length ? `${errorText(e)}：${problems.map((p) => p.message).join('；')}` : errorText(e);
};

/** One indicator: value and status, explanation, trend, units, breaching and excluded cases; the office adjusts the definition. */
export function IndicatorPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { user } = useSession();
  const query = {
    year: num(params.get('year')),
    unitId: num(params.get('unitId')),
    version: num(params.get('version')),
    periodKind: PERIOD_KINDS.find((k) => k === params.get('periodKind')),
    period: params.get('period') ?? undefined,
  };
  const detail = $api.useQuery('get', '/api/indicators/{code}', { params: { path: { code }, query } }, { enabled: !!user && !!code });
  if (!user) return <Alert type="info" showIcon message="请先登录后查看指标监测" />;
  return (
    <QueryState query={detail} loading={<Card loading />}>
      {(d) => <IndicatorView d={d} user={user} />}
    </QueryState>
  );
}

function IndicatorView({ d, user }: { d: Detail; user: SessionUser }) {
  const [params, setParams] = useSearchParams();
  const office = user.role === 'office' || user.role === 'admin';
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(window.location.search);
    if (v === undefined) p.delete(k);
    else p.set(k, v);
    setParams(p);
  };
  const months = d.periods.filter((p) => p.periodKind === (d.kind === 'count' ? 'ytd' : 'month'));
  const quarters = d.periods.filter((p) => p.periodKind === 'quarter');
  const s = d.current?.status ?? 'no_data';
  const isDuration = d.kind === 'duration';
  const canEdit = ['office', 'admin', 'unit_staff'].includes(user.role);
  const caseColumns = [
    { title: '编号', dataIndex: 'externalId', render: (v: string) => <Link to={recordLink(d.recordType, v, false)}>{v}</Link> },
    { title: '责任单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '未指定' },
    ...(isDuration
      ? [
          { title: '开始', dataIndex: 'start' },
          { title: '结束', render: (_: unknown, r: CaseRow) => (r.open ? <Tag color="orange">未办结</Tag> : r.end) },
          { title: '期限（最后一日）', dataIndex: 'deadline' },
          {
            title: `用时（${d.definition.days === 'calendar' ? '日' : '工作日'}）`,
            dataIndex: 'duration',
            render: (v: number | null) => <b data-testid="case-duration">{fmt(v)}</b>,
          },
        ]
      : d.kind === 'ratio'
        ? [
            { title: '分子', dataIndex: 'numerator', render: fmt },
            { title: '分母', dataIndex: 'denominator', render: fmt },
            { title: '比例%', render: (_: unknown, r: CaseRow) => (r.denominator ? fmt((100 * (r.numerator ?? 0)) / r.denominator) : '—') },
          ]
        : [{ title: '日期', dataIndex: 'periodDate' }]),
    ...(canEdit
      ? [
          {
            title: '操作',
            render: (_: unknown, r: CaseRow) => (
              <Link to={recordLink(d.recordType, r.externalId, true)} data-testid={`edit-case-${r.externalId}`}>
                修改记录
              </Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/indicators?year=${d.year}`}>← 指标监测</Link>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="indicator-title">
          {d.name}
        </Typography.Title>
        <Tag color={STATUS_COLORS[s]} data-testid="indicator-status">
          {STATUS_LABELS[s]}
        </Tag>
        <Tag>定义第 {d.version} 版</Tag>
        <AsOfTag year={d.year} shown={d.explanation?.asOf ?? d.asOf} shownLabel="结果计算时的日期" />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="指标与目标">
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'm',
                  label: '计划措施',
                  children: d.planTarget ? (
                    <Link to={`/plan/${d.planTarget.planId}/measures/${d.measure}`}>
                      第{d.measure}条 {d.planTarget.measureTitle}
                    </Link>
                  ) : (
                    `第${d.measure}条`
                  ),
                },
                { key: 't', label: '计划目标', children: d.planTarget ? `${d.planTarget.metric}：${d.planTarget.text}` : d.metric },
                { key: 'g', label: '监测口径', children: `${d.target}（${d.recordTypeLabel}）` },
                { key: 'v', label: d.valueLabel, children: <b data-testid="indicator-value">{fmt(d.current?.value)}</b> },
                ...(d.current?.average !== null && d.current?.average !== undefined
                  ? [{ key: 'a', label: '平均 / 最长用时', children: `${fmt(d.current.average)} / ${fmt(d.current.worst)}` }]
                  : []),
                ...(d.note ? [{ key: 'n', label: '说明', children: d.note }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="计算说明">
            {d.explanation ? (
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'v',
                    label: '定义版本',
                    children: `第 ${d.explanation.version} 版（${d.versions.find((v) => v.version === d.explanation!.version)?.reason ?? ''}）`,
                  },
                  { key: 'a', label: '截至', children: `${d.explanation.asOf}（计算于 ${new Date(d.explanation.computedAt).toLocaleString('zh-CN')}）` },
                  { key: 'c', label: '计入记录', children: `${d.explanation.counted} 件，其中达标/符合 ${d.explanation.compliant} 件` },
                  {
                    key: 'e',
                    label: '排除记录',
                    children: d.explanation.excluded
                      ? Object.entries(d.explanation.excludedReasons)
                          .map(([k, v]) => `${k} ${v} 件`)
                          .join('；')
                      : '无',
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">尚无计算结果：请上传案件记录。</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={d.kind === 'count' ? '累计趋势' : '月度趋势'}>
        <Chart
          height={260}
          option={(w) => ({
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: gridWithLabels({ top: w < 600 ? 64 : 40 }),
            xAxis: { type: 'category', data: months.map((m) => m.period), axisLabel: columnLabels(w, months.length) },
            yAxis: [
              { type: 'value', name: d.valueLabel.replace(/（.*/, ''), scale: d.kind !== 'count' },
              { type: 'value', name: '件数', minInterval: 1 },
            ],
            series: [
              { type: 'line', name: d.valueLabel, data: months.map((m) => m.value), itemStyle: { color: '#1677ff' } },
              { type: 'bar', name: '计入件数', yAxisIndex: 1, data: months.map((m) => m.counted), itemStyle: { color: '#d9d9d9' } },
              { type: 'bar', name: '未达标件数', yAxisIndex: 1, data: months.map((m) => m.counted - m.compliant), itemStyle: { color: '#ff7875' } },
            ],
          })}
        />
        {quarters.length > 0 && (
          <Space wrap>
            {quarters.map((q) => (
              <Tag key={q.period} color={STATUS_COLORS[q.status]}>
                {q.period}：{fmt(q.value)}（{q.counted} 件）
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title="各单位">
        <Table<Result>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey={(r) => String(r.unitId)}
          pagination={false}
          dataSource={d.units}
          columns={[
            {
              title: '责任单位',
              render: (_, r) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => set('unitId', String(r.unitId))}>
                  {r.unitName ?? '未指定'}
                </Button>
              ),
            },
            { title: d.valueLabel, dataIndex: 'value', render: fmt },
            { title: '计入', dataIndex: 'counted' },
            { title: '达标/符合', dataIndex: 'compliant' },
            { title: '排除', dataIndex: 'excluded' },
            { title: '状态', dataIndex: 'status', render: (v: Result['status']) => <Tag color={STATUS_COLORS[v]}>{STATUS_LABELS[v]}</Tag> },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <span>
              {d.kind === 'ratio' ? '低于目标的记录' : d.kind === 'share' ? '不符合的记录' : '未达标案件'}（{d.breaching.total}）
            </span>
            {params.get('unitId') && (
              <Button size="small" onClick={() => set('unitId', undefined)}>
                全部单位
              </Button>
            )}
            <Segmented
              size="small"
              value={params.get('periodKind') === 'month' ? (params.get('period') ?? 'ytd') : 'ytd'}
              onChange={(v) => {
                const p = new URLSearchParams(window.location.search);
                if (v === 'ytd') {
                  p.delete('periodKind');
                  p.delete('period');
                } else {
                  p.set('periodKind', 'month');
                  p.set('period', String(v));
                }
                setParams(p);
              }}
              options={[{ label: '年初至今', value: 'ytd' }, ...months.map((m) => ({ label: `${m.period.slice(5)}月`, value: m.period }))]}
            />
          </Space>
        }
      >
        <Table<CaseRow>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20 }}
          dataSource={d.breaching.items}
          columns={caseColumns}
          data-testid="breaching-table"
        />
      </Card>
      <Card size="small" title={`排除的记录（${d.excluded.total}）`}>
        <Table<CaseRow>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10 }}
          dataSource={d.excluded.items}
          columns={[
            { title: '编号', dataIndex: 'externalId', render: (v: string) => <Link to={recordLink(d.recordType, v, canEdit)}>{v}</Link> },
            { title: '责任单位', dataIndex: 'unitName' },
            { title: '排除原因', dataIndex: 'reason' },
          ]}
        />
      </Card>
      {office && <AdjustCard d={d} />}
    </Space>
  );
}

function AdjustCard({ d }: { d: Detail }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const key = d.kind === 'duration' ? 'limit' : d.kind === 'count' ? 'target' : 'percent';
  const label = d.kind === 'duration' ? `期限（${d.definition.days === 'calendar' ? '日' : '工作日'}）` : d.kind === 'count' ? '目标数量' : '目标比例（%）';
  const changesOf = (value: number): Changes => (key === 'limit' ? { limit: value } : key === 'target' ? { target: value } : { percent: value });
  return (
    <Card size="small" title="调整指标定义（营商办）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ value: d.definition[key] }}
          onFinish={async (v: { value: number; reason: string }) => {
            try {
              await client.PUT('/api/indicators/{code}/definition', {
                params: { path: { code: d.code } },
                body: { reason: v.reason, changes: changesOf(v.value) },
              });
              message.success('已生成新版本并重新计算');
              await invalidateIndicators();
            } catch (e) {
              message.error(problemsText(e));
            }
          }}
        >
          <Form.Item name="value" label={label} rules={[{ required: true }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input style={{ width: 320, maxWidth: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            生成新版本
          </Button>
        </Form>
        {d.current?.status === 'breached' && (
          <Button
            danger
            onClick={async () => {
              try {
                const { data: o } = await client.POST('/api/indicators/{code}/orders', { params: { path: { code: d.code } }, body: { year: d.year } });
                if (o) message.success(`已发起督办：${o.number}`);
              } catch (e) {
                message.error(problemsText(e));
              }
            }}
          >
            就此指标发起督办
          </Button>
        )}
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={d.versions}
          columns={[
            { title: '版本', dataIndex: 'version' },
            { title: '口径', dataIndex: 'target' },
            { title: '理由', dataIndex: 'reason' },
            { title: '调整人', dataIndex: 'createdBy' },
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          ]}
        />
      </Space>
    </Card>
  );
}
