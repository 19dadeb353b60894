import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { DateInput } from '../shared/date-input.js';
import { UploadButton } from '../shared/upload-button.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { ErrorAlert, errorText as requestErrorText, QueryState, QueryError } from '../shared/query-state.js';
import {
  type Cycle,
  errorText,
  Flags,
  Light,
  NeedLogin,
  OP_SIGNS,
  type Order,
  type ReportRow,
  STATE_LABELS,
  STATUS_OPTIONS,
  StatusTag,
  type Task,
  useRoles,
  useUnits,
} from './common.js';
import { InstructionsCard } from './instructions.js';

export type ReportBody = ApiBody<'/api/ledger/tasks/{taskId}/reports/{cycleId}', 'put'>;
type TaskPatch = ApiBody<'/api/ledger/tasks/{taskId}', 'patch'>;
type NewTask = ApiBody<'/api/ledger/measures/{measureId}/tasks'>;
type NewOrder = ApiBody<'/api/ledger/orders'>;

/** Every query of the task page (and the lists it appears in), refetched after a change. */
const TASK_QUERIES = [
  '/api/ledger/tasks/{taskId}',
  '/api/ledger/tasks/{taskId}/history',
  '/api/ledger/reports',
  '/api/ledger/orders',
  '/api/ledger/plans/{planId}/cycles',
  '/api/ledger/plans/{planId}/tasks',
];
export const refreshTaskQueries = () => Promise.all(TASK_QUERIES.map((path) => queryClient.invalidateQueries({ queryKey: ['get', path] })));

const ACTION_LABELS: Record<string, string> = {
  'ledger.task.update': '修改任务',
  'ledger.task.create': '新增任务（拆分）',
  'ledger.task.delete': '删除任务',
  'ledger.task.import-update': 'Excel 导入修改',
  'ledger.task.import-create': 'Excel 导入新增',
};

export function TaskPage() {
  const { taskId: param } = useParams();
  const taskId = Number(param);
  const { user } = useRoles();
  const task = $api.useQuery('get', '/api/ledger/tasks/{taskId}', { params: { path: { taskId } } }, { enabled: !!user });
  if (!user) return <NeedLogin />;
  return <QueryState query={task}>{(t) => <TaskView t={t} />}</QueryState>;
}

function TaskView({ t }: { t: Task }) {
  const { message } = App.useApp();
  const { isOffice, isUnit, unitIds } = useRoles();
  const byTask = { params: { query: { taskId: t.id } } };
  const reports = $api.useQuery('get', '/api/ledger/reports', byTask);
  const orders = $api.useQuery('get', '/api/ledger/orders', byTask);
  const history = $api.useQuery('get', '/api/ledger/tasks/{taskId}/history', { params: { path: { taskId: t.id } } });
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: { path: { planId: t.planId } } });
  const [reportOpen, setReportOpen] = useState(false);
  const [orderOpen, setOrderOpen] = useState(false);
  const [lastReport, setLastReport] = useState<number | null>(null);
  const [splitOpen, setSplitOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const unitList = useUnits(isOffice);
  const mine = [...t.leadUnits, ...t.responsibleUnits].some((u) => unitIds.includes(u.id));
  const canEdit = isOffice || (isUnit && mine);
  /** Runs a change, tells the outcome and refetches the page; resolves to the answer, or undefined when it failed. */
  const run = async <T,>(change: () => Promise<{ data?: T }>, ok = '已保存'): Promise<T | undefined> => {
    try {
      const { data } = await change();
      message.success(ok);
      void refreshTaskQueries(); // the answer is not held up by the refetch
      return data;
    } catch (e) {
      message.error(errorText(e));
      return undefined;
    }
  };
  const taskPath = { params: { path: { taskId: t.id } } };
  const patchTask = (body: TaskPatch) => run(() => client.PATCH('/api/ledger/tasks/{taskId}', { ...taskPath, body }));
  const patchMilestone = (milestoneId: number, body: ApiBody<'/api/ledger/milestones/{milestoneId}', 'patch'>) =>
    run(() => client.PATCH('/api/ledger/milestones/{milestoneId}', { params: { path: { milestoneId } }, body }));
  // Evidence goes to the report just filed, or else to the unit's latest report not yet accepted (also after a reload).
  const openReport = isUnit && mine ? ((reports.data ?? []).filter((r) => r.state !== 'accepted').sort((a, b) => b.id - a.id)[0]?.id ?? null) : null;
  const evidenceReport = lastReport ?? openReport;
  const reportedCycles = new Set((reports.data ?? []).filter((r) => r.state === 'accepted').map((r) => r.cycleId));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <QueryError query={unitList} />
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          任务 {t.code}：{t.title}
        </Typography.Title>
        <AsOfTag planId={t.planId} />
        {isOffice && <Button onClick={() => setEditOpen(true)}>编辑任务</Button>}
        {isOffice && (
          <Button onClick={() => setSplitOpen(true)} data-testid="split-task">
            拆分措施（新增任务）
          </Button>
        )}
      </Space>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { label: '所属措施', children: `${t.measureNumber}. ${t.measureTitle}` },
            { label: '领域', children: t.sectionTitle },
            { label: '牵头单位', children: t.leadUnits.map((u) => u.name).join('、') || '—' },
            { label: '责任单位', children: t.responsibleUnits.map((u) => u.name).join('、') || '—' },
            { label: '状态', children: <StatusTag label={t.statusLabel} color={t.statusColor} /> },
            { label: '灯号', children: <Light light={t.light} /> },
            { label: '进度', children: <Progress percent={t.progress} size="small" style={{ width: 200 }} /> },
            { label: '计划进度（直线）', children: t.expectedProgress === null ? '—' : `${t.expectedProgress}%` },
            { label: '权重', children: t.weight },
            { label: '起始日', children: t.startOn },
            { label: '标记', children: <Flags flags={t.flags} />, span: 2 },
            { label: '具体内容', children: <Typography.Paragraph style={{ margin: 0 }}>{t.description}</Typography.Paragraph>, span: 2 },
          ]}
        />
        {t.flags.some((f) => f.kind === 'off_track') && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="off-track"
            message="偏离目标：量化目标未达成（由指标监测自动标记，指标恢复达标后自动解除）"
            description={
              <Space direction="vertical" size={2}>
                {t.flags
                  .filter((f, i, all) => f.kind === 'off_track' && all.findIndex((g) => g.kind === f.kind && g.message === f.message) === i)
                  .map((f, i) => (
                    <span key={i}>
                      {f.message}
                      {f.link && (
                        <>
                          （<Link to={f.link}>查看指标与未达标案件</Link>）
                        </>
                      )}
                    </span>
                  ))}
              </Space>
            }
          />
        )}
        {isUnit && mine && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="status-by-report"
            message="任务的状态和进度以营商办审核通过的进展报告为准：请通过“报送进展”填报，如需更正请联系营商办。"
          />
        )}
        {isOffice && (
          <Form
            layout="inline"
            style={{ marginTop: 12 }}
            initialValues={{ status: t.status, progress: t.progress }}
            onFinish={(v: Pick<TaskPatch, 'status' | 'progress'>) => patchTask(v)}
            key={`${t.status}-${t.progress}`}
          >
            <Form.Item name="status" label="状态">
              <Select style={{ width: 110 }} options={STATUS_OPTIONS} />
            </Form.Item>
            <Form.Item name="progress" label="进度%">
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Button htmlType="submit">更正</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title="量化目标">
        {t.targets.length
          ? t.targets.map((g) => (
              <Tag key={g.id} color="blue">
                {g.metric} {OP_SIGNS[g.op]}
                {g.value}
                {g.unit}
              </Tag>
            ))
          : '无'}
      </Card>
      <Card
        size="small"
        title="节点"
        extra={isOffice && <AddMilestone onAdd={(body) => run(() => client.POST('/api/ledger/tasks/{taskId}/milestones', { ...taskPath, body }))} />}
      >
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={t.milestones}
          columns={[
            { title: '节点', dataIndex: 'title' },
            { title: '到期日', dataIndex: 'dueOn', width: 120 },
            { title: '来源', width: 90, render: (_, m) => (m.source === 'plan' ? '方案时限' : '营商办设置') },
            {
              title: '完成日期',
              width: 200,
              render: (_, m) =>
                canEdit ? (
                  <DateInput
                    size="small"
                    value={m.doneOn}
                    placeholder="完成日期"
                    onPicked={(day) => {
                      if (day !== m.doneOn) void patchMilestone(m.id, { doneOn: day });
                    }}
                  />
                ) : (
                  (m.doneOn ?? '未完成')
                ),
            },
            ...(isOffice
              ? [
                  {
                    title: '',
                    width: 60,
                    render: (_: unknown, m: { id: number }) => (
                      <Button
                        size="small"
                        danger
                        type="link"
                        onClick={() => run(() => client.DELETE('/api/ledger/milestones/{milestoneId}', { params: { path: { milestoneId: m.id } } }), '已删除')}
                      >
                        删除
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title="进展报告"
        extra={
          isUnit &&
          mine && (
            // The form picks the latest open cycle when it opens: wait for the cycles and the reports.
            <Button type="primary" onClick={() => setReportOpen(true)} disabled={cycles.isPending || reports.isPending} data-testid="open-report">
              报送进展
            </Button>
          )
        }
      >
        <Table<ReportRow>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={false}
          loading={reports.isPending}
          dataSource={reports.data ?? []}
          columns={[
            { title: '周期', dataIndex: 'cycleLabel' },
            { title: '状态', render: (_, r) => <Tag color={STATE_LABELS[r.state].color}>{STATE_LABELS[r.state].label}</Tag> },
            { title: '版本', dataIndex: 'version' },
            {
              title: '首次报送',
              render: (_, r) => (
                <span>
                  {r.firstSubmittedOn}
                  {r.onTime ? (
                    ''
                  ) : (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      逾期
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: '', render: (_, r) => <Link to={`/ledger/reports/${r.id}`}>查看</Link> },
          ]}
        />
        <QueryError query={reports} />
        <QueryError query={cycles} />
        {evidenceReport && <EvidenceUpload reportId={evidenceReport} onDone={() => void refreshTaskQueries()} />}
      </Card>
      <Card size="small" title="督办单" extra={isOffice && <Button onClick={() => setOrderOpen(true)}>发起督办</Button>}>
        {orders.isError && <ErrorAlert error={orders.error} retry={() => void orders.refetch()} />}
        <Table<Order>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={false}
          loading={orders.isPending}
          dataSource={orders.data ?? []}
          columns={[
            { title: '督办单号', render: (_, o) => <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link> },
            { title: '被督办单位', dataIndex: 'unitName' },
            { title: '阶段', dataIndex: 'stage' },
            {
              title: '反馈期限',
              render: (_, o) => (
                <span>
                  {o.replyDue ?? '—'}
                  {o.overdue && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      逾期
                    </Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <InstructionsCard targetKind="task" targetId={t.id} />
      <Card size="small" title="修改记录（审计日志）">
        {history.isError && <ErrorAlert error={history.error} retry={() => void history.refetch()} />}
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={{ pageSize: 5 }}
          loading={history.isPending}
          dataSource={history.data ?? []}
          columns={[
            { title: '时间', render: (_, h) => new Date(h.at).toLocaleString('zh-CN'), width: 180 },
            { title: '操作人', dataIndex: 'actor', width: 140 },
            { title: '操作', dataIndex: 'action', render: (a: string) => ACTION_LABELS[a] ?? a },
          ]}
        />
      </Card>
      <ReportModal
        open={reportOpen}
        task={t}
        cycles={(cycles.data ?? []).filter((c) => !reportedCycles.has(c.id))}
        onClose={() => setReportOpen(false)}
        onSubmit={async (cycleId, body) => {
          const r = await run(
            () => client.PUT('/api/ledger/tasks/{taskId}/reports/{cycleId}', { params: { path: { taskId: t.id, cycleId } }, body }),
            '已报送',
          );
          if (!r) return;
          setLastReport(r.reportId);
          setReportOpen(false);
        }}
      />
      <Modal open={editOpen} title="编辑任务" footer={null} onCancel={() => setEditOpen(false)} destroyOnHidden width={640}>
        <Form
          layout="vertical"
          initialValues={{
            title: t.title,
            description: t.description,
            weight: t.weight,
            leadUnitIds: t.leadUnits.map((u) => u.id),
            responsibleUnitIds: t.responsibleUnits.map((u) => u.id),
            startOn: t.startOn,
          }}
          onFinish={async (v: TaskPatch) => {
            if (await patchTask(v)) setEditOpen(false);
          }}
        >
          <Form.Item name="title" label="任务名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label="具体内容">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Form.Item name="weight" label="权重（用于措施进度加权汇总）">
              <InputNumber min={0.1} max={100} />
            </Form.Item>
            <Form.Item name="startOn" label="起始日">
              <DateInput />
            </Form.Item>
          </Space>
          <Form.Item name="leadUnitIds" label="牵头单位" rules={[{ required: true }]}>
            <Select mode="multiple" options={(unitList.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="responsibleUnitIds" label="责任单位">
            <Select mode="multiple" options={(unitList.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
      </Modal>
      <Modal open={splitOpen} title={`拆分措施 ${t.measureNumber}：新增任务`} footer={null} onCancel={() => setSplitOpen(false)} destroyOnHidden width={640}>
        <Form
          layout="vertical"
          initialValues={{ weight: 1, leadUnitIds: t.leadUnits.map((u) => u.id), targetIds: [] }}
          onFinish={async ({ milestone, dueOn, ...v }: Omit<NewTask, 'milestones'> & { milestone?: string; dueOn?: string }) => {
            const body: NewTask = { ...v, milestones: dueOn ? [{ title: milestone || '完成', dueOn }] : [] };
            const r = await run(
              () => client.POST('/api/ledger/measures/{measureId}/tasks', { params: { path: { measureId: t.measureId } }, body }),
              '已新增任务',
            );
            if (!r) return;
            setSplitOpen(false);
            window.location.assign(`/ledger/tasks/${r.id}`);
          }}
        >
          <Form.Item name="title" label="任务名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label="具体内容">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="weight" label="权重">
            <InputNumber min={0.1} max={100} />
          </Form.Item>
          <Form.Item name="leadUnitIds" label="牵头单位" rules={[{ required: true }]}>
            <Select mode="multiple" options={(unitList.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="responsibleUnitIds" label="责任单位">
            <Select mode="multiple" options={(unitList.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="targetIds" label="承担的量化目标">
            <Select mode="multiple" options={t.targets.map((g) => ({ value: g.id, label: `${g.metric}${OP_SIGNS[g.op]}${g.value}${g.unit}` }))} />
          </Form.Item>
          <Space>
            <Form.Item name="milestone" label="节点">
              <Input placeholder="节点名称" />
            </Form.Item>
            <Form.Item name="dueOn" label="到期日">
              <DateInput />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit">
            新增
          </Button>
        </Form>
      </Modal>
      <Modal open={orderOpen} title="发起督办" footer={null} onCancel={() => setOrderOpen(false)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ unitId: t.leadUnits[0]?.id, replyDays: 5 }}
          onFinish={async (v: Omit<NewOrder, 'taskId'>) => {
            if (await run(() => client.POST('/api/ledger/orders', { body: { ...v, taskId: t.id } }), '已立项')) setOrderOpen(false);
          }}
        >
          <Form.Item name="unitId" label="被督办单位" rules={[{ required: true }]}>
            <Select options={[...t.leadUnits, ...t.responsibleUnits].map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="reason" label="督办事由" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="requirement" label="办理要求" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="replyDays" label="反馈时限（工作日）">
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            立项
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

function AddMilestone({ onAdd }: { onAdd: (v: { title: string; dueOn: string }) => Promise<unknown> }) {
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={async (v) => {
        await onAdd(v);
        form.resetFields();
      }}
    >
      <Form.Item name="title" rules={[{ required: true, message: '节点名称' }]}>
        <Input placeholder="节点名称" size="small" />
      </Form.Item>
      <Form.Item name="dueOn" rules={[{ required: true, message: '到期日' }]}>
        <DateInput size="small" placeholder="到期日" />
      </Form.Item>
      <Button size="small" htmlType="submit">
        新增节点
      </Button>
    </Form>
  );
}

export function ReportModal({
  open,
  task,
  cycles,
  onClose,
  onSubmit,
  initial,
  fixedCycleId,
}: {
  open: boolean;
  task: Task;
  cycles: Array<Pick<Cycle, 'id' | 'label' | 'dueOn'>>;
  onClose: () => void;
  onSubmit: (cycleId: number, v: ReportBody) => Promise<void>;
  initial?: Record<string, unknown>;
  fixedCycleId?: number;
}) {
  return (
    <Modal open={open} title={`报送进展：${task.code} ${task.title}`} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      <Form
        layout="vertical"
        initialValues={{
          cycleId: fixedCycleId ?? cycles.at(-1)?.id,
          status: task.status === 'not_started' ? 'in_progress' : task.status,
          progress: task.progress,
          ...initial,
        }}
        onFinish={async (v: Omit<ReportBody, 'actuals'> & { cycleId: number } & Record<string, unknown>) => {
          const actuals = task.targets.flatMap((g) => {
            const value = v[`t${g.id}`];
            return typeof value === 'number' ? [{ targetId: g.id, value }] : [];
          });
          await onSubmit(Number(v.cycleId), {
            status: v.status,
            progress: v.progress,
            done: v.done,
            problems: v.problems ?? '',
            nextSteps: v.nextSteps ?? '',
            actuals,
          });
        }}
      >
        <Form.Item name="cycleId" label="报送周期" rules={[{ required: true }]}>
          <Select
            disabled={fixedCycleId !== undefined}
            options={cycles.map((c) => ({ value: c.id, label: `${c.label}（截止 ${c.dueOn}）` }))}
            data-testid="report-cycle"
          />
        </Form.Item>
        <Space>
          <Form.Item name="status" label="状态">
            <Select style={{ width: 120 }} options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item name="progress" label="进度%">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="done" label="本期工作进展" rules={[{ required: true, message: '请填写本期工作进展' }]}>
          <Input.TextArea rows={3} data-testid="report-done" />
        </Form.Item>
        <Form.Item name="problems" label="存在问题">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="nextSteps" label="下步计划">
          <Input.TextArea rows={2} />
        </Form.Item>
        {task.targets.map((g) => (
          <Form.Item key={g.id} name={`t${g.id}`} label={`实际值：${g.metric}（目标 ${OP_SIGNS[g.op]}${g.value}${g.unit}）`}>
            <InputNumber />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" data-testid="report-submit">
          报送
        </Button>
      </Form>
    </Modal>
  );
}

export function EvidenceUpload({ reportId, onDone }: { reportId: number; onDone: () => void }) {
  const { message } = App.useApp();
  return (
    <UploadButton<ApiResponse<'/api/ledger/reports/{reportId}/evidence', 'post'>>
      url={`/api/ledger/reports/${reportId}/evidence`}
      onUploaded={(_, file) => {
        message.success(`已上传 ${file.name}`);
        onDone();
      }}
      onFailed={(e) => message.error(requestErrorText(e))}
    >
      <Button icon={<UploadOutlined />} style={{ marginTop: 8 }} data-testid="evidence-upload">
        上传佐证材料（pdf/图片/docx/xlsx/txt，10MB 以内）
      </Button>
    </UploadButton>
  );
}
