import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Space, Switch, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { PlayCircleOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { dailyCron, RUN_STATUS_INFO } from '../../../src/jobs/core/index.js';
import { when } from './run-progress.js';

type Overview = ApiResponse<'/api/jobs/overview', 'get'>;
type Schedule = Overview['schedules'][number];
type Run = Overview['runs'][number];

const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/jobs/overview'] });

function StatusTag({ run }: { run: Run }) {
  const s = RUN_STATUS_INFO[run.status];
  return <Tag color={s.color}>{s.label}</Tag>;
}

/** What a run did: its summary, the units reached, or its error. */
function RunOutcome({ run }: { run: Run }) {
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      {run.result && <Typography.Text>{run.result.text}</Typography.Text>}
      {!!run.result?.recipients?.length && (
        <Flex wrap gap={4}>
          {run.result.recipients.map((r) => (
            <Tag key={r.name}>
              {r.name} {r.count} 条
            </Tag>
          ))}
        </Flex>
      )}
      {run.error && <Typography.Text type="danger">{run.error}</Typography.Text>}
    </Space>
  );
}

function ScheduleCard({ s }: { s: Schedule }) {
  const { message } = App.useApp();
  const [time, setTime] = useState(s.time ?? '');
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { name: s.name } } };
  const cron = dailyCron(time);
  const open = s.lastRun && (s.lastRun.status === 'queued' || s.lastRun.status === 'running');
  return (
    <Card
      size="small"
      data-testid={`schedule-${s.name}`}
      title={<span style={{ whiteSpace: 'normal' }}>{s.label}</span>}
      extra={<Tag color={s.enabled ? 'green' : 'default'}>{s.enabled ? '已启用' : '已停用'}</Tag>}
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">执行时间：</Typography.Text>
          {s.timeText}
          <Typography.Text type="secondary">（北京时间）</Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">下次运行：</Typography.Text>
          {s.enabled ? when(s.nextRunAt) : '已停用，不会自动运行'}
        </div>
        <div>
          <Typography.Text type="secondary">上次运行：</Typography.Text>
          {s.lastRun ? (
            <>
              {when(s.lastRun.startedAt ?? s.lastRun.createdAt)} <StatusTag run={s.lastRun} />
              {s.lastRun.startedBy ? `（${s.lastRun.startedBy} 手动运行）` : ''}
            </>
          ) : (
            '尚未运行'
          )}
        </div>
        {s.lastRun && <RunOutcome run={s.lastRun} />}
        {!s.defined && <Alert type="warning" showIcon message="此服务器版本中没有这项任务，它不会运行" />}
        <Flex wrap gap={8} align="center">
          <Space.Compact>
            <TimePicker
              format="HH:mm"
              minuteStep={5}
              allowClear={false}
              needConfirm={false}
              aria-label={`${s.label} 每天执行时刻`}
              value={time ? dayjs(`2000-01-01T${time}`) : null}
              onChange={(v) => setTime(v ? v.format('HH:mm') : '')}
              style={{ width: 110 }}
            />
            <Button
              disabled={busy || !cron || cron === s.cron}
              onClick={() => act(() => client.PUT('/api/jobs/schedules/{name}', { ...path, body: { cron } }), `已改为每天 ${time}`)}
            >
              保存时间
            </Button>
          </Space.Compact>
          <Switch
            checked={s.enabled}
            checkedChildren="启用"
            unCheckedChildren="停用"
            disabled={busy}
            onChange={(on) => act(() => client.PUT('/api/jobs/schedules/{name}', { ...path, body: { enabled: on } }), on ? '已启用' : '已停用')}
          />
          <Button
            icon={<PlayCircleOutlined />}
            disabled={busy || !s.defined || !!open}
            onClick={() => act(() => client.POST('/api/jobs/schedules/{name}/run', path), '已开始运行')}
          >
            立即运行
          </Button>
        </Flex>
      </Space>
    </Card>
  );
}

function RunItem({ run }: { run: Run }) {
  const { message } = App.useApp();
  const open = run.status === 'queued' || run.status === 'running';
  const percent = run.progressTotal ? Math.round((run.progressDone / run.progressTotal) * 100) : run.status === 'succeeded' ? 100 : 0;
  const cancel = async () => {
    try {
      await client.POST('/api/jobs/runs/{runId}/cancel', { params: { path: { runId: run.id } } });
      message.success('已请求取消');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" data-testid={`run-${run.id}`}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Space wrap size={4}>
          <Typography.Text strong>{run.label}</Typography.Text>
          <StatusTag run={run} />
          <Typography.Text type="secondary">{run.startedBy ? `${run.startedBy} 手动运行` : '定时运行'}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{when(run.startedAt ?? run.createdAt)}</Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        size="small"
        status={run.status === 'failed' ? 'exception' : run.status === 'running' ? 'active' : run.status === 'succeeded' ? 'success' : 'normal'}
        format={() => (run.progressTotal ? `${run.progressDone}/${run.progressTotal}` : `${percent}%`)}
      />
      <RunOutcome run={run} />
      {open && (
        <Button size="small" danger disabled={run.cancelRequested} onClick={cancel} style={{ marginTop: 8 }}>
          {run.cancelRequested ? '正在取消…' : '取消'}
        </Button>
      )}
    </Card>
  );
}

/** 定时任务: the reminders and other jobs that run by themselves — when, what they last did, and the recent runs. */
export function JobsPage() {
  const { user } = useSession();
  const allowed = !!user && (user.role === 'office' || user.role === 'admin');
  const overview = $api.useQuery(
    'get',
    '/api/jobs/overview',
    {},
    {
      enabled: allowed,
      // While something is queued or running, follow its progress (a run started by hand begins at once, and most end within a second).
      refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
    },
  );
  if (!allowed) return <Alert type="warning" showIcon message="无权访问：定时任务仅营商办和系统管理员可见" />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        定时任务
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        提醒和预警由服务器按时自动发送，每条消息只送达一次；非工作日不发送。修改时间后从下一个时间点起生效。
      </Typography.Paragraph>
      <QueryState query={overview}>
        {(data) => (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))' }}>
              {data.schedules.map((s) => (
                <ScheduleCard key={s.name} s={s} />
              ))}
            </div>
            <Typography.Title level={5} style={{ margin: 0 }}>
              最近运行
            </Typography.Title>
            {data.runs.length === 0 ? (
              <Typography.Text type="secondary">还没有运行记录</Typography.Text>
            ) : (
              <Space direction="vertical" size={8} style={{ width: '100%' }}>
                {data.runs.map((r) => (
                  <RunItem key={r.id} run={r} />
                ))}
              </Space>
            )}
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
