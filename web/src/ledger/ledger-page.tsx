import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Progress, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { UploadButton } from '../shared/upload-button.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { errorText as requestErrorText, QueryState } from '../shared/query-state.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { type Cycle, errorText, Flags, LIGHTS, Light, NeedLogin, STATUS_OPTIONS, StatusTag, type Task, planWaiting, usePlan, useRoles } from './common.js';

type Imported = ApiResponse<'/api/ledger/plans/{planId}/tasks.xlsx', 'post'>;

export function LedgerPage() {
  const { message } = App.useApp();
  const { user, isOffice, isUnit, unitIds } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const [mineChoice, setMine] = useState<string | null>(null);
  const mine = mineChoice ?? (isUnit ? '本单位' : '全部');
  const [status, setStatus] = useState<Task['status'] | undefined>();
  const [light, setLight] = useState<Task['light'] | undefined>();
  const [q, setQ] = useState('');
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const enabled = !!user && !!plan;
  const planPath = { path: { planId: plan?.id ?? 0 } };
  const tasks = $api.useQuery('get', '/api/ledger/plans/{planId}/tasks', { params: planPath }, { enabled });
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: planPath }, { enabled });
  const measures = $api.useQuery('get', '/api/ledger/plans/{planId}/measures', { params: planPath }, { enabled });
  const shown = useMemo(
    () =>
      (tasks.data ?? []).filter(
        (t) =>
          (mine === '全部' || [...t.leadUnits, ...t.responsibleUnits].some((u) => unitIds.includes(u.id))) &&
          (!status || t.status === status) &&
          (!light || t.light === light) &&
          (!q || `${t.code} ${t.title} ${t.leadUnits.map((u) => u.name).join()}`.includes(q)),
      ),
    [tasks.data, mine, status, light, q, unitIds],
  );

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
                <Space wrap>
                  {isUnit && <Segmented options={['本单位', '全部']} value={mine} onChange={(v) => setMine(String(v))} />}
                  <Select allowClear placeholder="状态" style={{ width: 120 }} value={status} onChange={setStatus} options={STATUS_OPTIONS} />
                  <Select
                    allowClear
                    placeholder="灯号"
                    style={{ width: 110 }}
                    value={light}
                    onChange={setLight}
                    options={(['red', 'yellow', 'green', 'grey'] as const).map((l) => ({ value: l, label: LIGHTS[l].label }))}
                  />
                  <Input.Search allowClear placeholder="编号、任务或单位" onSearch={setQ} style={{ width: 220 }} />
                  <AsOfTag planId={plan.id} />
                  {isOffice && (
                    <Button type="primary" onClick={init} data-testid="ledger-init">
                      由措施生成任务
                    </Button>
                  )}
                  <Button icon={<DownloadOutlined />} href={`/api/ledger/plans/${plan.id}/tasks.xlsx`}>
                    导出台账 Excel
                  </Button>
                  {isOffice && (
                    <UploadButton<Imported>
                      url={`/api/ledger/plans/${plan.id}/tasks.xlsx`}
                      accept=".xlsx"
                      onUploaded={(r) => {
                        setProblems(null);
                        message.success(`已导入：更新 ${r.updated} 项，新增 ${r.created} 项`);
                        void refresh('/api/ledger/plans/{planId}/tasks');
                      }}
                      onFailed={(e) => {
                        const problems = problemsOf(e);
                        setProblems(problems.length ? problems : [{ message: requestErrorText(e) }]);
                      }}
                    >
                      <Button icon={<UploadOutlined />}>导入修改后的台账</Button>
                    </UploadButton>
                  )}
                </Space>
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
                      dataSource={shown}
                      pagination={{ pageSize: 20 }}
                      columns={[
                        { title: '编号', dataIndex: 'code', width: 70 },
                        {
                          title: '任务',
                          render: (_, t) => (
                            <Link to={`/ledger/tasks/${t.id}`} data-testid={`task-link-${t.code}`}>
                              {t.title}
                            </Link>
                          ),
                        },
                        { title: '牵头单位', width: 160, render: (_, t) => t.leadUnits.map((u) => u.name).join('、') },
                        { title: '状态', width: 90, render: (_, t) => <StatusTag label={t.statusLabel} color={t.statusColor} /> },
                        { title: '进度', width: 140, render: (_, t) => <Progress percent={t.progress} size="small" /> },
                        {
                          title: '下一节点',
                          width: 130,
                          render: (_, t) => {
                            const m = t.milestones.find((x) => !x.doneOn);
                            return m ? m.dueOn : '—';
                          },
                        },
                        { title: '灯号', width: 80, render: (_, t) => <Light light={t.light} /> },
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
                    <Form layout="inline" onFinish={addCycles} initialValues={{ from: `${plan.year}-01`, to: `${plan.year}-12`, dueWorkingDay: 5 }}>
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
