import { App } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiResponse } from '../api.js';
import { errorText } from '../shared/query-state.js';
import { RunProgress } from './run-progress.js';

type Run = ApiResponse<'/api/jobs/runs/{runId}', 'get'>;

/**
 * A background run started by a button: `start(post)` sends the request (a route answering 202 `{ runId }`),
 * keeps the run and shows a refused start as a message; `progress` is the run's `RunProgress` (bar, cancel,
 * then its result; null before a start), and `onFinished` runs once when it ends (refresh what it changed).
 * The request is given at `start` so that it reads the page's current choices.
 *
 * @example
 *   const recompute = useBackgroundRun({ unit: '项', onFinished: () => void refresh() });
 *   <Button loading={recompute.starting} onClick={() => recompute.start(() => client.POST('/api/indicators/recompute', { body: { year } }))}>…</Button>
 *   {recompute.progress}
 */
export function useBackgroundRun(o: { unit?: string; note?: string; onFinished?: (run: Run) => void } = {}) {
  const { message } = App.useApp();
  const [runId, setRunId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const start = async (post: () => Promise<{ data?: { runId: number } }>) => {
    setStarting(true);
    try {
      const { data } = await post();
      if (data) setRunId(data.runId);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setStarting(false);
    }
  };
  const progress: ReactNode = runId === null ? null : <RunProgress runId={runId} unit={o.unit} note={o.note} onFinished={o.onFinished} />;
  return { start, starting, runId, progress };
}
