import { Alert, Card, Col, Empty, List, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { NeedLogin, planWaiting, usePlan, useRoles } from './common.js';
import { PlanAsOf } from './plan-as-of.js';
import { InstructionItem } from './instructions.js';

type LeaderView = ApiResponse<'/api/ledger/plans/{planId}/leader'>;

/** 领导视图: the red tasks, overdue orders, the latest bulletin, the units ranked, and the leader's 批示 with answers. */
export function LeaderPage() {
  const { user } = useRoles();
  const allowed = !!user && ['leader', 'office', 'admin'].includes(user.role);
  const planState = usePlan();
  const { plan } = planState;
  const view = $api.useQuery('get', '/api/ledger/plans/{planId}/leader', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: allowed && !!plan });
  if (!user) return <NeedLogin />;
  if (!allowed) return <Alert type="info" showIcon message="“领导视图”供区领导和营商办使用" />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return <QueryState query={view}>{(v) => <LeaderView v={v} />}</QueryState>;
}

function LeaderView({ v }: { v: LeaderView }) {
  const { user } = useRoles();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
        领导视图
      </Typography.Title>
      <PlanAsOf shown={v.asOf} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="改革任务" value={v.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="总体进度" value={v.progress ?? 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="红灯任务" value={v.red.length} valueStyle={{ color: '#f5222d' }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="逾期督办单" value={v.overdueOrders.length} valueStyle={v.overdueOrders.length ? { color: '#f5222d' } : undefined} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={`红灯任务（${v.red.length}）`} data-testid="leader-red">
            <List
              size="small"
              pagination={v.red.length > 8 ? { pageSize: 8, size: 'small' } : false}
              dataSource={v.red}
              locale={{ emptyText: '没有红灯任务' }}
              renderItem={(r) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Link to={`/ledger/tasks/${r.taskId}`}>
                      任务{r.code} {r.title}
                    </Link>
                    <Typography.Text type="secondary">
                      {r.units} · {r.reasons}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="最新通报" data-testid="leader-bulletin">
              {v.bulletin ? (
                <Space direction="vertical" size={4}>
                  <Link to={`/ledger/bulletins/${v.bulletin.id}`}>{v.bulletin.title}</Link>
                  <Typography.Text type="secondary">
                    {v.bulletin.docNumber} · {v.bulletin.asOf}
                  </Typography.Text>
                  <span>
                    任务 {v.bulletin.tasks} 项，总体进度 {v.bulletin.progress ?? 0}%，滞后 {v.bulletin.lagging} 项
                  </span>
                </Space>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无通报" />
              )}
            </Card>
            <Card size="small" title={`逾期督办单（${v.overdueOrders.length}）`} data-testid="leader-orders">
              <List
                size="small"
                dataSource={v.overdueOrders}
                locale={{ emptyText: '没有逾期督办单' }}
                renderItem={(o) => (
                  <List.Item>
                    <Space wrap size={[8, 0]}>
                      <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link>
                      <span>{o.unitName}</span>
                      <Tag color="red">{o.daysOverdue ? `逾期 ${o.daysOverdue} 个工作日` : '逾期'}</Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <EscalatedRequests v={v} />
          </Space>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`单位排名（${v.ranking.year}年度考核，截至 ${v.ranking.asOf}）`} data-testid="leader-ranking">
            <Table
              size="small"
              rowKey="unitId"
              pagination={v.ranking.units.length > 10 ? { pageSize: 10, size: 'small' } : false}
              dataSource={v.ranking.units}
              scroll={{ x: true }}
              columns={[
                { title: '名次', dataIndex: 'rank', width: 60 },
                { title: '单位', dataIndex: 'unitName' },
                { title: '得分', width: 160, render: (_, u) => <Progress percent={u.score} size="small" format={() => u.score.toFixed(1)} /> },
              ]}
            />
            <Link to="/ledger/assessment">查看考核明细</Link>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={user?.role === 'leader' ? '我的批示' : '领导批示'} data-testid="leader-instructions">
            <List
              size="small"
              dataSource={v.instructions}
              locale={{ emptyText: '尚无批示（可在任务、督办单、通报页面批示）' }}
              renderItem={(i) => <List.Item>{<InstructionItem i={i} showTarget />}</List.Item>}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** Open 问题工单 (requests reopened or transferred 3 times, 提级督办), from the requests' read function. */
function EscalatedRequests({ v }: { v: LeaderView }) {
  return (
    <Card
      size="small"
      title={`问题工单（${v.escalatedRequests.length}）`}
      extra={<Link to="/requests?escalated=yes">诉求工作台</Link>}
      data-testid="leader-escalated"
    >
      <List
        size="small"
        dataSource={v.escalatedRequests}
        locale={{ emptyText: '没有未办结的问题工单' }}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Link to={r.link} style={{ overflowWrap: 'anywhere' }}>
                {r.subject}
              </Link>
              <Space wrap size={[8, 0]}>
                <Typography.Text type="secondary">{r.number}</Typography.Text>
                <span>{r.unitName ?? '待派单'}</span>
                {r.reopens > 0 && <Tag color="volcano">重办 {r.reopens} 次</Tag>}
                {r.transfers > 0 && <Tag color="magenta">退单 {r.transfers} 次</Tag>}
                {r.overdue && <Tag color="red">逾期</Tag>}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
