import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { $api, type ApiResponse, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';
import { sharesText, TaskModal, taskBodyOf } from './plan-task-form.js';

type ProposalRow = ApiResponse<'/api/inspections/plans/proposals'>[number];

const invalidate = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[1]).startsWith('/api/inspections/plans') });

/**
 * 抽查任务建议: departments (unit staff) propose tasks with their unit leading; the office takes a proposal into the
 * year's plan as it is or changed, or declines it with a reason.
 */
export function InspectionProposalsPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const office = hasRole(user, ['office', 'admin']);
  const [year, setYear] = useState(Number(chinaToday().slice(0, 4)));
  const list = $api.useQuery('get', '/api/inspections/plans/proposals', { params: { query: { year } } });
  const [proposing, setProposing] = useState(false);
  const [accepting, setAccepting] = useState<ProposalRow | null>(null);
  const [rejecting, setRejecting] = useState<ProposalRow | null>(null);
  const [reason, setReason] = useState('');
  const fail = (e: unknown) => {
    const details = problemsOf(e);
    message.error(details.length ? `${errorText(e)}：${details.map((d) => d.message).join('；')}` : errorText(e), 8);
  };
  const reject = async () => {
    if (!rejecting) return;
    try {
      await client.PUT('/api/inspections/plans/proposals/{proposalId}/decision', {
        params: { path: { proposalId: rejecting.id } },
        body: { decision: 'reject', note: reason },
      });
      message.success('已答复不采纳');
      setRejecting(null);
      setReason('');
      await invalidate();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card
      title="抽查任务建议"
      extra={
        <Space wrap>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年度" style={{ width: 130 }} />
          {hasRole(user, ['office', 'admin', 'unit_staff']) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose">
              提出建议
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        各部门以本部门为牵头部门提出年度联合抽查任务建议（可邀请参与部门）；办公室汇总后采纳（可修改）或说明理由不采纳，采纳的任务进入年度计划草稿。
      </Typography.Paragraph>
      <QueryState query={list}>
        {(data) => (
          <ResponsiveTable<ProposalRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="proposal-table"
            dataSource={data}
            pagination={false}
            emptyText="暂无建议"
            cardTitle={(r) => r.task.title}
            cardOmit={['title']}
            columns={[
              {
                title: '任务',
                key: 'title',
                render: (_, r) =>
                  r.isDemo ? (
                    <>
                      {r.task.title} <Tag>演示</Tag>
                    </>
                  ) : (
                    r.task.title
                  ),
              },
              { title: '提出部门', dataIndex: 'unitName' },
              { title: '参与部门', key: 'joint', render: (_, r) => r.task.jointUnitNames.join('、') || '—' },
              { title: '事项与范围', key: 'scope', render: (_, r) => `${r.task.itemNames.join('；')}｜${r.task.scopeText}｜${sharesText(r.task.shares)}` },
              { title: '时间安排', key: 'window', render: (_, r) => `${r.task.windowFrom} 至 ${r.task.windowTo}` },
              { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                key: 'status',
                render: (_, r) => (
                  <span>
                    <Tag color={r.status === 'accepted' ? 'green' : r.status === 'rejected' ? 'default' : 'orange'}>{r.statusLabel}</Tag>
                    {r.decisionNote}
                  </span>
                ),
              },
              ...(office
                ? [
                    {
                      title: '处理',
                      key: 'ops',
                      render: (_: unknown, r: ProposalRow) =>
                        r.status === 'pending' ? (
                          <Space wrap size={4}>
                            <Button size="small" type="primary" onClick={() => setAccepting(r)}>
                              采纳
                            </Button>
                            <Button size="small" onClick={() => setRejecting(r)}>
                              不采纳
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <TaskModal
        open={proposing}
        title={`提出 ${year} 年度抽查任务建议`}
        okText="提交建议"
        year={year}
        withReason
        leadUnitIds={user?.role === 'unit_staff' ? user.unitIds : undefined}
        onClose={() => setProposing(false)}
        onSubmit={async (task, why) => {
          await client.POST('/api/inspections/plans/proposals', { body: { year, task, reason: why } });
          message.success('建议已提交');
          await invalidate();
        }}
      />
      <TaskModal
        open={!!accepting}
        title="采纳建议（可修改后纳入计划）"
        okText="采纳"
        year={year}
        initial={accepting ? taskBodyOf(accepting.task) : undefined}
        onClose={() => setAccepting(null)}
        onSubmit={async (task) => {
          if (!accepting) return;
          await client.PUT('/api/inspections/plans/proposals/{proposalId}/decision', {
            params: { path: { proposalId: accepting.id } },
            body: { decision: 'accept', task },
          });
          message.success('已采纳，任务已加入年度计划草稿');
          await invalidate();
        }}
      />
      <Modal open={!!rejecting} title="不采纳" okText="答复" onOk={reject} onCancel={() => setRejecting(null)} destroyOnHidden>
        <Input.TextArea maxLength={500} autoSize placeholder="请说明不采纳的理由" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
