import { Alert, App, Badge, Button, Card, Checkbox, Col, Input, List, Row, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { ErrorAlert, QueryState } from '../shared/query-state.js';
import { ChatMessages, type ChatMessage } from './live-chat.js';

type Poll = ApiResponse<'/api/helpdesk/live/chats/{chatId}'>;
type Chat = Poll['chat'];
const refreshQueue = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/live/queue'] });

function ChatRow({ chat, selected, onSelect }: { chat: Chat; selected: boolean; onSelect: () => void }) {
  return (
    <List.Item onClick={onSelect} style={{ cursor: 'pointer', background: selected ? '#e6f4ff' : undefined, paddingInline: 8 }}>
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            <span>{chat.enterpriseName ?? chat.visitorName}</span>
            <Tag color={chat.status === 'waiting' ? 'orange' : 'blue'}>{chat.statusLabel}</Tag>
            {chat.unitName ? <Tag>{chat.unitName}</Tag> : null}
            {chat.isDemo ? <Tag>演示</Tag> : null}
          </Space>
        }
        description={
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
            {chat.topic}
            {chat.staffName ? ` · ${chat.staffName}` : ''}
          </Typography.Text>
        }
      />
    </List.Item>
  );
}

function ChatPane({ chatId }: { chatId: number }) {
  const { message } = App.useApp();
  const [poll, setPoll] = useState<Poll | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const cursor = useRef(0);
  const [draft, setDraft] = useState('');
  const [faqCode, setFaqCode] = useState<string | null>(null);
  const [canned, setCanned] = useState('');
  const [error, setError] = useState<unknown>();
  const targets = $api.useQuery('get', '/api/helpdesk/live/targets');
  const cannedQ = $api.useQuery('get', '/api/helpdesk/live/canned', { params: { query: { q: canned } } }, { enabled: canned.trim() !== '' });

  const take = useCallback((p: Poll) => {
    setPoll(p);
    setMessages((old) => [...old, ...p.messages.filter((m) => !old.some((o) => o.id === m.id))]);
    cursor.current = Math.max(cursor.current, p.cursor);
  }, []);
  useEffect(() => {
    setMessages([]);
    setPoll(null);
    cursor.current = 0;
  }, [chatId]);
  useEffect(() => {
    if (poll?.chat.status === 'closed') return;
    let stop = false;
    const tick = async () => {
      try {
        const { data } = await client.GET('/api/helpdesk/live/chats/{chatId}', { params: { path: { chatId }, query: { since: cursor.current } } });
        if (!stop && data) take(data);
      } catch (e) {
        if (!stop) setError(e);
      }
    };
    void tick();
    const t = setInterval(tick, poll?.pollAfterMs ?? 2000);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [chatId, poll?.chat.status, poll?.pollAfterMs, take]);

  const act = async (f: () => Promise<{ data?: Poll }>, done?: string) => {
    try {
      const { data } = await f();
      if (data) take(data);
      setError(undefined);
      if (done) message.success(done);
      await refreshQueue();
    } catch (e) {
      setError(e);
    }
  };
  const path = { path: { chatId } };
  const chat = poll?.chat;
  if (!chat) return <Card loading />;
  return (
    <Card
      data-testid="helpdesk-chat-pane"
      title={`${chat.enterpriseName ?? chat.visitorName} · ${chat.statusLabel}`}
      extra={
        chat.status !== 'closed' ? (
          <Button danger size="small" onClick={() => act(() => client.POST('/api/helpdesk/live/chats/{chatId}/close', { params: path }), '会话已结束')}>
            结束会话
          </Button>
        ) : null
      }
    >
      <ChatMessages messages={messages} mine="staff" />
      {error ? <ErrorAlert error={error} /> : null}
      {chat.status === 'waiting' ? (
        <Button type="primary" onClick={() => act(() => client.POST('/api/helpdesk/live/chats/{chatId}/accept', { params: path }), '已接入')}>
          接入
        </Button>
      ) : chat.status === 'active' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label="回复"
            placeholder="输入回复，或从下方常用回复中选择"
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <Space wrap>
            <Button
              type="primary"
              disabled={!draft.trim()}
              onClick={() =>
                act(async () => {
                  const r = await client.POST('/api/helpdesk/live/chats/{chatId}/messages', {
                    params: path,
                    body: { body: draft.trim(), faqCode, since: cursor.current },
                  });
                  setDraft('');
                  setFaqCode(null);
                  return r;
                })
              }
            >
              发送
            </Button>
            <Select
              aria-label="转接"
              placeholder="转接给……"
              style={{ minWidth: 180 }}
              loading={targets.isPending}
              options={[
                { label: '营商办工作人员', options: (targets.data?.staff ?? []).map((s) => ({ label: s.name, value: `a${s.id}` })) },
                { label: '单位', options: (targets.data?.units ?? []).map((u) => ({ label: u.name, value: `u${u.id}` })) },
              ]}
              showSearch
              optionFilterProp="label"
              value={null}
              onChange={(v: string) =>
                act(
                  () =>
                    client.POST('/api/helpdesk/live/chats/{chatId}/transfer', {
                      params: path,
                      body: v.startsWith('a') ? { accountId: Number(v.slice(1)), unitId: null } : { accountId: null, unitId: Number(v.slice(1)) },
                    }),
                  '已转接',
                )
              }
            />
          </Space>
          <Input.Search aria-label="常用回复" placeholder="检索常见问题，插入答案" allowClear onSearch={setCanned} maxLength={50} />
          {canned ? (
            <QueryState query={cannedQ}>
              {(list) => (
                <List
                  size="small"
                  dataSource={list}
                  locale={{ emptyText: '没有找到相关的常见问题' }}
                  renderItem={(f) => (
                    <List.Item
                      actions={[
                        <Button
                          key="use"
                          size="small"
                          onClick={() => {
                            setDraft(f.answer.slice(0, 500));
                            setFaqCode(f.code);
                          }}
                        >
                          插入
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta title={f.question} description={<Typography.Paragraph ellipsis={{ rows: 2 }}>{f.answer}</Typography.Paragraph>} />
                    </List.Item>
                  )}
                />
              )}
            </QueryState>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}

function HoursCard() {
  const { message } = App.useApp();
  const q = $api.useQuery('get', '/api/helpdesk/live/hours');
  const [error, setError] = useState<unknown>();
  return (
    <QueryState query={q}>
      {(h) => (
        <Card size="small" title="值守时间" style={{ marginBottom: 16 }}>
          <HoursForm
            initial={h}
            onSave={async (body) => {
              try {
                await client.PUT('/api/helpdesk/live/hours', { body });
                setError(undefined);
                message.success('值守时间已保存');
                await queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/live/hours'] });
                await queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/live/status'] });
              } catch (e) {
                setError(e);
              }
            }}
          />
          {error ? <ErrorAlert error={error} /> : null}
        </Card>
      )}
    </QueryState>
  );
}

type Hours = ApiResponse<'/api/helpdesk/live/hours'>;
function HoursForm({ initial, onSave }: { initial: Hours; onSave: (h: { periods: Array<{ from: string; to: string }>; everyDay: boolean }) => Promise<void> }) {
  const [periods, setPeriods] = useState(initial.periods);
  const [everyDay, setEveryDay] = useState(initial.everyDay);
  const fmt = 'HH:mm';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {periods.map((p, i) => (
        <Space key={`${i}-${p.from}`} wrap>
          <TimePicker.RangePicker
            format={fmt}
            minuteStep={5}
            allowClear={false}
            value={[dayjs(p.from, fmt), dayjs(p.to === '24:00' ? '23:59' : p.to, fmt)]}
            onChange={(v) => v?.[0] && v[1] && setPeriods(periods.map((x, j) => (j === i ? { from: v[0]!.format(fmt), to: v[1]!.format(fmt) } : x)))}
            aria-label={`值守时段${i + 1}`}
          />
          <Button size="small" disabled={periods.length < 2} onClick={() => setPeriods(periods.filter((_, j) => j !== i))}>
            删除
          </Button>
        </Space>
      ))}
      <Space wrap>
        <Button size="small" disabled={periods.length >= 6} onClick={() => setPeriods([...periods, { from: '18:00', to: '20:00' }])}>
          添加时段
        </Button>
        <Checkbox checked={everyDay} onChange={(e) => setEveryDay(e.target.checked)}>
          每天值守（含周末和节假日；否则按工作日安排，含调休上班日）
        </Checkbox>
        <Button type="primary" size="small" onClick={() => onSave({ periods, everyDay })}>
          保存
        </Button>
      </Space>
    </Space>
  );
}

/** 客服工作台: the queue of waiting chats, the chats being served, one chat with replies, canned answers and transfer. */
export function HelpdeskConsolePage() {
  const me = useSession().user;
  const isOffice = me?.role === 'office' || me?.role === 'admin';
  const queue = $api.useQuery('get', '/api/helpdesk/live/queue', {}, { refetchInterval: 3000, staleTime: 0 });
  const status = $api.useQuery('get', '/api/helpdesk/live/status');
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <div>
      <Typography.Title level={3}>在线客服工作台</Typography.Title>
      {status.data ? <Alert style={{ marginBottom: 16 }} type={status.data.open ? 'success' : 'info'} showIcon message={status.data.message} /> : null}
      {isOffice ? <HoursCard /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9}>
          <QueryState query={queue}>
            {(q) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Card
                  size="small"
                  title={
                    <Badge count={q.waiting.length} offset={[12, 0]}>
                      排队中
                    </Badge>
                  }
                >
                  <List
                    size="small"
                    dataSource={q.waiting}
                    locale={{ emptyText: '暂无排队' }}
                    renderItem={(c) => <ChatRow chat={c} selected={c.id === selected} onSelect={() => setSelected(c.id)} />}
                  />
                </Card>
                <Card size="small" title={`接待中（${q.active.length}）· 今日已结束 ${q.closedToday}`}>
                  <List
                    size="small"
                    dataSource={q.active}
                    locale={{ emptyText: '暂无接待中的会话' }}
                    renderItem={(c) => <ChatRow chat={c} selected={c.id === selected} onSelect={() => setSelected(c.id)} />}
                  />
                </Card>
              </Space>
            )}
          </QueryState>
        </Col>
        <Col xs={24} md={15}>
          {selected ? <ChatPane chatId={selected} /> : <Card>请从左侧选择一个会话</Card>}
        </Col>
      </Row>
    </div>
  );
}
