import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Input, Select, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ExportButton, useListParams, withQuery } from '../shared/list-params.js';
import { ORDER_SORTS, sortValues } from '../../../src/ledger/core/lists.js';
import { errorText, NeedLogin, ORDER_ACTIONS, ORDER_STAGES, type Order, planWaiting, usePlan, useRoles, useUnits } from './common.js';
import { InstructionsCard } from './instructions.js';

const ORDER_SORT_VALUES = sortValues(ORDER_SORTS);

type OrderAction = keyof typeof ORDER_ACTIONS;

function Overdue({ o }: { o: Order }) {
  return (
    <span>
      {o.replyDue ?? '—'}
      {o.overdue && (
        <Tag color="red" style={{ marginLeft: 4 }}>
          逾期
        </Tag>
      )}
    </span>
  );
}

export function OrdersPage() {
  const { user, isUnit } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const list = useListParams();
  const enabled = !!user && !!plan;
  const units = useUnits(enabled && !isUnit);
  const query = {
    planId: plan?.id ?? 0,
    stage: ORDER_STAGES.find((x) => x === list.get('stage')),
    overdue: list.get('overdue') === 'yes' ? ('yes' as const) : undefined,
    unitId: list.num('unitId'),
    q: list.get('q'),
    sort: ORDER_SORT_VALUES.find((x) => x === list.get('sort')),
  };
  const orders = $api.useQuery('get', '/api/ledger/orders', { params: { query } }, { enabled, placeholderData: keepPreviousData });
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        督查督办{isUnit ? '（本单位）' : ''}
      </Typography.Title>
      <Space wrap className="list-filters">
        <Select
          allowClear
          placeholder="阶段"
          style={{ width: 120 }}
          value={query.stage}
          onChange={(v) => list.set({ stage: v })}
          options={ORDER_STAGES.map((s) => ({ value: s, label: s }))}
        />
        <Checkbox checked={!!query.overdue} onChange={(e) => list.set({ overdue: e.target.checked ? 'yes' : null })}>
          仅逾期
        </Checkbox>
        {!isUnit && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="被督办单位"
            style={{ width: 180 }}
            value={query.unitId}
            onChange={(v) => list.set({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <Input.Search
          key={query.q ?? ''}
          allowClear
          defaultValue={query.q}
          placeholder="单号、任务或单位"
          onSearch={(v) => list.set({ q: v.trim() })}
          style={{ width: 220, maxWidth: '100%' }}
        />
        <ExportButton href={withQuery('/api/ledger/orders.xlsx', query)} />
      </Space>
      <QueryState query={orders}>
        {(data) => (
          <Table<Order>
            size="small"
            rowKey="id"
            dataSource={data}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, current: list.page, showSizeChanger: false, showTotal: (n) => `共 ${n} 件` }}
            onChange={(p, _f, sorter) => list.onTableChange(p, sorter)}
            columns={[
              {
                title: '督办单号',
                key: 'number',
                sorter: true,
                sortOrder: list.sortOrder('number'),
                render: (_, o) => <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link>,
              },
              { title: '任务', render: (_, o) => <Link to={`/ledger/tasks/${o.taskId}`}>{o.taskTitle}</Link> },
              { title: '被督办单位', dataIndex: 'unitName', key: 'unit', sorter: true, sortOrder: list.sortOrder('unit') },
              { title: '阶段', dataIndex: 'stage', key: 'stage', sorter: true, sortOrder: list.sortOrder('stage') },
              { title: '下发日期', key: 'issuedOn', sorter: true, sortOrder: list.sortOrder('issuedOn'), render: (_, o) => o.issuedOn ?? '—' },
              { title: '反馈期限', key: 'replyDue', sorter: true, sortOrder: list.sortOrder('replyDue'), render: (_, o) => <Overdue o={o} /> },
              { title: '提级', dataIndex: 'escalations' },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

export function OrderPage() {
  const { orderId } = useParams();
  const { message } = App.useApp();
  const { user, isOffice, isUnit, unitIds } = useRoles();
  const id = Number(orderId);
  const order = $api.useQuery('get', '/api/ledger/orders/{orderId}', { params: { path: { orderId: id } } }, { enabled: !!user });
  const [note, setNote] = useState('');
  if (!user) return <NeedLogin />;
  const act = async (action: OrderAction) => {
    try {
      await client.POST('/api/ledger/orders/{orderId}/actions', { params: { path: { orderId: id } }, body: { action, note: note || undefined } });
      message.success('已办理');
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/orders/{orderId}'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <QueryState query={order}>
      {(o) => {
        const mayAct = (by: 'office' | 'unit') => (by === 'office' ? isOffice : isUnit && unitIds.includes(o.unitId));
        // Object.keys types the keys as strings; ORDER_ACTIONS is a Record<OrderAction, …> (the server's pure core).
        const available = (Object.keys(ORDER_ACTIONS) as OrderAction[]).filter((code) => {
          const a = ORDER_ACTIONS[code];
          return a.from.includes(o.stage) && mayAct(a.by);
        });
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                督办单 {o.number}
              </Typography.Title>
              <Button icon={<PrinterOutlined />} href={`/api/ledger/orders/${o.id}/order.docx`} data-testid="order-docx">
                打印/下载督办单
              </Button>
            </Space>
            <Steps size="small" current={ORDER_STAGES.indexOf(o.stage)} items={ORDER_STAGES.map((s) => ({ title: s }))} />
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { label: '任务', children: <Link to={`/ledger/tasks/${o.taskId}`}>{o.taskTitle}</Link> },
                  { label: '被督办单位', children: o.unitName },
                  ...(o.request
                    ? [
                        {
                          label: '关联诉求',
                          span: 2,
                          children: (
                            <Link to={o.request.link} data-testid="order-request">
                              {o.request.number} {o.request.subject}
                            </Link>
                          ),
                        },
                      ]
                    : []),
                  { label: '督办事由', children: o.reason },
                  { label: '办理要求', children: o.requirement },
                  { label: '反馈时限', children: `${o.replyDays} 个工作日` },
                  { label: '下发日期', children: o.issuedOn ?? '—' },
                  { label: '反馈期限', children: <Overdue o={o} /> },
                  { label: '反馈日期', children: o.repliedOn ?? '—' },
                  { label: '办理情况', children: o.reply ?? '—', span: 2 },
                ]}
              />
              {available.length > 0 && (
                <Space wrap style={{ marginTop: 12 }} align="start" className="no-print">
                  <Input.TextArea
                    rows={2}
                    style={{ width: 420, maxWidth: '100%' }}
                    placeholder="说明（反馈、退回时必填）"
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                  {available.map((code) => (
                    <Button
                      key={code}
                      type={code === 'return' || code === 'escalate' ? 'default' : 'primary'}
                      danger={code === 'escalate'}
                      onClick={() => act(code)}
                    >
                      {ORDER_ACTIONS[code].label}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
            <InstructionsCard targetKind="order" targetId={o.id} />
            <Card size="small" title="流转记录">
              <Timeline
                items={o.events.map((e) => ({
                  children: `${new Date(e.at).toLocaleString('zh-CN')} ${e.actor}：${e.stage}${e.note ? `（${e.note}）` : ''}`,
                }))}
              />
            </Card>
          </Space>
        );
      }}
    </QueryState>
  );
}
