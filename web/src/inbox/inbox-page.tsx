import { LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Grid, List, Result, Select, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { DEFAULT_PAGE_SIZE, isNoticeKind, NOTICE_KIND_LIST, NOTICE_KINDS, noticeKindLabel, type NoticeKind } from '../../../src/inbox/core/index.js';
import { $api, client, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { refreshInbox } from './inbox-api.js';

type Message = ApiResponse<'/api/inbox/messages'>['items'][number];

const KIND_COLORS: Record<NoticeKind, string> = {
  'ledger.report': 'orange',
  'ledger.review': 'blue',
  'ledger.order': 'red',
  'ledger.flag': 'volcano',
  'ledger.reminder': 'gold',
  'ledger.bulletin': 'cyan',
  'ledger.instruction': 'purple',
  policy: 'green',
  'request.filed': 'geekblue',
  'request.routed': 'orange',
  'request.answered': 'blue',
  'request.returned': 'magenta',
  'request.reopened': 'volcano',
  'request.escalated': 'red',
  'request.hold': 'gold',
  'request.reminder': 'gold',
  'request.urged': 'orange',
  'inspection.risk': 'red',
  'finance.application': 'geekblue',
  'finance.decision': 'green',
  'finance.reminder': 'gold',
};

/**
 * 我的消息: every logged-in role's inbox, one page at a time (filters and page in the address, so going back
 * returns to the same page). Opening a notice shows what to do and marks it read; its link opens the item.
 */
export function InboxPage() {
  const { user, loading } = useSession();
  const loc = useLocation();
  if (!user) return loading ? null : <LoginFirst next={loc.pathname} />;
  return <Inbox />;
}

/** A visitor: one calm prompt to log in, not an error. */
function LoginFirst({ next }: { next: string }) {
  const nav = useNavigate();
  return (
    <Result
      icon={<LockOutlined style={{ color: '#c41d26' }} />}
      title="请先登录"
      subTitle="登录后可查看发给您的消息和待办提醒。"
      extra={
        <Button type="primary" onClick={() => nav(`/login?next=${encodeURIComponent(next)}`)} data-testid="login-first">
          登录
        </Button>
      }
    />
  );
}

function Inbox() {
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const kindParam = params.get('kind') ?? '';
  const kind = isNoticeKind(kindParam) ? kindParam : undefined;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [open, setOpen] = useState<number | null>(null);
  const [marking, setMarking] = useState(false);
  const messages = $api.useQuery('get', '/api/inbox/messages', {
    params: { query: { page, pageSize: DEFAULT_PAGE_SIZE, ...(unreadOnly ? { unreadOnly } : {}), ...(kind ? { kind } : {}) } },
  });

  const setFilter = (next: { unread?: boolean; kind?: string | undefined; page?: number }) => {
    const p = new URLSearchParams(params);
    if (next.unread !== undefined || 'kind' in next) p.delete('page');
    if (next.unread === true) p.set('unread', '1');
    if (next.unread === false) p.delete('unread');
    if ('kind' in next) {
      if (next.kind) p.set('kind', next.kind);
      else p.delete('kind');
    }
    if (next.page !== undefined) {
      if (next.page > 1) p.set('page', String(next.page));
      else p.delete('page');
    }
    setParams(p);
  };
  const markRead = async (m: Message) => {
    if (m.read_at) return;
    try {
      await client.POST('/api/inbox/messages/{id}/read', { params: { path: { id: m.id } } });
      await refreshInbox();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const markAll = async () => {
    setMarking(true);
    try {
      const { data } = await client.POST('/api/inbox/messages/read-all', { body: kind ? { kind } : {} });
      message.success(data?.marked ? `已将 ${data.marked} 条消息标为已读` : '没有未读消息');
      await refreshInbox();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setMarking(false);
    }
  };
  const toggle = (m: Message) => {
    setOpen(open === m.id ? null : m.id);
    void markRead(m);
  };

  return (
    <Card
      title="我的消息"
      styles={{ header: { flexWrap: 'wrap' } }}
      extra={
        <Button size="small" onClick={markAll} loading={marking} disabled={!messages.data?.unread} data-testid="mark-all-read">
          {kind ? `本类全部标为已读` : '全部标为已读'}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setFilter({ unread: v === 'unread' })}
          options={[
            { label: '全部', value: 'all' },
            { label: `未读${messages.data ? ` ${messages.data.unread}` : ''}`, value: 'unread' },
          ]}
          data-testid="filter-unread"
        />
        <Select
          allowClear
          placeholder="全部类别"
          value={kind}
          onChange={(v?: string) => setFilter({ kind: v })}
          options={NOTICE_KIND_LIST.map((k) => ({ value: k, label: NOTICE_KINDS[k] }))}
          style={{ width: 140 }}
          data-testid="filter-kind"
        />
      </Space>
      <QueryState query={messages}>
        {(data) =>
          data.total === 0 ? (
            <Empty description={unreadOnly || kind ? '没有符合条件的消息' : '暂无消息'} />
          ) : (
            <List
              dataSource={data.items}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.total,
                size: narrow ? 'small' : undefined,
                simple: narrow,
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: narrow ? undefined : (t) => `共 ${t} 条`,
                onChange: (p) => setFilter({ page: p }),
              }}
              renderItem={(m) => <MessageItem m={m} open={open === m.id} onToggle={() => toggle(m)} onOpenLink={() => void markRead(m)} />}
            />
          )
        }
      </QueryState>
    </Card>
  );
}

function MessageItem({ m, open, onToggle, onOpenLink }: { m: Message; open: boolean; onToggle: () => void; onOpenLink: () => void }) {
  const unread = !m.read_at && !m.done_at;
  const color = isNoticeKind(m.kind) ? KIND_COLORS[m.kind] : undefined;
  return (
    <List.Item
      data-testid="message"
      data-read={m.read_at ? 'true' : 'false'}
      data-done={m.done_at ? 'true' : 'false'}
      style={{ display: 'block', cursor: 'pointer' }}
      onClick={onToggle}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <span aria-hidden style={{ flex: 'none', width: 6, height: 6, marginTop: 8, borderRadius: 3, background: unread ? '#ff4d4f' : 'transparent' }} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={unread} type={m.done_at ? 'secondary' : undefined} data-testid="message-title" style={{ overflowWrap: 'anywhere' }}>
            {m.title}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <Tag color={color} style={{ marginInlineEnd: 6 }}>
              {noticeKindLabel(m.kind)}
            </Tag>
            {m.done_at && (
              <Tag color="success" data-testid="message-done">
                已处理
              </Tag>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {new Date(m.created_at).toLocaleString('zh-CN', { hour12: false })}
            </Typography.Text>
            {m.link && (
              <Link
                to={m.link}
                style={{ marginInlineStart: 12, fontSize: 12 }}
                data-testid="message-link"
                onClick={(e) => {
                  e.stopPropagation();
                  onOpenLink();
                }}
              >
                打开 ›
              </Link>
            )}
          </div>
          {open && (
            <div style={{ marginTop: 8 }} data-testid="message-body">
              <Typography.Paragraph style={{ marginBottom: 8 }}>{m.body}</Typography.Paragraph>
              {m.link && (
                <Link
                  to={m.link}
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpenLink();
                  }}
                >
                  <Button size="small" type="primary" data-testid="message-open">
                    查看详情
                  </Button>
                </Link>
              )}
            </div>
          )}
        </div>
      </div>
    </List.Item>
  );
}
