import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { NeedLogin, planWaiting, usePlan, useRoles } from './common.js';
import { PlanAsOf } from './plan-as-of.js';
import { InstructionItem } from './instructions.js';

type Todo = ApiResponse<'/api/ledger/plans/{planId}/todo'>;

/** "还有 N 个工作日" / "今天到期" / "已逾期 N 个工作日" as a coloured tag. */
export function DaysLeft({ days, overdue }: { days: number | null; overdue?: boolean }) {
  if (days === null) return overdue ? <Tag color="red">已逾期</Tag> : null;
  if (days < 0 || overdue) return <Tag color="red">{days < 0 ? `已逾期 ${-days} 个工作日` : '已逾期'}</Tag>;
  if (days === 0) return <Tag color="orange">今天到期</Tag>;
  return <Tag color={days <= 3 ? 'gold' : 'blue'}>还有 {days} 个工作日</Tag>;
}

function Section({ title, count, children, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  return (
    <Card size="small" title={`${title}（${count}）`} data-testid={testId}>
      {count ? children : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待办" />}
    </Card>
  );
}

/** 我的待办: what a unit's staff owe now (the landing page of unit staff). */
export function TodoPage() {
  const { user, isUnit } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const todo = $api.useQuery('get', '/api/ledger/plans/{planId}/todo', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: isUnit && !!plan });
  if (!user) return <NeedLogin />;
  if (!isUnit) return <Alert type="info" showIcon message="“我的待办”供单位工作人员使用" />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return <QueryState query={todo}>{(d) => <TodoView d={d} />}</QueryState>;
}

function TodoView({ d }: { d: Todo }) {
  const overdue = d.owed.filter((o) => o.overdue).length + d.orders.filter((o) => o.overdue).length + d.requests.filter((r) => r.overdue).length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
        我的待办
      </Typography.Title>
      <PlanAsOf shown={d.asOf} />
      <Typography.Text type="secondary">
        {d.units.join('、')}
        {d.cycle && (
          <>
            {' '}
            · 本期 {d.cycle.label}进展报告截止 {d.cycle.dueOn} <DaysLeft days={d.cycle.daysLeft} />
          </>
        )}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {[
          ['应报送', d.owed.length],
          ['被退回', d.returned.length],
          ['督办单', d.orders.length],
          ['企业诉求', d.requests.length],
          ['待答复批示', d.instructions.length],
          ['已逾期', overdue],
        ].map(([label, n]) => (
          <Col key={label} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title={label} value={n} valueStyle={label === '已逾期' && Number(n) > 0 ? { color: '#f5222d' } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Section title="应报送的进展报告" count={d.owed.length} testId="todo-owed">
        <List
          size="small"
          dataSource={d.owed}
          renderItem={(o) => (
            <List.Item>
              <Space wrap size={[8, 4]}>
                <Link to={`/ledger/tasks/${o.taskId}`} data-testid={`todo-owed-${o.code}`}>
                  任务{o.code} {o.title}
                </Link>
                <span>
                  {o.cycleLabel} · 截止 {o.dueOn}
                </span>
                <DaysLeft days={o.daysLeft} overdue={o.overdue} />
              </Space>
            </List.Item>
          )}
        />
      </Section>
      <Section title="被退回、待重新报送的报告" count={d.returned.length} testId="todo-returned">
        <List
          size="small"
          dataSource={d.returned}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Link to={`/ledger/reports/${r.reportId}`}>
                  任务{r.code} {r.title}（{r.cycleLabel}）
                </Link>
                {r.comment && <Typography.Text type="warning">退回意见：{r.comment}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Section>
      <Section title="待签收、待反馈的督办单" count={d.orders.length} testId="todo-orders">
        <List
          size="small"
          dataSource={d.orders}
          renderItem={(o) => (
            <List.Item>
              <Space wrap size={[8, 4]}>
                <Tag color={o.todo === 'sign' ? 'processing' : 'warning'}>{o.todo === 'sign' ? '待签收' : '待反馈'}</Tag>
                <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link>
                <span>{o.taskTitle}</span>
                {o.replyDue && <span>反馈期限 {o.replyDue}</span>}
                <DaysLeft days={o.daysLeft} overdue={o.overdue} />
              </Space>
            </List.Item>
          )}
        />
      </Section>
      <Section title="待签收、待答复的企业诉求" count={d.requests.length} testId="todo-requests">
        <List
          size="small"
          dataSource={d.requests}
          renderItem={(r) => (
            <List.Item>
              <Space wrap size={[8, 4]}>
                <Tag color={r.todo === 'sign' ? 'processing' : 'warning'}>{r.todo === 'sign' ? '待签收' : '待答复'}</Tag>
                <Link to={`/requests/${r.id}`}>{r.number}</Link>
                <span>{r.subject}</span>
                {r.reopens > 0 && <Tag color="volcano">重办</Tag>}
                <span>
                  {r.todo === 'sign' ? '签收' : '答复'}期限 {r.due}
                </span>
                <DaysLeft days={r.daysLeft} overdue={r.overdue} />
              </Space>
            </List.Item>
          )}
        />
      </Section>
      <Section title="待答复的领导批示" count={d.instructions.length} testId="todo-instructions">
        <List size="small" dataSource={d.instructions} renderItem={(i) => <List.Item>{<InstructionItem i={i} showTarget />}</List.Item>} />
      </Section>
    </Space>
  );
}
