import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, Ok, userRead, type AppContext } from '../shared/index.js';
import { attachment, XLSX_TYPE } from './download.js';
import { LEDGER_OFFICE, LEDGER_READ_DOMAINS, LEDGER_READERS, LEDGER_WRITERS } from './access.js';
import {
  AsOfQuery,
  Created,
  FileDownload,
  FlagsNotified,
  LedgerInitialized,
  MeasureParams,
  MeasureProgress,
  MilestoneParams,
  MilestonePatchBody,
  NewMilestoneBody,
  NewTaskBody,
  PlanParams,
  Task,
  TaskFlags,
  TaskHistoryEntry,
  TaskListQuery,
  TaskParams,
  TaskPatchBody,
  RunStarted,
} from './api.js';
import { asOfOf, optionalAsOf } from './as-of.js';
import { exportTasksXlsx } from './ledger-xlsx.js';
import { startTasksImport } from './background-jobs.js';
import { queryTasks, tasksListXlsx } from './lists.js';
import { notifyFlags } from './report-store.js';
import {
  addMilestone,
  createTask,
  deleteMilestone,
  deleteTask,
  getTask,
  initLedger,
  measureProgress,
  planFlags,
  taskHistory,
  updateMilestone,
  updateTask,
} from './task-store.js';

const tags = ['ledger'];

/** Tasks, milestones, flags and the ledger as Excel. */
export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const writers = requireRole(...LEDGER_WRITERS);
  const office = requireRole(...LEDGER_OFFICE);
  return async (app) => {
    app.post(
      '/plans/:planId/init',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '由措施生成台账任务（每条措施一个任务，计划时限转为节点；可重复执行）',
          params: PlanParams,
          response: { 200: LedgerInitialized },
        },
      },
      async (req) => initLedger(db, { planId: req.params.planId, actor: sessionUser(req).account }),
    );
    app.get(
      '/plans/:planId/tasks',
      {
        preHandler: readers,
        ...userRead(LEDGER_READ_DOMAINS),
        schema: { tags, summary: '台账任务（含节点、标记、红黄绿灯）', params: PlanParams, querystring: TaskListQuery, response: { 200: Type.Array(Task) } },
      },
      async (req) => queryTasks(db, sessionUser(req), req.params.planId, await asOfOf(db, req.params.planId, req.query), req.query),
    );
    app.get(
      '/plans/:planId/task-list.xlsx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '导出任务台账列表（Excel，与列表相同的筛选和排序，全部页）',
          params: PlanParams,
          querystring: TaskListQuery,
          response: { 200: FileDownload('任务台账列表（.xlsx）') },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await tasksListXlsx(db, sessionUser(req), req.params.planId, await asOfOf(db, req.params.planId, req.query), req.query);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(fileName));
        return reply.send(buffer);
      },
    );
    app.get(
      '/plans/:planId/measures',
      { preHandler: readers, schema: { tags, summary: '措施进度（由任务加权汇总）', params: PlanParams, response: { 200: Type.Array(MeasureProgress) } } },
      async (req) => measureProgress(db, req.params.planId),
    );
    app.get(
      '/tasks/:taskId',
      { preHandler: readers, schema: { tags, summary: '任务详情', params: TaskParams, querystring: AsOfQuery, response: { 200: Task } } },
      async (req) => getTask(db, req.params.taskId, optionalAsOf(req.query)),
    );
    app.patch(
      '/tasks/:taskId',
      {
        preHandler: writers,
        schema: {
          tags,
          summary: '修改任务（仅营商办；单位的状态和进度以审核通过的进展报告为准）',
          params: TaskParams,
          body: TaskPatchBody,
          response: { 200: Task },
        },
      },
      async (req) => {
        await updateTask(db, sessionUser(req), req.params.taskId, req.body);
        return getTask(db, req.params.taskId);
      },
    );
    app.get(
      '/tasks/:taskId/history',
      { preHandler: readers, schema: { tags, summary: '任务修改记录（审计日志）', params: TaskParams, response: { 200: Type.Array(TaskHistoryEntry) } } },
      async (req) => taskHistory(db, req.params.taskId),
    );
    app.delete(
      '/tasks/:taskId',
      { preHandler: office, schema: { tags, summary: '删除拆分出的任务（无报告和督办单时）', params: TaskParams, response: { 200: Ok } } },
      async (req) => {
        await deleteTask(db, sessionUser(req).account, req.params.taskId);
        return { ok: true as const };
      },
    );
    app.post(
      '/measures/:measureId/tasks',
      { preHandler: office, schema: { tags, summary: '拆分措施：新增任务', params: MeasureParams, body: NewTaskBody, response: { 200: Created } } },
      async (req) => ({ id: await createTask(db, sessionUser(req).account, req.params.measureId, req.body) }),
    );
    app.post(
      '/tasks/:taskId/milestones',
      { preHandler: office, schema: { tags, summary: '新增节点', params: TaskParams, body: NewMilestoneBody, response: { 200: Created } } },
      async (req) => ({ id: await addMilestone(db, sessionUser(req).account, req.params.taskId, req.body) }),
    );
    app.patch(
      '/milestones/:milestoneId',
      {
        preHandler: writers,
        schema: { tags, summary: '修改节点（单位：填报完成日期）', params: MilestoneParams, body: MilestonePatchBody, response: { 200: Ok } },
      },
      async (req) => {
        await updateMilestone(db, sessionUser(req), req.params.milestoneId, req.body);
        return { ok: true as const };
      },
    );
    app.delete(
      '/milestones/:milestoneId',
      { preHandler: office, schema: { tags, summary: '删除节点', params: MilestoneParams, response: { 200: Ok } } },
      async (req) => {
        await deleteMilestone(db, sessionUser(req).account, req.params.milestoneId);
        return { ok: true as const };
      },
    );
    app.get(
      '/plans/:planId/flags',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '自动标记（节点逾期、未按时报送、进度滞后、偏离目标）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: Type.Array(TaskFlags) },
        },
      },
      async (req) => planFlags(db, req.params.planId, await asOfOf(db, req.params.planId, req.query)),
    );
    app.post(
      '/plans/:planId/flags/notify',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '推送今日预警（红灯任务、未报送、逾期督办）到相关单位和营商办的消息',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: FlagsNotified },
        },
      },
      async (req) => notifyFlags(db, req.params.planId, await asOfOf(db, req.params.planId, req.query)),
    );

    app.get(
      '/plans/:planId/tasks.xlsx',
      {
        preHandler: readers,
        schema: { tags, summary: '导出改革任务台账（Excel）', params: PlanParams, response: { 200: FileDownload('改革任务台账（.xlsx）') } },
      },
      async (req, reply) => {
        const { buffer, fileName } = await exportTasksXlsx(db, req.params.planId, await asOfOf(db, req.params.planId, {}));
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(fileName));
        return reply.send(buffer);
      },
    );
    app.post(
      '/plans/:planId/tasks.xlsx',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '导入修改后的改革任务台账（立即整表校验，有错即返回 400；通过后在后台写入，返回运行编号；全部成功或全部不导入）',
          params: PlanParams,
          consumes: ['multipart/form-data'],
          response: { 202: RunStarted },
        },
      },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 Excel 文件（.xlsx）', [{ field: 'file', message: '必填' }]);
        const started = await startTasksImport(db, ctx.dataDir, {
          planId: req.params.planId,
          buffer: await file.toBuffer(),
          fileName: file.filename,
          user: sessionUser(req),
        });
        return reply.code(202).send(started);
      },
    );
  };
}
