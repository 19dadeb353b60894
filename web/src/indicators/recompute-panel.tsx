import { SyncOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { useBackgroundRun } from '../jobs/use-background-run.js';

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
  const run = useBackgroundRun({
    unit: '项',
    note: '每项指标各自完整地重新计算：取消时已算完的指标保留新结果，其余保留原结果。',
    onFinished: () => void refresh(),
  });
  if (!hasRole(user, OFFICE)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        icon={<SyncOutlined />}
        loading={run.starting}
        onClick={() => run.start(() => client.POST('/api/indicators/recompute', { body: { year } }))}
        data-testid="recompute"
      >
        重新计算全部指标（{year}年）
      </Button>
      {run.progress}
    </Space>
  );
}
