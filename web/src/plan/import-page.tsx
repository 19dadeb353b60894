import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, List, Select, Space, Steps, Tag, Typography } from 'antd';
import { CheckOutlined, MergeCellsOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { $api, api, client, queryClient, type ApiAccepted, type ApiResponse } from '../api.js';
import { RunProgress } from '../jobs/run-progress.js';
import { UploadButton } from '../shared/upload-button.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';

type Preview = ApiResponse<'/api/plan/plans/preview', 'post'>;
type Started = ApiAccepted<'/api/plan/plans'>;
type Run = ApiResponse<'/api/jobs/runs/{runId}'>;
/** The plan a finished import run wrote: the id in its result's link to the plan (`/plan?plan=3`). */
const importedPlanId = (run: Run): number | null => {
  const href = run.result?.links?.find((l) => l.href.startsWith('/plan?plan='))?.href;
  return href ? Number(href.slice('/plan?plan='.length)) : null;
};
/** A finished import: the plan it wrote (null while running or when it wrote nothing). */
type Imported = { planId: number } | null;
type Pending = ApiResponse<'/api/plan/plans/{planId}/units-to-confirm'>;
type PendingUnit = Pending['units'][number];

/** After an import or a change of the directory: plans, outlines, measures and the unit directory may have changed. */
const reloadPlan = () =>
  Promise.all(
    (
      [
        '/api/plan/plans',
        '/api/plan/plans/{planId}',
        '/api/plan/plans/{planId}/measures',
        '/api/plan/units',
        '/api/plan/plans/{planId}/units-to-confirm',
      ] as const
    ).map((path) => queryClient.invalidateQueries({ queryKey: ['get', path] })),
  );

/**
 * 导入实施方案 (issue 13): upload a plan document, see what it holds (nothing written yet: metadata, counts, the
 * parser's warnings with their lines, the units not in the directory), import it, then confirm each new unit
 * or merge it into an existing one (the name becomes that unit's alias; later imports map it there).
 */
export function PlanImportPage() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [imported, setImported] = useState<Imported>(null);
  // The result page's link 确认新单位 opens this page with ?plan=: its units to confirm.
  const [params] = useSearchParams();
  const linkedPlan = Number(params.get('plan')) || null;
  const unitsOf = imported?.planId ?? linkedPlan;
  // The checked document is written in the background: its run is followed here (and at /jobs/runs/:runId).
  const [runId, setRunId] = useState<number | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const doImport = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file);
      const r = await api<Started>('/api/plan/plans', { method: 'POST', body: fd });
      setRunId(r.runId);
    } catch (e) {
      setFailure(e);
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const finished = (run: Run) => {
    const planId = run.status === 'succeeded' ? importedPlanId(run) : null;
    if (planId) setImported({ planId });
    void reloadPlan();
  };
  const step = imported ? 2 : preview ? 1 : 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-import-page">
      <Card>
        <Typography.Title level={3}>导入实施方案</Typography.Title>
        <Steps
          size="small"
          current={step}
          responsive={false}
          style={{ marginBottom: 16 }}
          items={[{ title: '选择文件' }, { title: '预览核对' }, { title: '确认单位' }]}
        />
        <Typography.Paragraph type="secondary">
          支持 .txt（UTF-8 或 GB18030）和 .docx 文件。先预览：解析结果不写入；核对解析提示和名录外的单位后再导入。同一文号再次导入生成新版本。
        </Typography.Paragraph>
        <Space wrap>
          <UploadButton<Preview>
            url="/api/plan/plans/preview"
            accept=".txt,.docx"
            onUploaded={(r, f) => {
              setPreview(r);
              setFile(f);
              setImported(null);
              setRunId(null);
              setProblems(null);
              setFailure(null);
            }}
            onFailed={(e) => {
              setPreview(null);
              setFile(null);
              setImported(null);
              setRunId(null);
              setFailure(e);
              const found = problemsOf(e);
              setProblems(found.length ? found : null);
            }}
          >
            <Button icon={<UploadOutlined />} type={preview ? 'default' : 'primary'} data-testid="choose-plan-file">
              {preview ? '重新选择文件' : '选择方案文件并预览'}
            </Button>
          </UploadButton>
          <Link to={imported ? `/plan?plan=${imported.planId}` : '/plan'}>返回实施方案</Link>
        </Space>
        {failure !== null && !problems && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={failure} />
          </div>
        )}
        {problems && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message="无法解析，未导入任何内容"
            description={problems.map((p, i) => (
              <div key={`${p.row ?? ''}-${i}`}>
                {p.row ? `第${p.row}行：` : ''}
                {p.message}
              </div>
            ))}
          />
        )}
      </Card>
      {preview && <PreviewCard preview={preview} started={runId !== null} busy={busy} onImport={() => void doImport()} />}
      {runId !== null && <RunProgress runId={runId} unit="条措施" onFinished={finished} />}
      {unitsOf !== null && <UnitsToConfirm planId={unitsOf} />}
    </Space>
  );
}

function PreviewCard({ preview: p, started, busy, onImport }: { preview: Preview; started: boolean; busy: boolean; onImport: () => void }) {
  return (
    <Card title={`预览：${p.fileName}`} data-testid="plan-preview">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { label: '标题', children: <span data-testid="preview-title">{p.title}</span>, span: { xs: 1, md: 2 } },
          { label: '文号', children: p.docNumber ?? '—（以标题识别）' },
          { label: '年度', children: p.year ?? '未能确定（相对期限不推算日期）' },
          { label: '发文单位', children: p.issuer ?? '—' },
          { label: '印发日期', children: p.issuedOn ?? '—' },
          {
            label: '规模',
            children: `${p.sections} 个部分，${p.measures} 条措施，${p.targets} 个量化目标，${p.deadlines} 个完成时限`,
            span: { xs: 1, md: 2 },
          },
        ]}
      />
      {p.existingPlan && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          message={`已导入同文号的方案“${p.existingPlan.title}”（第${p.existingPlan.revision}版）：内容不同时导入生成第${p.existingPlan.revision + 1}版，措施编号不变的台账任务保留。`}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        解析提示（{p.warnings.length} 条）
      </Typography.Title>
      <ResponsiveTable
        size="small"
        data-testid="preview-warnings"
        rowKey={(w) => `${w.line}-${w.code}-${w.message}`}
        pagination={false}
        dataSource={p.warnings}
        emptyText="无解析提示"
        columns={[
          { title: '行', dataIndex: 'line', width: 70 },
          { title: '提示', dataIndex: 'message' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        待确认单位（{p.unitsToConfirm.length} 个）
      </Typography.Title>
      {p.unitsToConfirm.length ? (
        <>
          <Typography.Paragraph type="secondary">
            以下单位不在单位名录中，按原文名称保留；导入后作为新单位，由营商办确认为新单位或合并到已有单位。
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            data-testid="preview-units"
            dataSource={p.unitsToConfirm}
            renderItem={(u) => (
              <List.Item>
                <Flex wrap gap={8} align="center">
                  <Tag color="orange">{u.name}</Tag>
                  <Typography.Text type="secondary">{u.measures.length ? `措施 ${u.measures.join('、')}` : '章节标题中的单位'}</Typography.Text>
                  {u.waiting && <Tag>已在名录中，待确认</Tag>}
                </Flex>
              </List.Item>
            )}
          />
        </>
      ) : (
        <Typography.Paragraph type="secondary">方案中的单位都在单位名录中。</Typography.Paragraph>
      )}
      <Space style={{ marginTop: 16 }} wrap>
        {started ? (
          <Typography.Text type="secondary">已提交导入，进度和结果见下方。</Typography.Text>
        ) : (
          <Button type="primary" loading={busy} onClick={onImport} data-testid="import-plan">
            确认导入
          </Button>
        )}
      </Space>
    </Card>
  );
}

function UnitsToConfirm({ planId }: { planId: number }) {
  const query = $api.useQuery('get', '/api/plan/plans/{planId}/units-to-confirm', { params: { path: { planId } } });
  return (
    <Card title="方案中的待确认单位" data-testid="units-to-confirm">
      <QueryState query={query}>
        {(d) =>
          d.units.length === 0 ? (
            <Empty description="没有待确认的单位" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              {d.units.map((u) => (
                <PendingUnitRow key={u.id} unit={u} planId={planId} pending={d} />
              ))}
            </Space>
          )
        }
      </QueryState>
    </Card>
  );
}

function PendingUnitRow({ unit, planId, pending }: { unit: PendingUnit; planId: number; pending: Pending }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<Pending['kinds'][number]['value'] | undefined>(undefined);
  const [into, setInto] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      message.success(done);
      await reloadPlan();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { unitId: unit.id } } };
  const intoName = pending.candidates.find((c) => c.id === into)?.name;
  return (
    <Card size="small" data-testid={`pending-unit-${unit.name}`} title={<Tag color="orange">{unit.name}</Tag>}>
      <Typography.Paragraph>
        {unit.measures.map((m, i) => (
          <span key={`${m.number}-${m.role}`}>
            {i > 0 && '；'}
            <Link to={`/plan/${planId}/measures/${m.number}`}>
              {m.number}. {m.title}
            </Link>
            （{m.role === 'lead' ? '牵头' : '责任'}）
          </span>
        ))}
      </Typography.Paragraph>
      <Flex wrap gap={16}>
        <Space.Compact style={{ maxWidth: '100%' }}>
          <Select
            placeholder="单位类别"
            style={{ width: 200, maxWidth: '60vw' }}
            value={kind}
            onChange={setKind}
            options={pending.kinds}
            data-testid="confirm-kind"
          />
          <Button
            icon={<CheckOutlined />}
            disabled={!kind || busy}
            onClick={() => {
              const k = pending.kinds.find((x) => x.value === kind);
              if (!k) return;
              void act(
                () => client.POST('/api/plan/units/{unitId}/confirm', { ...path, body: { kind: k.value } }),
                `已确认“${unit.name}”为新单位（${k.label}）`,
              );
            }}
          >
            确认为新单位
          </Button>
        </Space.Compact>
        <Space.Compact style={{ maxWidth: '100%' }}>
          <Select
            showSearch
            placeholder="合并到已有单位"
            optionFilterProp="label"
            style={{ width: 220, maxWidth: '60vw' }}
            value={into}
            onChange={setInto}
            options={pending.candidates.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="merge-into"
          />
          <Button
            icon={<MergeCellsOutlined />}
            disabled={!into || busy}
            data-testid="merge-unit"
            onClick={() =>
              into &&
              void act(
                () => client.POST('/api/plan/units/{unitId}/merge', { ...path, body: { intoUnitId: into } }),
                `已将“${unit.name}”合并到“${intoName ?? ''}”，并记为其别名`,
              )
            }
          >
            合并
          </Button>
        </Space.Compact>
      </Flex>
    </Card>
  );
}
