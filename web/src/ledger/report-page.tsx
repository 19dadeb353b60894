import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import type { ApiResponse } from '../api.js';
import { ExportButton, useListParams, withQuery } from '../shared/list-params.js';
import { REPORT_SORTS, REPORT_STATE_LABELS, REPORT_STATES, sortValues } from '../../../src/ledger/core/lists.js';
import { errorText, NeedLogin, type Report, STATE_LABELS, statusLabel, planWaiting, usePlan, useRoles, useUnits } from './common.js';

type ReportListRow = ApiResponse<'/api/ledger/report-list'>['items'][number];
const REPORT_SORT_VALUES = sortValues(REPORT_SORTS);
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
          column={{ xs: 1, sm: 2, md: 3 }}
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
          <Space wrap style={{ marginTop: 12 }} align="start" className="no-print">
            <Input.TextArea
              placeholder="审核意见（退回时必填）"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              style={{ width: 420, maxWidth: '100%' }}
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

/** The list of reports (the office's review queue, every reader's list by cycle): filtered, sorted and paged by the server. */
export function ReviewsPage() {
  const { user, isUnit } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const list = useListParams();
  const enabled = !!user && !!plan;
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled });
  const units = useUnits(enabled && !isUnit);
  // ?cycleId=all: every cycle; none: the latest cycle.
  const cycleParam = list.get('cycleId');
  const latest = cycles.data?.at(-1)?.id;
  const cycleId = cycleParam === 'all' ? undefined : (list.num('cycleId') ?? latest);
  const filter = {
    planId: plan?.id,
    cycleId,
    state: REPORT_STATES.find((x) => x === list.get('state')),
    unitId: list.num('unitId'),
    q: list.get('q'),
    sort: REPORT_SORT_VALUES.find((x) => x === list.get('sort')),
  };
  const pageSize = 20;
  const reports = $api.useQuery(
    'get',
    '/api/ledger/report-list',
    { params: { query: { ...filter, page: list.page, pageSize } } },
    { enabled: enabled && !!cycles.data, placeholderData: keepPreviousData },
  );
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        进展报告与审核{isUnit ? '（本单位）' : ''}
      </Typography.Title>
      <Space wrap className="list-filters">
        <Select
          style={{ width: 220, maxWidth: '100%' }}
          value={cycleId ?? 'all'}
          onChange={(v) => list.set({ cycleId: v })}
          options={[{ value: 'all', label: '全部周期' }, ...(cycles.data ?? []).map((c) => ({ value: c.id, label: `${c.label}（截止 ${c.dueOn}）` }))]}
          data-testid="filter-cycle"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder="审核状态"
          value={filter.state}
          onChange={(v) => list.set({ state: v })}
          options={REPORT_STATES.map((k) => ({ value: k, label: REPORT_STATE_LABELS[k] }))}
          data-testid="filter-state"
        />
        {!isUnit && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="单位"
            style={{ width: 180 }}
            value={filter.unitId}
            onChange={(v) => list.set({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <Input.Search
          key={filter.q ?? ''}
          allowClear
          defaultValue={filter.q}
          placeholder="编号、任务或单位"
          onSearch={(v) => list.set({ q: v.trim() })}
          style={{ width: 220, maxWidth: '100%' }}
        />
        <ExportButton href={withQuery('/api/ledger/report-list.xlsx', filter)} />
      </Space>
      {cycles.isError && <QueryState query={cycles}>{() => null}</QueryState>}
      <QueryState query={reports}>
        {(data) => (
          <Table<ReportListRow>
            size="small"
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: data.page, pageSize, total: data.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 份` }}
            onChange={(p, _f, sorter) => list.onTableChange(p, sorter)}
            columns={[
              { title: '编号', dataIndex: 'code', key: 'code', width: 70, sorter: true, sortOrder: list.sortOrder('code') },
              {
                title: '任务',
                render: (_, r) => (
                  <Link to={`/ledger/reports/${r.id}`} data-testid={`report-link-${r.code}`}>
                    {r.taskTitle}
                  </Link>
                ),
              },
              { title: '牵头单位', width: 140, render: (_, r) => r.leadUnits.join('、') },
              { title: '周期', dataIndex: 'cycleLabel', key: 'cycle', width: 100, sorter: true, sortOrder: list.sortOrder('cycle') },
              {
                title: '状态',
                key: 'state',
                width: 90,
                sorter: true,
                sortOrder: list.sortOrder('state'),
                render: (_, r) => <Tag color={STATE_LABELS[r.state].color}>{STATE_LABELS[r.state].label}</Tag>,
              },
              { title: '版本', dataIndex: 'version', width: 60 },
              { title: '退回', dataIndex: 'returns', key: 'returns', width: 70, sorter: true, sortOrder: list.sortOrder('returns') },
              {
                title: '首次报送',
                key: 'firstSubmittedOn',
                width: 150,
                sorter: true,
                sortOrder: list.sortOrder('firstSubmittedOn'),
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
    </Space>
  );
}
