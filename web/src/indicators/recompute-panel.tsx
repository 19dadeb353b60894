import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { RunProgress } from '../jobs/run-progress.js';
import { errorText } from '../shared/query-state.js';

/** Who recomputes (src/indicators/roles.ts OFFICE). */
const OFFICE = ['office', 'admin'];

/** The results of a finished recompute: the dashboard and every indicator page. */
const refresh = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[1] ?? '').startsWith('/api/indicators') });

/**
 * 重新计算全部指标 (office): runs in the background with a bar of indicators done; a cancel keeps the indicators
 * already recomputed (each whole) and leaves the others with their previous results.
 */
export function RecomputePanel({ year }: { year: number }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [runId, setRunId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  if (!hasRole(user, OFFICE)) return null;
  const start = async () => {
    setStarting(true);
    try {
      const { data } = await client.POST('/api/indicators/recompute', { body: { year } });
      if (data) setRunId(data.runId);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setStarting(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<SyncOutlined />} loading={starting} onClick={start} data-testid="recompute">
        重新计算全部指标（{year}年）
      </Button>
      {runId !== null && (
        <RunProgress
          runId={runId}
          unit="项"
          note="每项指标各自完整地重新计算：取消时已算完的指标保留新结果，其余保留原结果。"
          onFinished={() => void refresh()}
        />
      )}
    </Space>
  );
}
