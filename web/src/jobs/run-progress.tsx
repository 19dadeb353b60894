import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { durationText, JOB_TIME_ZONE, RUN_STATUS_INFO, rowsText, secondsLeft } from '../../../src/jobs/core/index.js';

type Run = ApiResponse<'/api/jobs/runs/{runId}', 'get'>;
type RunProblem = NonNullable<NonNullable<Run['result']>['problems']>[number];

/** A moment in China time, as people read it: 2026-11-30 08:30. */
export function when(t: string | null | undefined): string {
  if (!t) return '—';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: JOB_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(t));
  const p = (k: string) => parts.find((x) => x.type === k)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

const isOpen = (r: Run | undefined) => !r || r.status === 'queued' || r.status === 'running';

/** The problems of a refused import as a CSV file (UTF-8 with BOM so that Excel opens it). */
export function downloadProblems(fileName: string, problems: RunProblem[]) {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const text = `\uFEFF行,列,问题\n${problems.map((p) => [p.row ?? '', q(p.field ?? ''), q(p.message)].join(',')).join('\n')}\n`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = `${fileName}-错误报告.csv`;
  a.click();
}

/**
 * A background run followed to its end, the one progress view of every import: a bar with rows done of
 * the total and the time left, a cancel button while it runs; then its result (counts, links, or the row
 * problems of a refused file with a CSV report). Polls the run while it is open (every 0.3 s at first, then every second); `onFinished`
 * is called once when it ends (e.g. to refresh the lists it changed).
 *
 * @example
 *   {runId && <RunProgress runId={runId} onFinished={() => invalidateIndicators()} />}
 */
export function RunProgress({
  runId,
  onFinished,
  unit = '行',
  note,
}: {
  runId: number;
  onFinished?: (run: Run) => void;
  unit?: string;
  /** What a cancel leaves, under the bar (default: all or nothing). */
  note?: string;
}) {
  const { message } = App.useApp();
  const query = $api.useQuery(
    'get',
    '/api/jobs/runs/{runId}',
    { params: { path: { runId } } },
    // Every 0.3 s for about the first 10 s, then every second: most runs end within it (the result shows at once),
    // and a run's first phase can be that short (400,000 rows of a file checked in a second or two; a CI run's
    // page, polled every second by then, went from 0 straight to 400,000 / 400,000 行).
    { refetchInterval: (q) => (isOpen(q.state.data) ? (q.state.dataUpdateCount < 34 ? 300 : 1000) : false) },
  );
  const finished = useRef<number | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const run = query.data;
  useEffect(() => {
    if (run && !isOpen(run) && finished.current !== run.id) {
      finished.current = run.id;
      onFinished?.(run);
    }
  }, [run, onFinished]);
  const cancel = async () => {
    setCancelling(true);
    try {
      await client.POST('/api/jobs/runs/{runId}/cancel', { params: { path: { runId } } });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/jobs/runs/{runId}'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setCancelling(false);
    }
  };
  return (
    <QueryState query={query} loading={<Card size="small" loading />}>
      {(r) => (
        <Card
          size="small"
          data-testid="run-progress"
          title={
            <Space wrap size={4}>
              <span>{r.label}</span>
              <Tag color={RUN_STATUS_INFO[r.status].color} data-testid="run-status">
                {RUN_STATUS_INFO[r.status].label}
              </Tag>
            </Space>
          }
          extra={
            isOpen(r) ? (
              <Button danger size="small" loading={cancelling} disabled={r.cancelRequested} onClick={cancel} data-testid="run-cancel">
                {r.cancelRequested ? '正在取消' : '取消'}
              </Button>
            ) : (
              <Link to={`/jobs/runs/${r.id}`}>结果页</Link>
            )
          }
        >
          {isOpen(r) ? <RunBar run={r} unit={unit} note={note} /> : <RunResult run={r} />}
        </Card>
      )}
    </QueryState>
  );
}

/** The bar of an open run: percent of the total (when known), rows done / total, time left at the rate so far. */
function RunBar({ run, unit, note }: { run: Run; unit: string; note?: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const total = run.progressTotal;
  const percent = total ? Math.min(99, Math.floor((run.progressDone / total) * 100)) : 0;
  const left = secondsLeft({ done: run.progressDone, total, startedAt: run.startedAt ? new Date(run.startedAt) : null, now });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Progress percent={percent} status="active" data-testid="run-bar" aria-valuenow={run.progressDone} />
      <Flex wrap justify="space-between" gap={8}>
        <Typography.Text data-testid="run-rows">{run.status === 'queued' ? '排队中，等待开始' : rowsText(run.progressDone, total, unit)}</Typography.Text>
        {run.status === 'running' && <Typography.Text type="secondary">剩余时间：{durationText(left)}</Typography.Text>}
      </Flex>
      <Typography.Text type="secondary">
        {note ?? '全部成功或全部不写入：取消后不会写入任何数据。'}离开本页不影响运行，之后可在“后台任务结果”页查看。
      </Typography.Text>
    </Space>
  );
}

/** What an ended run did: counts and links, or why it failed (with the rows of a refused file). */
export function RunResult({ run }: { run: Run }) {
  const res = run.result;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="run-result">
      {run.status === 'succeeded' && <Alert type="success" showIcon message={res?.text ?? '已完成'} />}
      {/* A job of independent steps says what it kept (e.g. the indicators already recomputed). */}
      {run.status === 'cancelled' && <Alert type="warning" showIcon message={res?.text ? `已取消：${res.text}` : '已取消，未写入任何数据'} />}
      {run.status === 'failed' && <Alert type="error" showIcon message={run.error ?? '运行失败'} />}
      {!!res?.counts?.length && (
        <Flex wrap gap={24}>
          {res.counts.map((c) => (
            <Statistic key={c.label} title={c.label} value={c.value} />
          ))}
        </Flex>
      )}
      {!!res?.links?.length && (
        <Space wrap>
          {res.links.map((l) => (
            <Link key={l.href} to={l.href}>
              {l.label}
            </Link>
          ))}
        </Space>
      )}
      {!!res?.problems?.length && (
        <>
          <Flex wrap justify="space-between" align="center" gap={8}>
            <Typography.Text type="danger" data-testid="run-problem-count">
              共 {res.problemCount ?? res.problems.length} 处问题
              {(res.problemCount ?? 0) > res.problems.length ? `（列出前 ${res.problems.length} 处）` : ''}
            </Typography.Text>
            <Button size="small" onClick={() => downloadProblems(`运行${run.id}`, res.problems!)}>
              下载错误报告
            </Button>
          </Flex>
          <Table<RunProblem>
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={{ pageSize: 20 }}
            dataSource={res.problems}
            data-testid="problem-table"
            columns={[
              { title: '行', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'field', width: 160 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
      <Typography.Text type="secondary">
        {run.startedBy ? `${run.startedBy} 发起，` : ''}开始于 {when(run.startedAt ?? run.createdAt)}，结束于 {when(run.finishedAt)}
      </Typography.Text>
    </Space>
  );
}
