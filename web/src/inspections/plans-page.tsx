import { PlusOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { $api, type ApiResponse, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';
import { type PlanTask, sharesText, TaskModal, taskBodyOf } from './plan-task-form.js';

type PlanRow = ApiResponse<'/api/inspections/plans'>[number];
type Plan = ApiResponse<'/api/inspections/plans/{planId}'>;

const invalidatePlans = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/plans'] });
const invalidatePlan = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[1]).startsWith('/api/inspections/plans') });

function useAct() {
  const { message } = App.useApp();
  return async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await invalidatePlan();
    } catch (e) {
      const details = problemsOf(e);
      message.error(details.length ? `${errorText(e)}：${details.map((d) => d.message).join('；')}` : errorText(e), 8);
    }
  };
}

export const PlanStatusTag = ({ p }: { p: { status: string; statusLabel: string } }) => (
  <Tag color={p.status === 'published' ? 'green' : p.status === 'approved' ? 'blue' : 'orange'}>{p.statusLabel}</Tag>
);

/** 年度联合抽查计划: one plan per year; the office creates them; links to proposals and the public page. */
export function InspectionPlansPage() {
  const { user } = useSession();
  const nav = useNavigate();
  const plans = $api.useQuery('get', '/api/inspections/plans', {});
  const office = hasRole(user, ['office', 'admin']);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ year: number; title: string }>();
  const { message } = App.useApp();
  const create = async () => {
    const v = await form.validateFields();
    try {
      const { data } = await client.POST('/api/inspections/plans', { body: v });
      await invalidatePlans();
      setOpen(false);
      if (data) nav(`/inspections/plans/${data.id}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const year = Number(chinaToday().slice(0, 4));
  return (
    <Card
      title="年度联合抽查计划"
      extra={
        <Space wrap>
          <Link to="/inspections/plan-proposals">任务建议</Link>
          {office ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-plan">
              新建年度计划
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        国发〔2019〕5号：统筹制定年度联合抽查工作计划。各部门提出抽查任务建议，办公室汇总编制、审核后发布；发布后的调整形成新版本，各版本及其变化可查。
      </Typography.Paragraph>
      <QueryState query={plans}>
        {(data) => (
          <ResponsiveTable<PlanRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="plan-table"
            dataSource={data}
            pagination={false}
            emptyText="暂无年度计划"
            cardTitle={(r) => <Link to={`/inspections/plans/${r.id}`}>{r.year} 年度</Link>}
            cardOmit={['year']}
            columns={[
              { title: '年度', dataIndex: 'year', render: (_, r) => <Link to={`/inspections/plans/${r.id}`}>{r.year}</Link> },
              {
                title: '计划',
                dataIndex: 'title',
                render: (_, r) =>
                  r.isDemo ? (
                    <>
                      {r.title} <Tag>演示</Tag>
                    </>
                  ) : (
                    r.title
                  ),
              },
              { title: '状态', key: 'status', render: (_, r) => <PlanStatusTag p={r} /> },
              { title: '已发布版本', dataIndex: 'version', render: (v: number) => (v ? `第 ${v} 版` : '未发布') },
              { title: '任务', dataIndex: 'taskCount' },
              { title: '待处理建议', dataIndex: 'pendingProposals' },
            ]}
          />
        )}
      </QueryState>
      <Modal open={open} title="新建年度联合抽查计划" okText="新建" onOk={create} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ year, title: `${year}年度部门联合“双随机、一公开”抽查工作计划` }}>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The office commits a draw for a published task (its scope and shares become the draw's parameters). */
function TaskDrawModal({ planId, task, onClose }: { planId: number; task: PlanTask | null; onClose: () => void }) {
  const [form] = Form.useForm<{ witnesses: string; lotteryName: string; lotteryDate: string; field?: string }>();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!task) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const { data } = await client.POST('/api/inspections/plans/{planId}/tasks/{taskId}/draws', {
        params: { path: { planId, taskId: task.id } },
        body: {
          witnesses: v.witnesses
            .split(/[、，,\s]+/)
            .map((w) => w.trim())
            .filter(Boolean),
          lotteryName: v.lotteryName,
          lotteryDate: v.lotteryDate,
          field: v.field?.trim() || null,
        },
      });
      message.success(`已公开承诺：${data?.number}`);
      await invalidatePlan();
      onClose();
      if (data) nav(`/inspections/draws/${data.id}`);
    } catch (e) {
      const details = problemsOf(e);
      message.error(details.length ? `${errorText(e)}：${details.map((d) => d.message).join('；')}` : errorText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!task} title={`为任务抽取：${task?.title ?? ''}`} okText="公开承诺" confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">按已发布版本中该任务的部门、事项、对象范围和抽查比例生成抽查参数；承诺后即公开，不能修改。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ lotteryName: '中国福利彩票双色球', lotteryDate: chinaToday() }}>
        <Form.Item name="witnesses" label="监督人（用顿号分隔）" rules={[{ required: true, message: '请填写监督人' }]}>
          <Input maxLength={100} placeholder="王某、李某" />
        </Form.Item>
        <Form.Item name="lotteryName" label="公开开奖的彩票" rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="lotteryDate" label="开奖日期（不早于今天）" rules={[{ required: true, message: '请选择开奖日期' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item name="field" label="检查人员须具备的业务专长（可不填）">
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One version's changes (and tasks), opened from the version history. */
function VersionModal({ planId, version, onClose }: { planId: number; version: number | null; onClose: () => void }) {
  const v = $api.useQuery(
    'get',
    '/api/inspections/plans/{planId}/versions/{version}',
    { params: { path: { planId, version: version ?? 1 } } },
    { enabled: !!version },
  );
  return (
    <Modal open={!!version} title={`第 ${version} 版`} footer={null} onCancel={onClose} width={720}>
      <QueryState query={v}>
        {(d) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              发布于 {new Date(d.publishedAt).toLocaleString('zh-CN')}
              {d.note ? `；${d.note}` : ''}
            </Typography.Text>
            {d.changes.added.map((t) => (
              <Alert key={`a${t.id}`} type="success" message={`新增任务：${t.title}`} />
            ))}
            {d.changes.removed.map((t) => (
              <Alert key={`r${t.id}`} type="error" message={`删除任务：${t.title}`} />
            ))}
            {d.changes.changed.map((t) => (
              <Alert
                key={`c${t.id}`}
                type="warning"
                message={`修改任务：${t.title}`}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {t.fields.map((f) => (
                      <li key={f.field}>
                        {f.label}：{f.before || '（空）'} → {f.after || '（空）'}
                      </li>
                    ))}
                  </ul>
                }
              />
            ))}
            <Typography.Text strong>本版任务（{d.tasks.length}）</Typography.Text>
            <List
              size="small"
              dataSource={d.tasks}
              renderItem={(t) => <List.Item>{`${t.seq}. ${t.title}（${[t.leadUnitName, ...t.jointUnitNames].join('、')}）`}</List.Item>}
            />
          </Space>
        )}
      </QueryState>
    </Modal>
  );
}

/** The plan editor: tasks (add, edit, delete, draw), 审核 and 发布, the version history. */
export function InspectionPlanPage() {
  const planId = Number(useParams().planId);
  const { user } = useSession();
  const office = hasRole(user, ['office', 'admin']);
  const plan = $api.useQuery('get', '/api/inspections/plans/{planId}', { params: { path: { planId } } });
  const act = useAct();
  const [editing, setEditing] = useState<PlanTask | 'new' | null>(null);
  const [drawing, setDrawing] = useState<PlanTask | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [note, setNote] = useState('');
  return (
    <QueryState query={plan}>
      {(p: Plan) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            title={
              <span style={{ whiteSpace: 'normal' }}>
                {p.title} <PlanStatusTag p={p} /> {p.isDemo ? <Tag>演示</Tag> : null}
              </span>
            }
            extra={<Link to={`/public/inspection-plans?year=${p.year}`}>公开页</Link>}
          >
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
              <Descriptions.Item label="已发布版本">{p.version ? `第 ${p.version} 版` : '未发布'}</Descriptions.Item>
              <Descriptions.Item label="任务">{p.tasks.length}</Descriptions.Item>
            </Descriptions>
            {office ? (
              <Space wrap style={{ marginTop: 8 }}>
                <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-task">
                  添加任务
                </Button>
                <Button
                  disabled={p.status !== 'draft'}
                  onClick={() => act(() => client.POST('/api/inspections/plans/{planId}/approve', { params: { path: { planId } } }), '已审核')}
                >
                  审核
                </Button>
                <Input placeholder="本版说明（可不填）" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 220 }} />
                <Button
                  type="primary"
                  disabled={p.status !== 'approved'}
                  data-testid="publish-plan"
                  onClick={() =>
                    act(
                      () => client.POST('/api/inspections/plans/{planId}/publish', { params: { path: { planId } }, body: { note: note || null } }),
                      '已发布新版本',
                    )
                  }
                >
                  发布
                </Button>
              </Space>
            ) : null}
          </Card>
          <Card title="抽查任务">
            <ResponsiveTable<PlanTask>
              size="small"
              rowKey={(r) => String(r.id)}
              data-testid="task-table"
              dataSource={p.tasks}
              pagination={false}
              emptyText="暂无任务"
              cardTitle={(r) => `${r.seq}. ${r.title}`}
              cardOmit={['title']}
              columns={[
                { title: '任务', dataIndex: 'title', render: (_, r) => `${r.seq}. ${r.title}${r.inPublished ? '' : '（未发布）'}` },
                { title: '牵头 / 参与部门', key: 'units', render: (_, r) => [r.leadUnitName, ...r.jointUnitNames].join('、') },
                { title: '抽查事项', key: 'items', render: (_, r) => r.itemNames.join('；') },
                { title: '对象范围', dataIndex: 'scopeText' },
                { title: '抽查比例', key: 'shares', render: (_, r) => sharesText(r.shares) },
                { title: '时间安排', key: 'window', render: (_, r) => `${r.windowFrom} 至 ${r.windowTo}` },
                {
                  title: '抽查',
                  key: 'draws',
                  render: (_, r) =>
                    r.draws.length ? (
                      <Space direction="vertical" size={0}>
                        {r.draws.map((d) => (
                          <Link key={d.id} to={`/inspections/draws/${d.id}`}>
                            {d.number}（{d.statusLabel}）
                          </Link>
                        ))}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
                ...(office
                  ? [
                      {
                        title: '操作',
                        key: 'ops',
                        render: (_: unknown, r: PlanTask) => (
                          <Space wrap size={4}>
                            <Button size="small" onClick={() => setEditing(r)}>
                              修改
                            </Button>
                            <Popconfirm
                              title="删除这项任务？"
                              onConfirm={() =>
                                act(
                                  () => client.DELETE('/api/inspections/plans/{planId}/tasks/{taskId}', { params: { path: { planId, taskId: r.id } } }),
                                  '已删除',
                                )
                              }
                            >
                              <Button size="small" danger>
                                删除
                              </Button>
                            </Popconfirm>
                            {r.inPublished ? (
                              <Button size="small" type="primary" onClick={() => setDrawing(r)}>
                                抽取
                              </Button>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card title="版本记录">
            <List
              size="small"
              dataSource={p.versions}
              locale={{ emptyText: '尚未发布' }}
              renderItem={(v) => (
                <List.Item
                  actions={[
                    <Button key="v" size="small" type="link" onClick={() => setVersion(v.version)}>
                      查看
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={`第 ${v.version} 版 · ${new Date(v.publishedAt).toLocaleDateString('zh-CN')} · ${v.taskCount} 项任务${v.note ? ` · ${v.note}` : ''}`}
                    description={v.summary.join('；') || '无变化'}
                  />
                </List.Item>
              )}
            />
          </Card>
          <TaskModal
            open={editing !== null}
            title={editing === 'new' ? '添加抽查任务' : '修改抽查任务'}
            okText="保存"
            year={p.year}
            initial={editing && editing !== 'new' ? taskBodyOf(editing) : undefined}
            onClose={() => setEditing(null)}
            onSubmit={async (body) => {
              if (editing === 'new') await client.POST('/api/inspections/plans/{planId}/tasks', { params: { path: { planId } }, body });
              else if (editing) await client.PUT('/api/inspections/plans/{planId}/tasks/{taskId}', { params: { path: { planId, taskId: editing.id } }, body });
              await invalidatePlan();
            }}
          />
          <TaskDrawModal planId={planId} task={drawing} onClose={() => setDrawing(null)} />
          <VersionModal planId={planId} version={version} onClose={() => setVersion(null)} />
        </Space>
      )}
    </QueryState>
  );
}
