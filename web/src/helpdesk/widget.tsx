import { CloseOutlined, CustomerServiceOutlined, DislikeOutlined, LikeOutlined, SendOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, FloatButton, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { client, type ApiBody, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { LiveChatPanel, useLiveChatOnDuty } from './live-chat.js';
import { problemsOf } from '../shared/problems.js';
import { ErrorAlert, errorText } from '../shared/query-state.js';

type Asked = ApiResponse<'/api/helpdesk/ask', 'post'>;
type Answer = Asked['answers'][number];
type HandOff = ApiResponse<'/api/helpdesk/conversations/{conversationId}/handoff', 'post'>;
type HandOffBody = ApiBody<'/api/helpdesk/conversations/{conversationId}/handoff', 'post'>;

/** Questions offered before the first one (what people ask most about the plan's services). */
const SUGGESTED = ['用水报装要多长时间？', '开办企业需要几天', '2026年9月30日申请，5个工作日后是哪天', '投诉举报多久答复'];

/**
 * 在线人工: the option shown next to 转人工 while staff are on duty (office hours on a working day, from the live-chat
 * status), else null: a button opening the live-chat panel (web/src/helpdesk/live-chat.tsx) with the chat window's
 * last question filled in; the conversation is logged as handed off to a live chat.
 */
export function useLiveChatOption(conversationId: string | null, lastQuestion: string): ReactNode {
  const duty = useLiveChatOnDuty();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!duty.open) return null;
  return (
    <>
      <Button size="small" icon={<CustomerServiceOutlined />} onClick={() => setOpen(true)} data-testid="helpdesk-live-open">
        在线人工
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title="在线人工客服" destroyOnHidden zIndex={1100}>
        <LiveChatPanel party={user?.role === 'enterprise' ? 'enterprise' : 'visitor'} initialQuestion={lastQuestion} conversationId={conversationId} />
      </Modal>
    </>
  );
}

type Turn = { id: number; question: string; asked?: Asked; error?: unknown; rating?: 'up' | 'down' };

/** A link to an answer's source or follow-up: a platform page navigates in place (the chat stays open). */
function SourceLink({ link, label, onOpen }: { link: string; label: string; onOpen: () => void }) {
  const nav = useNavigate();
  if (!link.startsWith('/')) return <span>{label}</span>;
  return (
    <a
      href={link}
      onClick={(e) => {
        e.preventDefault();
        onOpen();
        nav(link);
      }}
    >
      {label}
    </a>
  );
}

function AnswerCard({ a, onOpen, first }: { a: Answer; onOpen: (key: string) => void; first: boolean }) {
  return (
    <div data-testid="helpdesk-answer" style={{ borderTop: first ? undefined : '1px dashed #eee', paddingTop: first ? 0 : 6 }}>
      <Typography.Text strong style={{ display: 'block' }}>
        {a.kindLabel}：{a.title}
        {a.isDemo && (
          <Tag color="default" style={{ marginLeft: 4 }}>
            演示
          </Tag>
        )}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{a.text}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        来源：{a.source.link ? <SourceLink link={a.source.link} label={a.source.label} onOpen={() => onOpen(a.key)} /> : a.source.label}
        {a.source.document && !a.source.label.includes(a.source.document) ? `（${a.source.document}${a.source.article ?? ''}）` : ''}
        {a.unitName ? ` · ${a.unitName}` : ''}
      </Typography.Text>
      {a.followUp && (
        <Typography.Text style={{ fontSize: 12, display: 'block' }}>
          <SourceLink link={a.followUp.link} label={a.followUp.label} onOpen={() => onOpen(a.key)} />
        </Typography.Text>
      )}
    </div>
  );
}

function Bubble({ mine, children }: { mine?: boolean; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}>
      <div
        style={{
          maxWidth: mine ? '85%' : '100%',
          background: mine ? '#c41d26' : '#f5f5f5',
          color: mine ? '#fff' : undefined,
          borderRadius: 8,
          padding: '6px 10px',
          overflowWrap: 'anywhere',
        }}
      >
        {children}
      </div>
    </div>
  );
}

/** 转人工: name and phone, then the request number (and the query code for a visitor). */
function HandOffForm({ conversationId, enterprise, onDone }: { conversationId: string; enterprise: boolean; onDone: (h: HandOff) => void }) {
  const [form] = Form.useForm<HandOffBody>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (body: HandOffBody) => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await client.POST('/api/helpdesk/conversations/{conversationId}/handoff', { params: { path: { conversationId } }, body });
      if (data) onDone(data);
    } catch (e) {
      const problems = problemsOf(e);
      if (problems.length) form.setFields(problems.map((p) => ({ name: p.field as keyof HandOffBody, errors: [p.message] })));
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="转人工：转为诉求，工作人员答复" data-testid="helpdesk-handoff">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        本次对话中的问题将作为诉求内容提交，按诉求办理时限答复。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" size="small" onFinish={submit} requiredMark={false}>
        <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={enterprise ? '联系电话' : '手机号码'}
          rules={[{ required: true, message: enterprise ? '请填写联系电话' : '请填写手机号码' }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        {error !== undefined && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 8 }} />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          提交诉求
        </Button>
      </Form>
    </Card>
  );
}

/** The chat window (open): suggested questions, answers with sources, 👍/👎, 转人工. */
function ChatWindow({ onClose, enterprise }: { onClose: () => void; enterprise: boolean }) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [handingOff, setHandingOff] = useState(false);
  const [handedOff, setHandedOff] = useState<HandOff | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const liveChat = useLiveChatOption(conversationId, turns.at(-1)?.question ?? '');
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [turns, handingOff, handedOff]);

  const askQuestion = async (question: string) => {
    const q = question.trim();
    if (!q || busy) return;
    const id = turns.length + 1;
    setTurns((t) => [...t, { id, question: q }]);
    setText('');
    setBusy(true);
    try {
      const { data } = await client.POST('/api/helpdesk/ask', { body: conversationId ? { question: q, conversationId } : { question: q } });
      if (data?.conversationId) setConversationId(data.conversationId);
      setTurns((t) => t.map((x) => (x.id === id ? { ...x, asked: data } : x)));
    } catch (e) {
      setTurns((t) => t.map((x) => (x.id === id ? { ...x, error: e } : x)));
    } finally {
      setBusy(false);
    }
  };
  const opened = (turn: Turn, key: string) => {
    if (!conversationId || !turn.asked?.questionId) return;
    client
      .POST('/api/helpdesk/conversations/{conversationId}/clicks', {
        params: { path: { conversationId } },
        body: { questionId: turn.asked.questionId, key },
      })
      .catch(() => undefined); // a lost click log must not disturb the asker
  };
  const rate = async (turn: Turn, rating: 'up' | 'down') => {
    if (!conversationId || !turn.asked?.questionId) return;
    setTurns((t) => t.map((x) => (x.id === turn.id ? { ...x, rating } : x)));
    await client
      .POST('/api/helpdesk/conversations/{conversationId}/ratings', {
        params: { path: { conversationId } },
        body: { questionId: turn.asked.questionId, rating },
      })
      .catch(() => undefined);
  };
  const canHandOff = conversationId !== null && !handedOff;

  return (
    <Card
      data-testid="helpdesk-widget"
      role="dialog"
      aria-label="智能客服"
      size="small"
      title={
        <Space>
          <CustomerServiceOutlined />
          智能客服
        </Space>
      }
      extra={<Button type="text" size="small" aria-label="关闭智能客服" icon={<CloseOutlined />} onClick={onClose} />}
      style={{
        position: 'fixed',
        right: 8,
        bottom: 8,
        zIndex: 1000,
        width: 'min(400px, calc(100vw - 16px))',
        height: 'min(600px, calc(100dvh - 16px))',
        display: 'flex',
        flexDirection: 'column',
        boxShadow: '0 6px 24px rgba(0,0,0,0.18)',
      }}
      styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: 0 } }}
    >
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', padding: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="small">
          <Bubble>
            您好，我是营商环境智能客服。回答来自本区实施方案、惠企政策、诉求办理时限和工作日规则，并注明来源。可以试试：
            <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {SUGGESTED.map((s) => (
                <Button key={s} size="small" onClick={() => askQuestion(s)} disabled={busy} style={{ whiteSpace: 'normal', height: 'auto' }}>
                  {s}
                </Button>
              ))}
            </div>
          </Bubble>
          {turns.map((t) => (
            <Space key={t.id} direction="vertical" style={{ width: '100%' }} size={4}>
              <Bubble mine>{t.question}</Bubble>
              {t.error !== undefined && <ErrorAlert error={t.error} />}
              {!t.asked && t.error === undefined && <Bubble>正在查找……</Bubble>}
              {t.asked && (
                <Bubble>
                  <Space direction="vertical" style={{ width: '100%' }} size={6}>
                    {!t.asked.confident && (
                      <Typography.Text type="warning" data-testid="helpdesk-not-sure">
                        抱歉，没有找到有把握的回答{t.asked.answers.length ? '，以下内容可能相关' : ''}。可以点“转人工”，由工作人员答复。
                      </Typography.Text>
                    )}
                    {t.asked.answers.map((a, i) => (
                      <AnswerCard key={a.key} a={a} first={i === 0} onOpen={(key) => opened(t, key)} />
                    ))}
                    {t.asked.questionId !== null && (
                      <Space size={4} wrap>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t.rating ? '感谢您的评价' : '回答有帮助吗？'}
                        </Typography.Text>
                        <Button
                          size="small"
                          type={t.rating === 'up' ? 'primary' : 'default'}
                          aria-label="有帮助"
                          icon={<LikeOutlined />}
                          onClick={() => rate(t, 'up')}
                        />
                        <Button
                          size="small"
                          type={t.rating === 'down' ? 'primary' : 'default'}
                          aria-label="没帮助"
                          icon={<DislikeOutlined />}
                          onClick={() => rate(t, 'down')}
                        />
                      </Space>
                    )}
                  </Space>
                </Bubble>
              )}
            </Space>
          ))}
          {handingOff && conversationId && !handedOff && (
            <HandOffForm
              conversationId={conversationId}
              enterprise={enterprise}
              onDone={(h) => {
                setHandedOff(h);
                setHandingOff(false);
              }}
            />
          )}
          {handedOff && (
            <Alert
              type="success"
              showIcon
              data-testid="helpdesk-handed-off"
              message={`已转为诉求，编号 ${handedOff.number}`}
              description={
                <>
                  {handedOff.queryCode && (
                    <div>
                      查询码：
                      <Typography.Text strong copyable>
                        {handedOff.queryCode}
                      </Typography.Text>
                      （只显示这一次，请保存，凭编号和查询码在“诉求反映”页查询进度）
                    </div>
                  )}
                  {handedOff.topicName && (
                    <div>
                      建议事项：{handedOff.topicName}
                      {handedOff.unitName ? `（${handedOff.unitName}）` : ''}
                    </div>
                  )}
                  <div>工作人员将按诉求办理时限答复{enterprise ? '，可在“我的诉求”查看' : ''}。</div>
                </>
              }
            />
          )}
          <div ref={end} />
        </Space>
      </div>
      <div style={{ borderTop: '1px solid #f0f0f0', padding: 8 }}>
        <Space size={4} wrap style={{ marginBottom: 6 }}>
          <Button
            size="small"
            icon={<UserSwitchOutlined />}
            disabled={!canHandOff || handingOff}
            title={conversationId ? undefined : '请先提一个问题'}
            onClick={() => setHandingOff(true)}
          >
            转人工
          </Button>
          {liveChat}
        </Space>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label="您的问题"
            placeholder="请输入您的问题"
            value={text}
            maxLength={300}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => askQuestion(text)}
          />
          <Button type="primary" icon={<SendOutlined />} aria-label="发送" loading={busy} onClick={() => askQuestion(text)} />
        </Space.Compact>
      </div>
    </Card>
  );
}

/**
 * The 智能客服 chat window on every page a visitor sees and in the enterprise pages: a floating button opens it; the
 * conversation lasts as long as the window (navigating keeps it; a reload starts a new one).
 */
export function HelpdeskWidget() {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (user && user.role !== 'enterprise') return null;
  return (
    <>
      {!open && (
        <FloatButton
          type="primary"
          icon={<CustomerServiceOutlined />}
          description="客服"
          shape="square"
          aria-label="智能客服"
          data-testid="helpdesk-open"
          onClick={() => setOpen(true)}
          style={{ insetInlineEnd: 16, insetBlockEnd: 16 }}
        />
      )}
      {/* Kept mounted while closed: the conversation survives closing and reopening. */}
      <div style={{ display: open ? undefined : 'none' }}>
        <ChatWindow onClose={() => setOpen(false)} enterprise={user?.role === 'enterprise'} />
      </div>
    </>
  );
}
