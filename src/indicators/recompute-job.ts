import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { defineJob, enqueueJob, JobCancelledError, tookText, type JobActor, type JobSummary } from '../jobs/index.js';
import { recompute } from './recompute.js';

export const RECOMPUTE_JOB = 'indicators.recompute';

interface RecomputeData {
  /** The monitoring year when absent. */
  year?: number;
}

const n = (x: number) => x.toLocaleString('zh-CN');

/**
 * 重新计算全部指标 as a background job: progress = indicators done of all. Each indicator's results are
 * replaced in its own transaction (as `recompute` always did; PostgreSQL runs three at a time on separate
 * connections), so a cancel or a stop KEEPS the indicators already recomputed, each consistent, and leaves the
 * others with their previous results: nothing is half-written per indicator. The run's result says how many
 * were done (`JobCancelledError.kept`).
 */
export const recomputeJob = defineJob({
  name: RECOMPUTE_JOB,
  label: '重新计算全部指标',
  // Found interrupted after a crash: the indicators finished stay, the others keep their previous results (and
  // their stale marks if any, which the next start recomputes).
  keepsFinished: { text: '已完成的指标已保存新结果（每项各自完整），其余指标保留原结果，可重新计算', unit: '项指标' },
  run: async (ctx) => {
    const d = ctx.data as RecomputeData;
    let done = 0;
    let total = 0;
    try {
      const r = await recompute(ctx.db, {
        year: d.year,
        progress: (x, t) => {
          done = x;
          total = t;
          ctx.progress(x, t);
        },
        checkCancelled: ctx.checkCancelled,
      });
      const others = r.otherYears?.length ? `及 ${r.otherYears.join('、')} 年` : '';
      return {
        text: `已重新计算 ${r.year} 年${others}（截至 ${r.asOf}）的 ${n(r.definitions.length)} 项指标，用时 ${tookText(r.seconds)}`,
        counts: [{ label: '重新计算的指标', value: r.definitions.length }],
        links: [{ label: '查看指标', href: `/indicators?year=${r.year}` }],
      };
    } catch (e) {
      if (!(e instanceof JobCancelledError)) throw e;
      const kept: JobSummary = {
        text: `已重新计算 ${n(done)} / ${n(total)} 项指标并保存其结果（每项指标各自完整）；其余 ${n(total - done)} 项保留原结果，可再次运行`,
        counts: [
          { label: '已重新计算', value: done },
          { label: '保留原结果', value: total - done },
        ],
        links: [{ label: '查看指标', href: d.year ? `/indicators?year=${d.year}` : '/indicators' }],
      };
      throw new JobCancelledError(kept);
    }
  },
});

/** Queues a recompute of every indicator (409 while one is open); returns the run id. */
export function startRecompute(db: Kysely<Database>, p: { year?: number; by: JobActor }): Promise<{ runId: number }> {
  const data: RecomputeData = p.year === undefined ? {} : { year: p.year };
  return enqueueJob(db, RECOMPUTE_JOB, data, p.by);
}
