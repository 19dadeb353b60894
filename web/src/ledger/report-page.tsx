import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import { errorText, NeedLogin, type Report, type ReportRow, STATE_LABELS, statusLabel, planWaiting, usePlan, useRoles } from './common.js';
import { EvidenceUpload, refreshTaskQueries, ReportModal } from './task-page.js';

export function ReportPage() {
  const { reportId } = useParams();
  const { user } = useRoles();
  const report = $api.useQuery('get', '/api/ledger/reports/{reportId}', { params: { path: { reportId: Number(reportId) } } }, { enabled: !!user });
  if (!user) return <NeedLogin />;
  return <QueryState query={report}>{(r) => <ReportView r={r} />}</QueryState>;
}

function ReportView({ r }: { r: Report }) {
  const { message } = App.useApp();
  const { isOffice, isUnit, unitIds } = useRoles();
  const task = $api.useQuery('get', '/api/ledger/tasks/{taskId}', { params: { path: { taskId: r.taskId } } });
  const [comment, setComment] = useState('');
  const [resubmit, setResubmit] = useState(false);
  const t = task.data;
  const mine = !!t && [...t.leadUnits, ...t.responsibleUnits].some((u) => unitIds.includes(u.id));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/reports/{reportId}'] }), refreshTaskQueries()]);
  const review = async (outcome: 'accept' | 'return') => {
    try {
      await client.POST('/api/ledger/reports/{reportId}/review', { params: { path: { reportId: r.id } }, body: { outcome, comment } });
      message.success(outcome === 'accept' ? '已通过' : '已退回');
      setComment('');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const latest = r.versions[0]!;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        进展报告：{r.cycleLabel} · <Link to={`/ledger/tasks/${r.taskId}`}>{r.taskTitle}</Link>
      </Typography.Title>
      <QueryError query={task} />
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            {
              label: '审核状态',
              children: (
                <Tag color={STATE_LABELS[r.state].color} data-testid="report-state">
                  {STATE_LABELS[r.state].label}
                </Tag>
              ),
            },
            { label: '当前版本', children: r.version },
            { label: '退回次数', children: r.returns },
            { label: '报送截止', children: r.dueOn },
            {
              label: '首次报送',
              children: (
                <span>
                  {r.firstSubmittedOn} {r.onTime ? <Tag color="green">按时</Tag> : <Tag color="red">逾期</Tag>}
                </span>
              ),
            },
            { label: '数据', children: r.demo ? <Tag>演示数据</Tag> : '正式' },
          ]}
        />
        {isOffice && r.state === 'submitted' && (
          <Space style={{ marginTop: 12 }} align="start">
            <Input.TextArea
              placeholder="审核意见（退回时必填）"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              style={{ width: 420 }}
              data-testid="review-comment"
            />
            <Button type="primary" onClick={() => review('accept')} data-testid="review-accept">
              通过
            </Button>
            <Button danger onClick={() => review('return')} data-testid="review-return">
              退回
            </Button>
          </Space>
        )}
        {isUnit && mine && r.state !== 'accepted' && (
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => setResubmit(true)} data-testid="resubmit">
              {r.state === 'returned' ? '修改后重新报送' : '修改报告'}
            </Button>
            <EvidenceUpload reportId={r.id} onDone={() => void refresh()} />
          </Space>
        )}
      </Card>
      <Card size="small" title="佐证材料">
        {r.evidence.length
          ? r.evidence.map((e) => (
              <div key={e.id}>
                <a href={`/api/ledger/evidence/${e.id}`} data-testid="evidence-link">
                  {e.fileName}
                </a>
                （第{e.version}版，{Math.ceil(e.size / 1024)} KB，{e.uploadedBy}）
              </div>
            ))
          : '无'}
      </Card>
      <Card size="small" title="版本记录">
        <Timeline
          items={r.versions.map((v) => ({
            color: v.outcome === 'accepted' ? 'green' : v.outcome === 'returned' ? 'red' : 'blue',
            children: (
              <div>
                <b>第 {v.version} 版</b>（{v.unit ?? ''} {v.submittedBy}，{new Date(v.submittedAt).toLocaleString('zh-CN')}）：{statusLabel(v.content.status)}
                ，进度 {v.content.progress}%<div>进展：{v.content.done}</div>
                {v.content.problems && <div>问题：{v.content.problems}</div>}
                {v.content.nextSteps && <div>下步：{v.content.nextSteps}</div>}
                {v.content.actuals.length > 0 && (
                  <div>
                    实际值：
                    {v.content.actuals
                      .map((a) => {
                        const g = t?.targets.find((x) => x.id === a.targetId);
                        return `${g?.metric ?? a.targetId} ${a.value}${g?.unit ?? ''}`;
                      })
                      .join('；')}
                  </div>
                )}
                {v.outcome && (
                  <div>
                    审核：{v.outcome === 'accepted' ? '通过' : '退回'}
                    {v.reviewComment ? `（${v.reviewComment}）` : ''} — {v.reviewedBy}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Card>
      {t && (
        <ReportModal
          open={resubmit}
          task={t}
          fixedCycleId={r.cycleId}
          cycles={[{ id: r.cycleId, label: r.cycleLabel, dueOn: r.dueOn }]}
          initial={{
            status: latest.content.status,
            progress: latest.content.progress,
            done: latest.content.done,
            problems: latest.content.problems,
            nextSteps: latest.content.nextSteps,
            ...Object.fromEntries(latest.content.actuals.map((a) => [`t${a.targetId}`, a.value])),
          }}
          onClose={() => setResubmit(false)}
          onSubmit={async (cycleId, body) => {
            try {
              await client.PUT('/api/ledger/tasks/{taskId}/reports/{cycleId}', { params: { path: { taskId: r.taskId, cycleId } }, body });
              message.success('已重新报送');
              setResubmit(false);
              await refresh();
            } catch (e) {
              message.error(errorText(e));
            }
          }}
        />
      )}
    </Space>
  );
}

/** The office's review queue (and every reader's list of reports by cycle). */
export function ReviewsPage() {
  const { user } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const [params, setParams] = useSearchParams();
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: !!user && !!plan });
  const cycleId = params.get('cycleId') ?? (cycles.data?.at(-1)?.id ? String(cycles.data.at(-1)!.id) : null);
  const [state, setState] = useState<ReportRow['state'] | undefined>('submitted');
  const reports = $api.useQuery('get', '/api/ledger/reports', { params: { query: { cycleId: Number(cycleId) } } }, { enabled: !!user && !!cycleId });
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        进展报告与审核
      </Typography.Title>
      <Space>
        <Select
          style={{ width: 200 }}
          value={cycleId ? Number(cycleId) : undefined}
          onChange={(v) => setParams({ cycleId: String(v) })}
          options={(cycles.data ?? []).map((c) => ({ value: c.id, label: `${c.label}（截止 ${c.dueOn}）` }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder="全部"
          value={state}
          onChange={setState}
          options={Object.entries(STATE_LABELS).map(([k, s]) => ({ value: k, label: s.label }))}
        />
      </Space>
      {cycles.isError && <QueryState query={cycles}>{() => null}</QueryState>}
      {cycleId && (
        <QueryState query={reports}>
          {(rows) => (
            <Table<ReportRow>
              size="small"
              rowKey="id"
              dataSource={rows.filter((r) => !state || r.state === state)}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 70 },
                {
                  title: '任务',
                  render: (_, r) => (
                    <Link to={`/ledger/reports/${r.id}`} data-testid={`report-link-${r.code}`}>
                      {r.taskTitle}
                    </Link>
                  ),
                },
                { title: '状态', width: 90, render: (_, r) => <Tag color={STATE_LABELS[r.state].color}>{STATE_LABELS[r.state].label}</Tag> },
                { title: '版本', dataIndex: 'version', width: 60 },
                { title: '退回', dataIndex: 'returns', width: 60 },
                {
                  title: '首次报送',
                  width: 150,
                  render: (_, r) => (
                    <span>
                      {r.firstSubmittedOn}
                      {!r.onTime && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          逾期
                        </Tag>
                      )}
                    </span>
                  ),
                },
                { title: '', width: 70, render: (_, r) => (r.demo ? <Tag>演示</Tag> : null) },
              ]}
            />
          )}
        </QueryState>
      )}
    </Space>
  );
}
