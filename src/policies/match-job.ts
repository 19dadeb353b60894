import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { enterpriseCount } from '../enterprises/index.js';
import { defineJob, enqueueJob, JobCancelledError, tookText, type JobActor } from '../jobs/index.js';
import { matchAndPush } from './matching.js';

export const MATCH_JOB = 'policies.match';

interface MatchData {
  /** Firms per batch (default 5,000); the tests use small batches to stop a run between two of them. */
  batch?: number;
}

const n = (x: number) => x.toLocaleString('zh-CN');

/**
 * 全量匹配并推送 as a background job: every firm against every active rule (`matchAndPush`, batches of
 * firms), progress = firms matched of the registry's, then one inbox message per qualifying firm account and
 * rule version. Each batch replaces its firms' recorded matches in its own transaction (the batch function's
 * unit; another helper makes it faster), so a cancel or a stop keeps the batches already matched (each firm's
 * matches whole: they are the current eligibility, derived data) and pushes NOTHING: the push runs only after
 * every firm was matched. Run again, it matches everything and pushes (deduplicated per item and rule version).
 */
export const matchJob = defineJob({
  name: MATCH_JOB,
  label: '政策全量匹配并推送',
  // Found interrupted after a crash: the batches matched stay (each firm whole). The push starts only once every
  // firm is matched, so a crash before that pushed nothing; one during the push may have sent some, which a new
  // run does not send again (deduplicated per item and rule version): the sentence says both.
  keepsFinished: {
    text: '已匹配的企业结果已保存（每家企业各自完整）；消息在全部企业匹配完成后才推送，重新运行不会重复推送已发出的消息',
    unit: '家企业',
  },
  run: async (ctx) => {
    const d = ctx.data as MatchData;
    const total = await enterpriseCount(ctx.db);
    let done = 0;
    ctx.progress(0, total);
    try {
      const r = await matchAndPush(ctx.db, d.batch ? { batch: d.batch } : {}, {
        progress: (x) => {
          done = x;
          ctx.progress(x, Math.max(total, x));
        },
        checkCancelled: ctx.checkCancelled,
      });
      return {
        text: `已匹配 ${n(r.enterprises)} 家企业 × ${n(r.items)} 个政策事项，符合 ${n(r.eligible)} 项，推送消息 ${n(r.notified)} 条，用时 ${tookText(r.seconds)}`,
        counts: [
          { label: '企业', value: r.enterprises },
          { label: '政策事项', value: r.items },
          { label: '符合', value: r.eligible },
          { label: '无法判断（缺少信息）', value: r.unknown },
          { label: '推送消息', value: r.notified },
        ],
        links: [{ label: '查看应享尽享', href: '/policies/funnel' }],
      };
    } catch (e) {
      if (!(e instanceof JobCancelledError)) throw e;
      throw new JobCancelledError({
        text: `已匹配 ${n(done)} / ${n(total)} 家企业并保存其匹配结果（每家企业各自完整）；未推送任何消息，可再次运行`,
        counts: [
          { label: '已匹配企业', value: done },
          { label: '未匹配企业', value: Math.max(0, total - done) },
          { label: '推送消息', value: 0 },
        ],
      });
    }
  },
});

/** Queues a full match and push (409 while one is open); returns the run id. */
export function startMatch(db: Kysely<Database>, by: JobActor): Promise<{ runId: number }> {
  return enqueueJob(db, MATCH_JOB, {}, by);
}

/** The policies' jobs, for the server's job system (src/server/serve.ts). */
export const policyJobs = [matchJob];
