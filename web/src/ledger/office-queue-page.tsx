import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Grid, Input, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { errorText, Flags, Light, NeedLogin, planWaiting, usePlan, useRoles } from './common.js';
import { PlanAsOf } from './plan-as-of.js';

type Queue = ApiResponse<'/api/ledger/plans/{planId}/work-queue'>;

/** 工作队列 of the office: reports to review (several at once), orders awaiting 复核, flags raised today. */
export function OfficeQueuePage() {
  const { user, isOffice } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const queue = $api.useQuery('get', '/api/ledger/plans/{planId}/work-queue', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: isOffice && !!plan });
  if (!user) return <NeedLogin />;
  if (!isOffice) return <Alert type="info" showIcon message="“工作队列”供营商办使用" />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  return <QueryState query={queue}>{(q) => <QueueView q={q} />}</QueryState>;
}

function QueueView({ q }: { q: Queue }) {
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const narrow = !Grid.useBreakpoint().md;
  const review = async (outcome: 'accept' | 'return') => {
    setBusy(true);
    try {
      const { data } = await client.POST('/api/ledger/reports/review', { body: { reportIds: selected, outcome, comment: comment || undefined } });
      message.success(`${outcome === 'accept' ? '已通过' : '已退回'} ${data?.reviewed ?? selected.length} 份报告`);
      setSelected([]);
      setComment('');
      await Promise.all(
        ['/api/ledger/plans/{planId}/work-queue', '/api/ledger/reports', '/api/ledger/plans/{planId}/dashboard', '/api/ledger/plans/{planId}/tasks'].map(
          (path) => queryClient.invalidateQueries({ queryKey: ['get', path] }),
        ),
      );
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
        工作队列
      </Typography.Title>
      <PlanAsOf shown={q.asOf} />
      <Card size="small" title={`待审核的进展报告（${q.toReview.length}）`} data-testid="queue-reports">
        <Space direction="vertical" style={{ width: '100%' }}>
          {narrow ? (
            // At a phone's width: one card a report, with its checkbox.
            <List
              size="small"
              dataSource={q.toReview}
              locale={{ emptyText: '没有待审核的报告' }}
              renderItem={(r) => (
                <List.Item>
                  <Checkbox
                    checked={selected.includes(r.reportId)}
                    onChange={(e) => setSelected(e.target.checked ? [...selected, r.reportId] : selected.filter((x) => x !== r.reportId))}
                  >
                    <Space direction="vertical" size={0}>
                      <Link to={`/ledger/reports/${r.reportId}`} data-testid={`queue-report-${r.code}`}>
                        任务{r.code} {r.title}
                      </Link>
                      <Typography.Text type="secondary">
                        {r.unit} · {r.cycleLabel} · 第{r.version}版{r.progress === null ? '' : ` · 进度 ${r.progress}%`}
                        {!r.onTime && ' · 逾期'}
                      </Typography.Text>
                    </Space>
                  </Checkbox>
                </List.Item>
              )}
            />
          ) : (
            <Table
              size="small"
              rowKey="reportId"
              dataSource={q.toReview}
              pagination={q.toReview.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: true }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 70 },
                {
                  title: '任务',
                  render: (_, r) => (
                    <Link to={`/ledger/reports/${r.reportId}`} data-testid={`queue-report-${r.code}`}>
                      {r.title}
                    </Link>
                  ),
                },
                { title: '报送单位', dataIndex: 'unit', width: 140 },
                { title: '周期', dataIndex: 'cycleLabel', width: 100 },
                { title: '进度', width: 70, render: (_, r) => (r.progress === null ? '—' : `${r.progress}%`) },
                {
                  title: '报送',
                  width: 150,
                  render: (_, r) => (
                    <span>
                      第{r.version}版{r.submittedAt ? ` · ${new Date(r.submittedAt).toLocaleDateString('zh-CN')}` : ''}
                      {!r.onTime && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          逾期
                        </Tag>
                      )}
                    </span>
                  ),
                },
              ]}
            />
          )}
          <Space wrap align="start">
            <Input.TextArea
              rows={2}
              maxLength={2000}
              placeholder="审核意见（对所选报告统一适用，退回时必填）"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              style={{ width: 'min(420px, 80vw)' }}
              data-testid="bulk-comment"
            />
            <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => review('accept')} data-testid="bulk-accept">
              通过所选（{selected.length}）
            </Button>
            <Button danger disabled={!selected.length || !comment.trim()} loading={busy} onClick={() => review('return')} data-testid="bulk-return">
              退回所选
            </Button>
          </Space>
        </Space>
      </Card>
      <Card size="small" title={`待复核的督办单（${q.ordersToReview.length}）`} data-testid="queue-orders">
        <List
          size="small"
          dataSource={q.ordersToReview}
          locale={{ emptyText: '没有待复核的督办单' }}
          renderItem={(o) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space wrap size={[8, 0]}>
                  <Link to={`/ledger/orders/${o.id}`}>{o.number}</Link>
                  <span>{o.unitName}</span>
                  <span>{o.taskTitle}</span>
                  {o.repliedOn && <Typography.Text type="secondary">{o.repliedOn} 反馈</Typography.Text>}
                </Space>
                {o.reply && <Typography.Text type="secondary">办理情况：{o.reply}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={`今日新增预警（${q.flagsToday.length}）`} data-testid="queue-flags">
        <List
          size="small"
          dataSource={q.flagsToday}
          locale={{ emptyText: '今日没有新增预警' }}
          renderItem={(t) => (
            <List.Item>
              <Space wrap size={[8, 4]}>
                <Light light={t.light} />
                <Link to={`/ledger/tasks/${t.taskId}`}>
                  任务{t.code} {t.title}
                </Link>
                <span>{t.units.join('、')}</span>
                <Flags flags={t.flags} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
