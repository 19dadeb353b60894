import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Progress, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiAccepted } from '../api.js';
import { RunProgress } from '../jobs/run-progress.js';
import { UploadButton } from '../shared/upload-button.js';
import { ExportButton, useListParams, withQuery } from '../shared/list-params.js';
import { TASK_SORTS, sortValues } from '../../../src/ledger/core/lists.js';
import { TASK_STATUSES } from '../../../src/ledger/core/status.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { errorText as requestErrorText, QueryState } from '../shared/query-state.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { chinaToday } from '../shared/today.js';
import {
  type Cycle,
  errorText,
  Flags,
  LIGHTS,
  Light,
  NeedLogin,
  STATUS_OPTIONS,
  StatusTag,
  type Task,
  planWaiting,
  usePlan,
  useRoles,
  useUnits,
} from './common.js';

const TASK_SORT_VALUES = sortValues(TASK_SORTS);

type ImportStarted = ApiAccepted<'/api/ledger/plans/{planId}/tasks.xlsx'>;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => list.find((x) => x === v);
const LIGHT_CODES_BY_URGENCY = ['red', 'yellow', 'green', 'grey'] as const;

export function LedgerPage() {
  const { message } = App.useApp();
  const { user, isOffice, isUnit } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const list = useListParams();
  const [problems, setProblems] = useState<Problem[] | null>(null);
  // A checked sheet is written in the background: its run is followed here (and at /jobs/runs/:runId).
  const [importRun, setImportRun] = useState<number | null>(null);
  const enabled = !!user && !!plan;
  const planPath = { path: { planId: plan?.id ?? 0 } };
  // a plan whose year is unknown (issue 13): cycles default to this year
  const cycleYear = plan?.year ?? chinaToday().slice(0, 4);
  // The filters live in the URL (a page can be shared); unit staff start on their own units' tasks.
  const query = {
    scope: list.get('scope') === 'all' || !isUnit ? undefined : ('mine' as const),
    status: oneOf(TASK_STATUSES, list.get('status')),
    light: oneOf(LIGHT_CODES_BY_URGENCY, list.get('light')),
    q: list.get('q'),
    unitId: list.num('unitId'),
    sort: oneOf(TASK_SORT_VALUES, list.get('sort')),
  };
  const tasks = $api.useQuery('get', '/api/ledger/plans/{planId}/tasks', { params: { ...planPath, query } }, { enabled, placeholderData: keepPreviousData });
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: planPath }, { enabled });
  const measures = $api.useQuery('get', '/api/ledger/plans/{planId}/measures', { params: planPath }, { enabled });
  const units = useUnits(enabled);

  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting || !plan) return waiting;
  const refresh = (path: string) => queryClient.invalidateQueries({ queryKey: ['get', path] });
  const init = async () => {
    try {
      const { data } = await client.POST('/api/ledger/plans/{planId}/init', { params: planPath });
      message.success(`已生成 ${data?.created ?? 0} 项任务`);
      await Promise.all([refresh('/api/ledger/plans/{planId}/tasks'), refresh('/api/ledger/plans/{planId}/measures')]);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const addCycles = async (v: { from: string; to: string; dueWorkingDay: number }) => {
    try {
      const { data } = await client.POST('/api/ledger/plans/{planId}/cycles', { params: planPath, body: v });
      message.success(`新增 ${data?.created ?? 0} 个报送周期`);
      await refresh('/api/ledger/plans/{planId}/cycles');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        改革台账 · {plan.title}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'tasks',
            label: '任务台账',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap className="list-filters">
                  {isUnit && (
                    <Segmented
                      options={['本单位', '全部']}
                      value={query.scope ? '本单位' : '全部'}
                      onChange={(v) => list.set({ scope: v === '全部' ? 'all' : null })}
                      data-testid="scope"
                    />
                  )}
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder="单位"
                    style={{ width: 180 }}
                    value={query.unitId}
                    onChange={(v) => list.set({ unitId: v })}
                    options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                    data-testid="filter-unit"
                  />
                  <Select
                    allowClear
                    placeholder="状态"
                    style={{ width: 120 }}
                    value={query.status}
                    onChange={(v) => list.set({ status: v })}
                    options={STATUS_OPTIONS}
                    data-testid="filter-status"
                  />
                  <Select
                    allowClear
                    placeholder="灯号"
                    style={{ width: 110 }}
                    value={query.light}
                    onChange={(v) => list.set({ light: v })}
                    options={LIGHT_CODES_BY_URGENCY.map((l) => ({ value: l, label: LIGHTS[l].label }))}
                  />
                  <Input.Search
                    key={query.q ?? ''}
                    allowClear
                    defaultValue={query.q}
                    placeholder="编号、任务或单位"
                    onSearch={(v) => list.set({ q: v.trim() })}
                    style={{ width: 220, maxWidth: '100%' }}
                    data-testid="filter-q"
                  />
                  <AsOfTag planId={plan.id} />
                  <ExportButton href={withQuery(`/api/ledger/plans/${plan.id}/task-list.xlsx`, query)} />
                  {isOffice && (
                    <Button type="primary" onClick={init} data-testid="ledger-init">
                      由措施生成任务
                    </Button>
                  )}
                  <Button icon={<DownloadOutlined />} href={`/api/ledger/plans/${plan.id}/tasks.xlsx`} className="no-print">
                    台账模板（导出后修改再导入）
                  </Button>
                  {isOffice && (
                    <UploadButton<ImportStarted>
                      url={`/api/ledger/plans/${plan.id}/tasks.xlsx`}
                      accept=".xlsx"
                      onUploaded={(r) => {
                        setProblems(null);
                        setImportRun(r.runId);
                      }}
                      onFailed={(e) => {
                        setImportRun(null);
                        const problems = problemsOf(e);
                        setProblems(problems.length ? problems : [{ message: requestErrorText(e) }]);
                      }}
                    >
                      <Button icon={<UploadOutlined />}>导入修改后的台账</Button>
                    </UploadButton>
                  )}
                </Space>
                {importRun !== null && <RunProgress runId={importRun} unit="项" onFinished={() => void refresh('/api/ledger/plans/{planId}/tasks')} />}
                {problems && (
                  <Alert
                    type="error"
                    showIcon
                    closable
                    onClose={() => setProblems(null)}
                    message="台账未导入（整表校验未通过，未写入任何内容）"
                    description={
                      <ul style={{ margin: 0 }}>
                        {problems.map((p, i) => (
                          <li key={i}>
                            {p.row ? `第${p.row}行 ` : ''}
                            {p.field ? `${p.field}：` : ''}
                            {p.message}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                )}
                <QueryState query={tasks}>
                  {() => (
                    <Table<Task>
                      size="small"
                      rowKey="id"
                      dataSource={tasks.data}
                      scroll={{ x: 'max-content' }}
                      pagination={{ pageSize: 20, current: list.page, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
                      onChange={(p, _f, sorter) => list.onTableChange(p, sorter)}
                      data-testid="task-table"
                      columns={[
                        { title: '编号', dataIndex: 'code', key: 'code', width: 70, sorter: true, sortOrder: list.sortOrder('code') },
                        {
                          title: '任务',
                          render: (_, t) => (
                            <Link to={`/ledger/tasks/${t.id}`} data-testid={`task-link-${t.code}`}>
                              {t.title}
                            </Link>
                          ),
                        },
                        {
                          title: '牵头单位',
                          key: 'unit',
                          width: 160,
                          sorter: true,
                          sortOrder: list.sortOrder('unit'),
                          render: (_, t) => t.leadUnits.map((u) => u.name).join('、'),
                        },
                        {
                          title: '状态',
                          key: 'status',
                          width: 90,
                          sorter: true,
                          sortOrder: list.sortOrder('status'),
                          render: (_, t) => <StatusTag label={t.statusLabel} color={t.statusColor} />,
                        },
                        {
                          title: '进度',
                          key: 'progress',
                          width: 140,
                          sorter: true,
                          sortOrder: list.sortOrder('progress'),
                          render: (_, t) => <Progress percent={t.progress} size="small" style={{ minWidth: 100 }} />,
                        },
                        {
                          title: '下一节点',
                          key: 'nextDue',
                          width: 130,
                          sorter: true,
                          sortOrder: list.sortOrder('nextDue'),
                          render: (_, t) => {
                            const m = t.milestones.find((x) => !x.doneOn);
                            return m ? m.dueOn : '—';
                          },
                        },
                        {
                          title: '灯号',
                          key: 'light',
                          width: 80,
                          sorter: true,
                          sortOrder: list.sortOrder('light'),
                          render: (_, t) => <Light light={t.light} />,
                        },
                        { title: '标记', render: (_, t) => <Flags flags={t.flags} /> },
                      ]}
                    />
                  )}
                </QueryState>
              </Space>
            ),
          },
          {
            key: 'measures',
            label: '措施进度（加权汇总）',
            children: (
              <QueryState query={measures}>
                {(rows) => (
                  <Table
                    scroll={{ x: 'max-content' }}
                    size="small"
                    rowKey="measureId"
                    dataSource={rows}
                    pagination={{ pageSize: 20 }}
                    columns={[
                      { title: '序号', dataIndex: 'number', width: 60 },
                      { title: '措施', dataIndex: 'title' },
                      { title: '任务数', dataIndex: 'taskCount', width: 80 },
                      { title: '状态', dataIndex: 'statusLabel', width: 90 },
                      { title: '进度', width: 200, render: (_, m) => (m.progress === null ? '—' : <Progress percent={m.progress} size="small" />) },
                    ]}
                  />
                )}
              </QueryState>
            ),
          },
          {
            key: 'cycles',
            label: '报送周期',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {isOffice && (
                  <Card size="small" title="按月设置报送周期（截止日为次月第 N 个工作日，已扣除节假日、计入调休上班日）">
                    <Form layout="inline" onFinish={addCycles} initialValues={{ from: `${cycleYear}-01`, to: `${cycleYear}-12`, dueWorkingDay: 5 }}>
                      <Form.Item name="from" label="起">
                        <Input type="month" />
                      </Form.Item>
                      <Form.Item name="to" label="止">
                        <Input type="month" />
                      </Form.Item>
                      <Form.Item name="dueWorkingDay" label="次月第几个工作日">
                        <InputNumber min={1} max={15} />
                      </Form.Item>
                      <Button htmlType="submit" type="primary">
                        生成
                      </Button>
                    </Form>
                  </Card>
                )}
                <QueryState query={cycles}>
                  {(rows) => (
                    <Table<Cycle>
                      scroll={{ x: 'max-content' }}
                      size="small"
                      rowKey="id"
                      dataSource={rows}
                      pagination={false}
                      columns={[
                        { title: '周期', dataIndex: 'label' },
                        { title: '起止', render: (_, c) => `${c.periodStart} 至 ${c.periodEnd}` },
                        { title: '报送截止', dataIndex: 'dueOn' },
                        { title: '待审核', render: (_, c) => c.reports.submitted },
                        { title: '已退回', render: (_, c) => c.reports.returned },
                        { title: '已通过', render: (_, c) => c.reports.accepted },
                        {
                          title: '',
                          render: (_, c) => (
                            <Space>
                              <Link to={`/ledger/reviews?cycleId=${c.id}`}>报告</Link>
                              <Link to={`/ledger/bulletins?cycleId=${c.id}`}>通报</Link>
                            </Space>
                          ),
                        },
                      ]}
                    />
                  )}
                </QueryState>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
