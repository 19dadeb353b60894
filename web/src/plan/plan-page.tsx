import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { $api, queryClient, type ApiAccepted, type ApiResponse } from '../api.js';
import { RunProgress } from '../jobs/run-progress.js';
import { UploadButton } from '../shared/upload-button.js';
import { useSession } from '../auth/session.js';
import { Chart, gridWithLabels, rowLabels, rowsHeight } from '../shared/chart.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';
import { CN_NUM, OP_SIGNS } from './labels.js';
import { outlineQuery, planListQuery, planUnitsQuery } from './queries.js';
import { useChosenPlan } from './plan-choice.js';

type Measure = ApiResponse<'/api/plan/plans/{planId}/measures'>[number];

export function PlanPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const plans = useQuery(planListQuery());
  // The plan chosen in the plan bar (`?plan=ID`), by default the current plan.
  const current = useChosenPlan().plan?.id ?? null;
  const outline = useQuery({ ...outlineQuery(current ?? 0), enabled: current !== null });
  const units = useQuery({ ...planUnitsQuery(current ?? 0), enabled: current !== null });
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const filtering = current !== null && !!(q || unitId);
  const filtered = $api.useQuery(
    'get',
    '/api/plan/plans/{planId}/measures',
    { params: { path: { planId: current ?? 0 }, query: { ...(q ? { q } : {}), ...(unitId ? { unitId } : {}) } } },
    { enabled: filtering },
  );
  /** After an import: the plan list, the outline, the measures and the unit directory may have changed. */
  const reload = () =>
    Promise.all(
      (['/api/plan/plans', '/api/plan/plans/{planId}', '/api/plan/plans/{planId}/measures', '/api/plan/units'] as const).map((path) =>
        queryClient.invalidateQueries({ queryKey: ['get', path] }),
      ),
    );
  const [problems, setProblems] = useState<Problem[] | null>(null);
  // A checked ledger sheet is written in the background: its run is followed here (and at /jobs/runs/:runId).
  const [ledgerRun, setLedgerRun] = useState<number | null>(null);

  // Sections as rows (horizontal bars): their titles are long, and wrap in two lines beside the bars.
  const chartOption = useMemo(() => {
    const secs = outline.data?.sections ?? [];
    const names = secs.map((s) => `${CN_NUM[s.number]}、${s.title}`);
    const measures = secs.map((s) => s.subsections.reduce((n, ss) => n + ss.measures.length, 0));
    const targets = secs.map((s) => s.subsections.reduce((n, ss) => n + ss.measures.reduce((k, m) => k + m.targets.length, 0), 0));
    return (width: number) => ({
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
      legend: { top: 0, data: ['措施数', '量化目标数'] },
      grid: gridWithLabels(),
      yAxis: { type: 'category' as const, data: names, inverse: true, axisLabel: rowLabels(width) },
      xAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        { name: '措施数', type: 'bar' as const, data: measures },
        { name: '量化目标数', type: 'bar' as const, data: targets },
      ],
    });
  }, [outline.data]);

  if (!plans.data) return <QueryState query={plans}>{() => null}</QueryState>;
  if (plans.data && plans.data.length === 0)
    return (
      <Empty description="尚未导入实施方案（可用命令 bizenv plan import 文件 导入）">
        {user && (user.role === 'office' || user.role === 'admin') && <Link to="/plan/import">导入实施方案</Link>}
      </Empty>
    );
  const o = outline.data;
  const allMeasures = o?.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures)) ?? [];
  const canImport = user && (user.role === 'office' || user.role === 'admin');
  const myUnits = user?.unitIds ?? [];

  const measureList = (ms: Measure[]) => (
    <ResponsiveTable<Measure>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={ms}
      cardTitle={(m) => (
        <Link to={`/plan/${current}/measures/${m.number}`} data-testid={`measure-link-${m.number}`}>
          {m.number}. {m.title}
        </Link>
      )}
      cardOmit={['number', 'title']}
      columns={[
        { title: '序号', dataIndex: 'number', width: 60 },
        {
          title: '措施',
          key: 'title',
          render: (_, m) => (
            <Link to={`/plan/${current}/measures/${m.number}`} data-testid={`measure-link-${m.number}`}>
              {m.title}
            </Link>
          ),
        },
        {
          title: '牵头单位',
          width: 200,
          render: (_, m) =>
            m.leadUnits.map((u) => (
              <Tag key={u.id} color="red">
                {u.name}
              </Tag>
            )),
        },
        {
          title: '量化目标',
          width: 280,
          render: (_, m) =>
            m.targets.map((t) => (
              <Tag key={t.id} color="blue">
                {OP_SIGNS[t.op]}
                {t.value}
                {t.unit}
              </Tag>
            )),
        },
        { title: '完成时限', width: 120, render: (_, m) => m.deadlines.map((d) => <div key={d.id}>{d.date}</div>) },
      ]}
    />
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {o && (
        <Card>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Title level={3} data-testid="plan-title">
                {o.plan.title}
              </Typography.Title>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { label: '文号', children: o.plan.doc_number },
                  { label: '发文单位', children: o.plan.issuer ?? '—' },
                  { label: '印发日期', children: o.plan.issued_on ?? '—' },
                  { label: '版本', children: `第${o.plan.current_revision}版` },
                  {
                    label: '规模',
                    children: `${o.sections.length} 个部分，${allMeasures.length} 条措施，${allMeasures.reduce((n, m) => n + m.targets.length, 0)} 个量化目标`,
                  },
                ]}
              />
            </Col>
            <Col xs={24} md={12}>
              <Chart option={chartOption} height={rowsHeight(o.sections.length)} />
            </Col>
          </Row>
        </Card>
      )}
      <Card>
        <Space wrap>
          <Input.Search
            placeholder="检索措施全文，如：工作日、电子营业执照"
            allowClear
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="measure-search"
          />
          <Select
            allowClear
            showSearch
            placeholder="按单位筛选"
            style={{ width: 240, maxWidth: '100%' }}
            value={unitId}
            onChange={setUnitId}
            optionFilterProp="label"
            options={(units.data ?? []).filter((u) => u.leads.length + u.supports.length > 0).map((u) => ({ value: u.id, label: u.name }))}
          />
          {myUnits.length > 0 && <Button onClick={() => setUnitId(myUnits[0])}>本单位任务</Button>}
          {current && (
            <Button icon={<DownloadOutlined />} href={`/api/plan/plans/${current}/ledger.xlsx`}>
              导出台账（Excel）
            </Button>
          )}
          {canImport && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/plan/import')} data-testid="plan-import-link">
              导入实施方案
            </Button>
          )}
          {canImport && current && (
            <UploadButton<ApiAccepted<'/api/plan/plans/{planId}/ledger.xlsx'>>
              url={`/api/plan/plans/${current}/ledger.xlsx`}
              accept=".xlsx"
              onUploaded={(r) => {
                setProblems(null);
                setLedgerRun(r.runId);
              }}
              onFailed={(e) => {
                setLedgerRun(null);
                message.error(errorText(e));
                const found = problemsOf(e);
                setProblems(found.length ? found : null);
              }}
            >
              <Button icon={<UploadOutlined />}>导入台账</Button>
            </UploadButton>
          )}
        </Space>
        {units.isError && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={units.error} retry={() => void units.refetch()} />
          </div>
        )}
        {ledgerRun !== null && (
          <div style={{ marginTop: 12 }}>
            <RunProgress runId={ledgerRun} unit="条措施" onFinished={() => void reload()} />
          </div>
        )}
        {problems && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message={`导入失败：共 ${problems.length} 处错误，未导入任何内容`}
            description={
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                dataSource={problems}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'field', width: 100 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            }
          />
        )}
      </Card>
      {filtering ? (
        <QueryState query={filtered}>{(ms) => <Card title={`检索结果（${ms.length} 条措施）`}>{measureList(ms)}</Card>}</QueryState>
      ) : outline.isPending || outline.isError ? (
        current !== null && <QueryState query={outline}>{() => null}</QueryState>
      ) : (
        o?.sections.map((s) => (
          <Card key={s.number} title={`${CN_NUM[s.number]}、${s.title}`}>
            {s.subsections.map((ss) => (
              <div key={ss.number} style={{ marginBottom: 16 }}>
                {ss.number > 0 && (
                  <Typography.Title level={5}>
                    （{CN_NUM[ss.number]}）{ss.title}
                  </Typography.Title>
                )}
                {ss.measures.length ? measureList(ss.measures) : <Typography.Paragraph type="secondary">{ss.text}</Typography.Paragraph>}
              </div>
            ))}
          </Card>
        ))
      )}
    </Space>
  );
}
