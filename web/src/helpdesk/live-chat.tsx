import { Alert, Button, Empty, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { $api, client, type ApiResponse } from '../api.js';
import { ErrorAlert } from '../shared/query-state.js';

type Poll = ApiResponse<'/api/helpdesk/live/chat'>;
export type ChatMessage = Poll['messages'][number];

const TOKEN_KEY = 'bizenv.helpdesk.chat';
const readToken = () => sessionStorage.getItem(TOKEN_KEY);

/** Whether staff are on duty now (office hours on a working day); re-asked every minute. */
export function useLiveChatOnDuty() {
  const q = $api.useQuery('get', '/api/helpdesk/live/status', {}, { refetchInterval: 60_000, staleTime: 30_000 });
  return { open: q.data?.open ?? false, message: q.data?.message ?? '', hoursText: q.data?.hoursText ?? '', loading: q.isPending };
}

/** The messages of a chat, visitor's view or staff's (`mine` is the side drawn on the right). */
export function ChatMessages({ messages, mine }: { messages: ChatMessage[]; mine: 'visitor' | 'staff' }) {
  const box = useRef<HTMLDivElement>(null);
  // The newest message in view: the list's own scroll (not scrollIntoView, which also moved the page under the
  // dialog, and whose Promise this browser returns React took for the effect's cleanup: the page went blank).
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [messages.length]);
  if (!messages.length) return <Empty description="暂无消息" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div ref={box} style={{ maxHeight: 320, overflowY: 'auto', padding: 4 }} aria-live="polite">
      {messages.map((m) =>
        m.author === 'system' ? (
          <div key={m.id} style={{ textAlign: 'center', margin: '6px 0' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.body}
            </Typography.Text>
          </div>
        ) : (
          <div key={m.id} style={{ display: 'flex', justifyContent: m.author === mine ? 'flex-end' : 'flex-start', margin: '6px 0' }}>
            <div
              data-author={m.author}
              style={{
                maxWidth: '80%',
                padding: '6px 10px',
                borderRadius: 8,
                background: m.author === mine ? '#e6f4ff' : '#f5f5f5',
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
              }}
            >
              {m.author === 'staff' && m.staffName ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {m.staffName}
                </Typography.Text>
              ) : null}
              {m.body}
            </div>
          </div>
        ),
      )}
    </div>
  );
}

/**
 * 在线人工: the visitor's (or logged-in enterprise's) live chat panel, opened by the chat widget. During office hours
 * it starts a chat and polls for replies (the interval the server gives); outside them it offers 转人工 as a request
 * (`onRequestHandoff`, the widget's path). A visitor's chat token is kept for the browser tab (sessionStorage).
 */
export function LiveChatPanel({
  party = 'visitor',
  initialQuestion = '',
  conversationId = null,
  onRequestHandoff,
}: {
  party?: 'visitor' | 'enterprise';
  initialQuestion?: string;
  /** The chat window's conversation the chat is started from (logged as handed off to a live chat). */
  conversationId?: string | null;
  onRequestHandoff?: () => void;
}) {
  const duty = useLiveChatOnDuty();
  const [token, setToken] = useState<string | null>(party === 'visitor' ? readToken() : null);
  const [poll, setPoll] = useState<Poll | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const cursor = useRef(0);
  const [name, setName] = useState('');
  const [question, setQuestion] = useState(initialQuestion);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const headers = token ? { 'x-chat-token': token } : {};
  const hasChat = party === 'enterprise' || !!token;

  const take = useCallback((p: Poll) => {
    setPoll(p);
    if (p.messages.length) {
      setMessages((old) => [...old, ...p.messages.filter((m) => !old.some((o) => o.id === m.id))]);
      cursor.current = Math.max(cursor.current, p.cursor);
    }
  }, []);

  // Polling with the cursor while a chat is open; stops when it is closed.
  useEffect(() => {
    if (!hasChat || poll?.chat.status === 'closed') return;
    let stop = false;
    const tick = async () => {
      try {
        const { data } = await client.GET('/api/helpdesk/live/chat', { params: { header: headers, query: { since: cursor.current } } });
        if (!stop && data) take(data);
      } catch (e) {
        // The chat no longer exists (e.g. another device closed it long ago): start afresh.
        if (party === 'visitor') {
          sessionStorage.removeItem(TOKEN_KEY);
          setToken(null);
        } else if (!stop) setPoll(null);
        if (party === 'visitor') setError(e);
      }
    };
    void tick();
    const t = setInterval(tick, poll?.pollAfterMs ?? 2000);
    return () => {
      stop = true;
      clearInterval(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasChat, token, poll?.chat.status, poll?.pollAfterMs, take, party]);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await client.POST('/api/helpdesk/live/chat', {
        body: { name: name.trim() || null, question: question.trim(), ...(conversationId ? { conversationId } : {}) },
      });
      if (!data) return;
      if (data.token) {
        sessionStorage.setItem(TOKEN_KEY, data.token);
        setToken(data.token);
      }
      setMessages([]);
      cursor.current = 0;
      take(data.poll);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    if (!draft.trim()) return;
    setBusy(true);
    try {
      const { data } = await client.POST('/api/helpdesk/live/chat/messages', {
        params: { header: headers },
        body: { body: draft.trim(), since: cursor.current },
      });
      if (data) take(data);
      setDraft('');
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const close = async () => {
    try {
      const { data } = await client.POST('/api/helpdesk/live/chat/close', { params: { header: headers, query: { since: cursor.current } } });
      if (data) take(data);
    } catch (e) {
      setError(e);
    }
  };
  const restart = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setPoll(null);
    setMessages([]);
    cursor.current = 0;
  };

  const open = poll && poll.chat.status !== 'closed';
  if (!open && !(poll && poll.chat.status === 'closed')) {
    if (!duty.loading && !duty.open) {
      return (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message="在线人工暂未值守" description={duty.message} />
          {onRequestHandoff ? (
            <Button type="primary" onClick={onRequestHandoff}>
              转人工留言（工作时间内回复）
            </Button>
          ) : null}
        </Space>
      );
    }
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{duty.message || '在线人工服务'}</Typography.Text>
        {party === 'visitor' ? (
          <Input placeholder="您的称呼（选填）" maxLength={30} value={name} onChange={(e) => setName(e.target.value)} aria-label="称呼" />
        ) : null}
        <Input.TextArea
          placeholder="请描述您要咨询的问题"
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          aria-label="咨询问题"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <Button type="primary" loading={busy} disabled={!question.trim()} onClick={start}>
          发起在线咨询
        </Button>
      </Space>
    );
  }
  const chat = poll!.chat;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {chat.status === 'waiting' ? '正在为您接入工作人员，请稍候……' : chat.status === 'active' ? `${chat.staffName ?? '工作人员'}为您服务` : '会话已结束'}
      </Typography.Text>
      <ChatMessages messages={messages} mine="visitor" />
      {error ? <ErrorAlert error={error} /> : null}
      {chat.status === 'closed' ? (
        <Button onClick={restart}>重新咨询</Button>
      ) : (
        <>
          <Input.TextArea
            placeholder="输入消息，回车发送"
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={(e) => {
              if (!e.shiftKey) {
                e.preventDefault();
                void send();
              }
            }}
            aria-label="消息"
          />
          <Space wrap>
            <Button type="primary" loading={busy} disabled={!draft.trim()} onClick={send}>
              发送
            </Button>
            <Button onClick={close}>结束会话</Button>
          </Space>
        </>
      )}
    </Space>
  );
}
