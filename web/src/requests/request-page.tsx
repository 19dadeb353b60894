import { App, Button, Card, Descriptions, Input, Radio, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { useSession } from '../auth/session.js';
import { QueryState } from '../shared/query-state.js';
import { RATINGS, REQUEST_ACTIONS, REQUEST_STAGES, STAGE_INFO, type Rating } from '../../../src/requests/core/index.js';
import { RequestAttachments } from './attachments.js';
import { DueText, errorText, RequestTimeline, StageTag, type RequestDetail } from './common.js';
import { DispatchCard } from './dispatch-card.js';
import { TimePanel } from './time-panel.js';

type Step = 'route' | 'sign' | 'return' | 'note' | 'answer';

async function refresh() {
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/{requestId}'] });
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
}

/** The office routes a request to a unit (派单). */
function RouteCard({ r }: { r: RequestDetail }) {
  const { message } = App.useApp();
  const units = $api.useQuery('get', '/api/plan/units', {});
  const [unitId, setUnitId] = useState<number>();
  const route = async () => {
    try {
      await client.POST('/api/requests/{requestId}/actions', { params: { path: { requestId: r.id } }, body: { action: 'route', unitId } });
      message.success('已派单');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title={r.transfers > 0 ? `重新派单（已退单 ${r.transfers} 次）` : '派单'}>
      <Space wrap>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder="选择承办单位"
          style={{ width: 260, maxWidth: '100%' }}
          value={unitId}
          onChange={setUnitId}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="route-unit"
        />
        <Button type="primary" onClick={route} disabled={!unitId}>
          派单
        </Button>
      </Space>
    </Card>
  );
}

/** The routed unit: 签收, 退单 (with a reason), 办理记录, 答复. */
function UnitCard({ r }: { r: RequestDetail }) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const steps = r.actions.filter((a): a is Exclude<Step, 'route'> => a === 'sign' || a === 'return' || a === 'note' || a === 'answer');
  const act = async (action: Exclude<Step, 'route'>) => {
    try {
      await client.POST('/api/requests/{requestId}/actions', { params: { path: { requestId: r.id } }, body: { action, note: note || undefined } });
      message.success(`已${REQUEST_ACTIONS[action].label}`);
      setNote('');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const needsText = steps.some((a) => a !== 'sign');
  return (
    <Card size="small" title="办理">
      <Space direction="vertical" style={{ width: '100%' }}>
        {needsText && (
          <Input.TextArea
            rows={3}
            maxLength={5000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={r.stage === '派单' ? '退单时请填写理由（派错单位的，签收期限内可退单）' : '答复内容或办理情况'}
            data-testid="unit-note"
          />
        )}
        <Space wrap>
          {steps.map((a) => (
            <Button key={a} type={a === 'sign' || a === 'answer' ? 'primary' : 'default'} danger={a === 'return'} onClick={() => act(a)}>
              {a === 'note' ? '记录办理情况' : REQUEST_ACTIONS[a].label}
            </Button>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

/** The enterprise rates the answer; 不满意 (with a reason) sends it back to the unit. */
function RateCard({ r }: { r: RequestDetail }) {
  const { message } = App.useApp();
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const rate = async () => {
    if (!rating) return;
    try {
      const res = (
        await client.POST('/api/requests/{requestId}/rating', { params: { path: { requestId: r.id } }, body: { rating, comment: comment || undefined } })
      ).data!;
      message.success(res.reopened ? '已退回承办单位重新办理' : '感谢评价，诉求已办结');
      setComment('');
      setRating(undefined);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title="评价答复">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={rating} onChange={(e) => setRating(e.target.value)} options={RATINGS.map((x) => ({ value: x, label: x }))} data-testid="rating" />
        <Input.TextArea
          rows={2}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={rating === '不满意' ? '请说明不满意的原因，承办单位将据此重新办理' : '意见或建议（选填）'}
          data-testid="rating-comment"
        />
        <Button type="primary" onClick={rate} disabled={!rating}>
          提交评价
        </Button>
      </Space>
    </Card>
  );
}

/** One request: its facts, the current deadline, the steps the user may take and the timeline. */
export function RequestPage() {
  const { requestId } = useParams();
  const { user } = useSession();
  const id = Number(requestId);
  const request = $api.useQuery('get', '/api/requests/{requestId}', { params: { path: { requestId: id } } }, { enabled: !!user && id > 0 });
  return (
    <QueryState query={request}>
      {(r) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Link to={user?.role === 'enterprise' ? '/requests/mine' : '/requests'}>← {user?.role === 'enterprise' ? '我的诉求' : '诉求工作台'}</Link>
            <Typography.Title level={4} style={{ margin: '8px 0 0', overflowWrap: 'anywhere' }}>
              {r.subject}
            </Typography.Title>
            <Typography.Text type="secondary">{r.number}</Typography.Text>
          </div>
          <Steps size="small" responsive current={REQUEST_STAGES.indexOf(r.stage)} items={REQUEST_STAGES.map((s) => ({ title: STAGE_INFO[s].label }))} />
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { label: '状态', children: <StageTag r={r} /> },
                { label: '期限', children: <DueText r={r} /> },
                { label: '类别', children: r.category },
                { label: '渠道', children: r.channel },
                { label: '企业', children: r.enterpriseName ?? '—' },
                { label: '联系人', children: `${r.contactName} ${r.contactPhone}` },
                { label: '承办单位', children: r.unitName ?? '—' },
                { label: '受理日期', children: r.filedOn },
                { label: '诉求内容', span: 2, children: <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{r.description}</div> },
                ...(r.answer
                  ? [
                      {
                        label: r.stage === '办理' ? '上次答复' : '答复',
                        span: 2,
                        children: (
                          <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="answer">
                            {r.answer}
                          </div>
                        ),
                      },
                    ]
                  : []),
                ...(r.rating ? [{ label: '评价', span: 2, children: `${r.rating}${r.ratingComment ? `：${r.ratingComment}` : ''}` }] : []),
              ]}
            />
            <RequestAttachments requestId={r.id} />
          </Card>
          {r.actions.includes('route') && <DispatchCard r={r} fallback={<RouteCard r={r} />} />}
          {r.actions.some((a) => a === 'sign' || a === 'return' || a === 'note' || a === 'answer') && <UnitCard r={r} />}
          {r.actions.includes('rate') && <RateCard r={r} />}
          <TimePanel r={r} />
          <Card size="small" title="办理过程">
            <RequestTimeline r={r} />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
