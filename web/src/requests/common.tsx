import { Card, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ApiResponse } from '../api.js';
import { problemsOf } from '../shared/problems.js';
import { errorText as requestErrorText } from '../shared/query-state.js';
import { STAGE_INFO, type RequestStage } from '../../../src/requests/core/index.js';

export type RequestSummary = ApiResponse<'/api/requests/'>['items'][number];
export type RequestDetail = ApiResponse<'/api/requests/{requestId}'>;

const STAGE_COLORS: Record<RequestStage, string> = { 受理: 'geekblue', 派单: 'orange', 办理: 'blue', 答复: 'cyan', 办结: 'green' };

/** A failed write's message with the fields it names (e.g. 联系电话：请填写正确的手机号). */
export function errorText(e: unknown): string {
  const d = problemsOf(e)
    .map((p) => p.message)
    .join('；');
  const base = requestErrorText(e);
  return d && !base.includes(d) ? `${base}（${d}）` : base;
}

export function StageTag({ r }: { r: Pick<RequestSummary, 'stage' | 'escalated' | 'reopens'> & { suspendedOn?: string | null } }) {
  return (
    <span>
      <Tag color={STAGE_COLORS[r.stage]} data-testid="stage">
        {STAGE_INFO[r.stage].label}
      </Tag>
      {r.reopens > 0 && <Tag color="volcano">重办 {r.reopens} 次</Tag>}
      {r.suspendedOn && <Tag color="gold">已挂起</Tag>}
      {r.escalated && <Tag color="red">问题工单</Tag>}
    </span>
  );
}

/** The deadline that matters now (sign or answer) with 逾期 when passed. */
export function DueText({ r }: { r: RequestSummary }) {
  if (r.stage === '派单')
    return (
      <span>
        {r.signDue} 前签收
        {r.signOverdue && (
          <Tag color="red" style={{ marginLeft: 4 }}>
            逾期
          </Tag>
        )}
      </span>
    );
  if (r.stage === '办理' && r.suspendedOn)
    return (
      <span>
        <Tag color="gold">已挂起</Tag>
        {r.suspendedOn} 起暂停计时（恢复办理后答复期限 {r.answerDue} 顺延）
      </span>
    );
  if (r.stage === '办理')
    return (
      <span>
        {r.answerDue} 前答复
        {r.answerOverdue && (
          <Tag color="red" style={{ marginLeft: 4 }}>
            逾期
          </Tag>
        )}
      </span>
    );
  if (r.stage === '办结') return <span>{r.closedOn} 办结</span>;
  if (r.stage === '答复') return <span>{r.answeredOn} 已答复</span>;
  return <span>{STAGE_INFO[r.stage].waitingFor}</span>;
}

/** The request's timeline: day, step, who, note. */
export function RequestTimeline({ r }: { r: RequestDetail }) {
  return (
    <Timeline
      data-testid="timeline"
      items={r.timeline.map((e) => ({
        color: e.action === 'reopen' || e.action === 'return' ? 'red' : e.action === 'answer' ? 'green' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{e.label}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {e.onDay} · {e.actor}
              {e.unitName && e.action === 'route' ? ` → ${e.unitName}` : ''}
            </Typography.Text>
            {e.note && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/**
 * The requests a person filed (我的诉求 of an enterprise, 我反映的问题 of a 监督员): cards of one page of
 * `GET /api/requests/`, each opening its timeline.
 */
export function OwnRequestList({
  data,
  onPage,
  empty,
  testId,
}: {
  data: ApiResponse<'/api/requests/'>;
  onPage: (page: number) => void;
  empty: string;
  testId: string;
}) {
  if (data.total === 0) return <Empty description={empty} />;
  return (
    <List
      data-testid={testId}
      dataSource={data.items}
      pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, onChange: onPage, showTotal: (n) => `共 ${n} 件` }}
      renderItem={(r) => (
        <List.Item style={{ padding: '6px 0' }}>
          <Card size="small" style={{ width: '100%' }}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Link to={`/requests/${r.id}`} style={{ overflowWrap: 'anywhere' }}>
                {r.subject}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.number} · {r.category} · {r.filedOn} 提交{r.unitName ? ` · 承办：${r.unitName}` : ''}
              </Typography.Text>
              <Space wrap size={4}>
                <StageTag r={r} />
                <DueText r={r} />
                {r.rating && <Typography.Text>评价：{r.rating}</Typography.Text>}
              </Space>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
