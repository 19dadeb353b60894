import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Select, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api.js';
import { useFetch } from '../shared/use-fetch.js';
import { errorText, NeedLogin, usePlan, useRoles } from './common.js';
import type { Order } from './types.js';

const STAGES = ['立项', '下发', '签收', '办理', '反馈', '复核', '办结'];
const ACTIONS: Record<string, { label: string; by: 'office' | 'unit'; from: string[]; note?: boolean }> = {
  issue: { label: '下发', by: 'office', from: ['立项'] },
  sign: { label: '签收', by: 'unit', from: ['下发'] },
  handle: { label: '开始办理', by: 'unit', from: ['签收'] },
  reply: { label: '反馈办理情况', by: 'unit', from: ['签收', '办理'], note: true },
  review: { label: '复核', by: 'office', from: ['反馈'] },
  close: { label: '办结', by: 'office', from: ['复核'] },
  return: { label: '退回重办', by: 'office', from: ['反馈', '复核'], note: true },
  escalate: { label: '提级督办', by: 'office', from: ['下发', '签收', '办理'] },
};

export function OrdersPage() {
  const { user, isUnit, unitIds } = useRoles();
  const { plan } = usePlan();
  const [stage, setStage] = useState<string | undefined>();
  const orders = useFetch<Order[]>(user && plan ? `/api/ledger/orders?planId=${plan.id}` : null);
  if (!user) return <NeedLogin />;
  const rows = (orders.data ?? []).filter((o) => (!stage || o.stage === stage) && (!isUnit || unitIds.includes(o.unitId)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        督查督办{isUnit ? '（本单位）' : ''}
      </Typography.Title>
      <Select allowClear placeholder="阶段" style={{ width: 120 }} value={stage} onChange={setStage} options={STAGES.map((s) => ({ value: s, label: s }))} />
      <Table<Order>
        size="small"
        rowKey="id"
        dataSource={rows}
        columns={[
          { title: '督办单号', render: (_, o) => <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link> },
          { title: '任务', render: (_, o) => <Link to={`/ledger/tasks/${o.taskId}`}>{o.taskTitle}</Link> },
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
          { title: '提级', dataIndex: 'escalations' },
        ]}
      />
    </Space>
  );
}

export function OrderPage() {
  const { orderId } = useParams();
  const { message } = App.useApp();
  const { user, isOffice, isUnit, unitIds } = useRoles();
  const order = useFetch<Order>(user ? `/api/ledger/orders/${orderId}` : null);
  const [note, setNote] = useState('');
  if (!user) return <NeedLogin />;
  const o = order.data;
  if (!o) return <Card loading />;
  const mayAct = (by: 'office' | 'unit') => (by === 'office' ? isOffice : isUnit && unitIds.includes(o.unitId));
  const act = async (action: string) => {
    try {
      await api(`/api/ledger/orders/${o.id}/actions`, { method: 'POST', body: JSON.stringify({ action, note: note || undefined }) });
      message.success('已办理');
      setNote('');
      void order.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const available = Object.entries(ACTIONS).filter(([, a]) => a.from.includes(o.stage) && mayAct(a.by));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        督办单 {o.number}
      </Typography.Title>
      <Steps size="small" current={STAGES.indexOf(o.stage)} items={STAGES.map((s) => ({ title: s }))} />
      <Card size="small">
        <Descriptions
          size="small"
          column={2}
          items={[
            { label: '任务', children: <Link to={`/ledger/tasks/${o.taskId}`}>{o.taskTitle}</Link> },
            { label: '被督办单位', children: o.unitName },
            { label: '督办事由', children: o.reason },
            { label: '办理要求', children: o.requirement },
            { label: '反馈时限', children: `${o.replyDays} 个工作日` },
            { label: '下发日期', children: o.issuedOn ?? '—' },
            {
              label: '反馈期限',
              children: (
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
            { label: '反馈日期', children: o.repliedOn ?? '—' },
            { label: '办理情况', children: o.reply ?? '—', span: 2 },
          ]}
        />
        {available.length > 0 && (
          <Space style={{ marginTop: 12 }} align="start">
            <Input.TextArea rows={2} style={{ width: 420 }} placeholder="说明（反馈、退回时必填）" value={note} onChange={(e) => setNote(e.target.value)} />
            {available.map(([code, a]) => (
              <Button key={code} type={code === 'return' || code === 'escalate' ? 'default' : 'primary'} danger={code === 'escalate'} onClick={() => act(code)}>
                {a.label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title="流转记录">
        <Timeline
          items={(o.events ?? []).map((e) => ({
            children: `${new Date(e.at).toLocaleString('zh-CN')} ${e.actor}：${e.stage}${e.note ? `（${e.note}）` : ''}`,
          }))}
        />
      </Card>
    </Space>
  );
}
