import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { NameParams, Overview, Run, RunParams, RunsQuery, Schedule, ScheduleUpdate, Started } from './api.js';
import { cancelRun, checkRunAccess, enqueueJob, getRun, listRuns, listSchedules, updateSchedule } from './store.js';

/** 定时任务: the office (and admin) sees, edits, starts and cancels the platform's jobs; whoever started a background run follows and cancels it. */
export function jobRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const office = requireRole('office', 'admin');
    const tags = ['jobs'];
    app.get('/overview', { preHandler: office, schema: { tags, summary: '定时任务与最近运行', response: { 200: Overview } } }, async () => ({
      schedules: await listSchedules(ctx.db),
      runs: await listRuns(ctx.db),
    }));
    app.get('/runs', { preHandler: office, schema: { tags, summary: '运行记录', querystring: RunsQuery, response: { 200: Type.Array(Run) } } }, async (req) =>
      listRuns(ctx.db, req.query),
    );
    // A run's progress and result: the office, or whoever started it (an import by unit staff).
    const loggedIn = requireRole();
    app.get(
      '/runs/:runId',
      { preHandler: loggedIn, schema: { tags, summary: '一次运行（进度与结果）', params: RunParams, response: { 200: Run } } },
      async (req) => {
        await checkRunAccess(ctx.db, req.params.runId, sessionUser(req));
        return getRun(ctx.db, req.params.runId);
      },
    );
    app.put(
      '/schedules/:name',
      { preHandler: office, schema: { tags, summary: '修改执行时间或启用/停用', params: NameParams, body: ScheduleUpdate, response: { 200: Schedule } } },
      async (req) => {
        const user = sessionUser(req);
        await updateSchedule(ctx.db, req.params.name, req.body, { id: user.id, account: user.account });
        return (await listSchedules(ctx.db)).find((s) => s.name === req.params.name)!;
      },
    );
    app.post(
      '/schedules/:name/run',
      { preHandler: office, schema: { tags, summary: '立即运行', params: NameParams, response: { 200: Started } } },
      async (req) => {
        const user = sessionUser(req);
        return enqueueJob(ctx.db, req.params.name, {}, { id: user.id, account: user.account });
      },
    );
    app.post('/runs/:runId/cancel', { preHandler: loggedIn, schema: { tags, summary: '取消运行', params: RunParams, response: { 200: Ok } } }, async (req) => {
      const user = sessionUser(req);
      await checkRunAccess(ctx.db, req.params.runId, user);
      await cancelRun(ctx.db, req.params.runId, { id: user.id, account: user.account });
      return { ok: true as const };
    });
  };
}
