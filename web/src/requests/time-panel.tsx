import { App, Button, Card, DatePicker, Descriptions, Input, InputNumber, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { client, queryClient } from '../api.js';
import { EXTENSION_DAYS, HOLD_KINDS, RATINGS, type HoldKind, type Rating } from '../../../src/requests/core/index.js';
import { errorText, type RequestDetail } from './common.js';

async function refresh() {
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/{requestId}'] });
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
}

/** Runs a write, shows its result or its error, refreshes the request. */
function useWrite() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: async (fn: () => Promise<unknown>, done: string) => {
      setBusy(true);
      try {
        await fn();
        message.success(done);
        await refresh();
        return true;
      } catch (e) {
        message.error(errorText(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

const HOLD_STATE_COLORS: Record<string, string> = { 待审批: 'orange', 已批准: 'green', 未同意: 'default', 已恢复: 'blue' };

/** Facts of the handling time: suspensions and extensions, 催办, supervision orders, the call back. */
function TimeFacts({ r }: { r: RequestDetail }) {
  const items = [
    ...(r.suspendedDays ? [{ label: '挂起扣除', children: `${r.suspendedDays} 个工作日` }] : []),
    ...(r.extendedDays ? [{ label: '批准延期', children: `${r.extendedDays} 个工作日` }] : []),
    ...(r.urges ? [{ label: '催办', children: `${r.urges} 次` }] : []),
    ...(r.orders.length
      ? [
          {
            label: '督办单',
            children: (
              <Space wrap>
                {r.orders.map((o) => (
                  <Link key={o.orderId} to={o.link} data-testid="request-order">
                    {o.number}（{o.raisedOn}）
                  </Link>
                ))}
              </Space>
            ),
          },
        ]
      : []),
    ...(r.callback ? [{ label: '电话回访', children: `${r.callback.by}，${dayjs(r.callback.at).format('YYYY-MM-DD HH:mm')}` }] : []),
  ];
  if (!items.length && !r.holds.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {items.length > 0 && <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />}
      {r.holds.map((h) => (
        <div key={h.id} data-testid="hold" style={{ overflowWrap: 'anywhere' }}>
          <Tag color={HOLD_STATE_COLORS[h.state]}>
            {h.kind}
            {h.kind === '延期' && h.days ? ` ${h.days} 个工作日` : ''}：{h.state}
          </Tag>
          <Typography.Text type="secondary">
            {h.askedOn} {h.askedBy}申请
            {h.decidedOn ? `，${h.decidedOn} ${h.decidedBy ?? ''}审批` : ''}
            {h.endedOn ? `，${h.endedOn} 恢复（扣除 ${h.days ?? 0} 个工作日）` : ''}
          </Typography.Text>
          <div>理由：{h.reason}</div>
          {h.decisionNote && <div>审批意见：{h.decisionNote}</div>}
        </div>
      ))}
    </Space>
  );
}

/** The unit asks for 挂起 (waiting for the enterprise) or 延期 (N working days). */
function HoldAsk({ r }: { r: RequestDetail }) {
  const w = useWrite();
  const [kind, setKind] = useState<HoldKind>('挂起');
  const [days, setDays] = useState<number | null>(3);
  const [reason, setReason] = useState('');
  const submit = () =>
    w
      .run(
        () =>
          client.POST('/api/requests/{requestId}/holds', {
            params: { path: { requestId: r.id } },
            body: { kind, reason, days: kind === '延期' ? (days ?? undefined) : undefined },
          }),
        `已提交${kind}申请，待营商办审批`,
      )
      .then((ok) => ok && setReason(''));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">挂起或延期须经营商办同意；挂起期间暂停计时，恢复办理后答复期限按挂起的工作日顺延。</Typography.Text>
      <Space wrap>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={HOLD_KINDS.map((k) => ({ value: k, label: `申请${k}` }))}
          data-testid="hold-kind"
        />
        {kind === '延期' && (
          <InputNumber min={EXTENSION_DAYS.min} max={EXTENSION_DAYS.max} value={days} onChange={setDays} addonAfter="个工作日" data-testid="hold-days" />
        )}
      </Space>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={kind === '挂起' ? '挂起理由，如：等待企业补充材料' : '延期理由'}
        data-testid="hold-reason"
      />
      <Button onClick={submit} loading={w.busy} disabled={!reason.trim()}>
        提交申请
      </Button>
    </Space>
  );
}

/** The office approves or refuses the open ask. */
function HoldDecision({ r }: { r: RequestDetail }) {
  const w = useWrite();
  const [note, setNote] = useState('');
  const pending = r.holds.find((h) => h.state === '待审批');
  if (!pending) return null;
  const decide = (approve: boolean) =>
    w.run(
      () => client.POST('/api/requests/{requestId}/holds/decision', { params: { path: { requestId: r.id } }, body: { approve, note: note || undefined } }),
      approve ? `已同意${pending.kind}` : `已不同意${pending.kind}`,
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>
        承办单位申请{pending.kind}
        {pending.kind === '延期' ? ` ${pending.days} 个工作日` : ''}：{pending.reason}
      </Typography.Text>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="审批意见（不同意时必填）"
        data-testid="hold-note"
      />
      <Space wrap>
        <Button type="primary" onClick={() => decide(true)} loading={w.busy}>
          同意{pending.kind}
        </Button>
        <Button onClick={() => decide(false)} loading={w.busy}>
          不同意
        </Button>
      </Space>
    </Space>
  );
}

/** The office: 催办 and one click for a supervision order on the unit. */
function OfficeUrge({ r, order }: { r: RequestDetail; order: boolean }) {
  const w = useWrite();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const raise = async () => {
    try {
      const o = (await client.POST('/api/ledger/orders/from-request/{requestId}', { params: { path: { requestId: r.id } }, body: {} })).data!;
      message.success(`已向${r.unitName ?? '承办单位'}下发督办单 ${o.number}`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="催办意见" data-testid="urge-note" />
      <Space wrap>
        <Button
          onClick={() =>
            w
              .run(() => client.POST('/api/requests/{requestId}/urge', { params: { path: { requestId: r.id } }, body: { note } }), '已催办')
              .then((ok) => ok && setNote(''))
          }
          loading={w.busy}
          disabled={!note.trim()}
        >
          催办{r.urges ? `（已催办 ${r.urges} 次）` : ''}
        </Button>
        {order && (
          <Popconfirm
            title={`向${r.unitName ?? '承办单位'}下发督办单？`}
            description="督办单关联本诉求，承办单位须在 3 个工作日内反馈。"
            onConfirm={raise}
            okText="下发"
            cancelText="取消"
          >
            <Button danger data-testid="raise-order">
              发督办单
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Space>
  );
}

/** Staff record the rating given on a call back (电话回访) for a request filed by staff. */
function CallbackForm({ r }: { r: RequestDetail }) {
  const w = useWrite();
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const [at, setAt] = useState<Dayjs | null>(dayjs());
  const submit = () =>
    rating &&
    at &&
    w.run(
      () =>
        client.POST('/api/requests/{requestId}/callback', {
          params: { path: { requestId: r.id } },
          body: { rating, comment: comment || undefined, calledAt: at.toISOString() },
        }),
      rating === '不满意' ? '已登记，诉求退回承办单位重办' : '已登记回访评价，诉求办结',
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>回访时间</span>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} allowClear={false} data-testid="callback-at" />
      </Space>
      <Radio.Group
        value={rating}
        onChange={(e) => setRating(e.target.value)}
        options={RATINGS.map((x) => ({ value: x, label: x }))}
        data-testid="callback-rating"
      />
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={rating === '不满意' ? '不满意的原因（必填），承办单位将据此重办' : '企业的意见（选填）'}
        data-testid="callback-comment"
      />
      <Button type="primary" onClick={submit} loading={w.busy} disabled={!rating || !at}>
        登记回访评价
      </Button>
    </Space>
  );
}

/** The handling-time card of a request's page: facts, and each side's buttons (see time-read.ts on the server). */
export function TimePanel({ r }: { r: RequestDetail }) {
  const w = useWrite();
  const a = new Set(r.timeActions);
  const facts = <TimeFacts r={r} />;
  if (!a.size && !r.suspendedDays && !r.extendedDays && !r.urges && !r.orders.length && !r.callback && !r.holds.length) return null;
  return (
    <Card size="small" title="时限与督办" data-testid="time-panel">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {facts}
        {a.has('decide') && <HoldDecision r={r} />}
        {a.has('resume') && (
          <Button
            type="primary"
            loading={w.busy}
            onClick={() =>
              w.run(() => client.POST('/api/requests/{requestId}/resume', { params: { path: { requestId: r.id } }, body: {} }), '已恢复办理，答复期限已顺延')
            }
          >
            恢复办理
          </Button>
        )}
        {a.has('hold') && <HoldAsk r={r} />}
        {a.has('urge') && <OfficeUrge r={r} order={a.has('order')} />}
        {a.has('callback') && <CallbackForm r={r} />}
      </Space>
    </Card>
  );
}
