import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireRole } from '../auth/index.js';
import { InputRejectedError, type AppContext } from '../shared/index.js';
import { chinaToday } from '../calendar/index.js';
import { ORDER_ACTIONS, type OrderAction } from './core/orders.js';
import { STATUS_INFO, TASK_STATUSES } from './core/status.js';
import { FLAG_LABELS, LIGHT_LABELS } from './core/flags.js';
import { LEDGER_OFFICE, LEDGER_READERS, LEDGER_WRITERS } from './access.js';
import {
  addMilestone,
  createTask,
  deleteMilestone,
  deleteTask,
  getTask,
  initLedger,
  listTasks,
  measureProgress,
  updateMilestone,
  updateTask,
} from './task-store.js';
import {
  type ReportContent as ReportContentInput,
  addEvidence,
  createMonthlyCycles,
  getReport,
  listCycles,
  listReports,
  readEvidence,
  reviewReport,
  submitReport,
  updateCycle,
} from './report-store.js';
import { actOnOrder, createOrder, getOrder, listOrders } from './order-store.js';
import { extraRoutes } from './extra-routes.js';
import { asOfOf } from './as-of.js';

const readers = requireRole(...LEDGER_READERS);
const writers = requireRole(...LEDGER_WRITERS);
const office = requireRole(...LEDGER_OFFICE);
const unitOnly = requireRole('unit_staff');

const Id = (name: string) => Type.Object({ [name]: Type.Integer({ minimum: 1 }) });
const AsOf = Type.Object({ asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '参照日期（默认今天，北京时间）' })) });
const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Ids = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 });

const TaskPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    weight: Type.Optional(Type.Number()),
    status: Type.Optional(Type.String()),
    progress: Type.Optional(Type.Integer()),
    startOn: Type.Optional(Date_),
    completedOn: Type.Optional(Type.Union([Date_, Type.Null()])),
    leadUnitIds: Type.Optional(Ids),
    responsibleUnitIds: Type.Optional(Ids),
    targetIds: Type.Optional(Ids),
  },
  { additionalProperties: false },
);
const NewTask = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    weight: Type.Optional(Type.Number()),
    leadUnitIds: Ids,
    responsibleUnitIds: Type.Optional(Ids),
    targetIds: Type.Optional(Ids),
    milestones: Type.Optional(Type.Array(Type.Object({ title: Type.String(), dueOn: Type.String() }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const Milestone = Type.Object({ title: Type.String({ maxLength: 200 }), dueOn: Type.String() }, { additionalProperties: false });
const MilestonePatch = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    dueOn: Type.Optional(Type.String()),
    doneOn: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);
const ReportBody = Type.Object(
  {
    status: Type.String(),
    progress: Type.Integer(),
    done: Type.String({ maxLength: 5000 }),
    problems: Type.Optional(Type.String({ maxLength: 5000 })),
    nextSteps: Type.Optional(Type.String({ maxLength: 5000 })),
    actuals: Type.Optional(Type.Array(Type.Object({ targetId: Type.Integer(), value: Type.Number() }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export function ledgerRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const { db } = ctx;
    app.get('/meta', { preHandler: readers, schema: { tags: ['ledger'], summary: '台账状态、标记与督办阶段的名称和颜色' } }, async () => ({
      statuses: TASK_STATUSES.map((s) => ({ code: s, ...STATUS_INFO[s] })),
      flags: FLAG_LABELS,
      lights: LIGHT_LABELS,
      orderActions: Object.entries(ORDER_ACTIONS).map(([code, a]) => ({ code, label: a.label, by: a.by, from: a.from })),
    }));

    // ---- tasks and milestones ----
    app.post(
      '/plans/:planId/init',
      {
        preHandler: office,
        schema: { tags: ['ledger'], summary: '由措施生成台账任务（每条措施一个任务，计划时限转为节点；可重复执行）', params: Id('planId') },
      },
      async (req) => initLedger(db, { planId: (req.params as { planId: number }).planId, actor: req.user!.account }),
    );
    app.get(
      '/plans/:planId/tasks',
      {
        preHandler: readers,
        schema: {
          tags: ['ledger'],
          summary: '台账任务（含节点、标记、红黄绿灯）',
          params: Id('planId'),
          querystring: Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })), asOf: Type.Optional(Type.String()) }),
        },
      },
      async (req) => listTasks(db, (req.params as { planId: number }).planId, asOfOf(req.query), { unitId: (req.query as { unitId?: number }).unitId }),
    );
    app.get(
      '/plans/:planId/measures',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '措施进度（由任务加权汇总）', params: Id('planId') } },
      async (req) => measureProgress(db, (req.params as { planId: number }).planId),
    );
    app.get(
      '/tasks/:taskId',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '任务详情', params: Id('taskId'), querystring: AsOf } },
      async (req) => getTask(db, (req.params as { taskId: number }).taskId, asOfOf(req.query)),
    );
    app.patch(
      '/tasks/:taskId',
      {
        preHandler: writers,
        schema: { tags: ['ledger'], summary: '修改任务（营商办：全部；单位：本单位任务的状态和进度）', params: Id('taskId'), body: TaskPatch },
      },
      async (req) => {
        const id = (req.params as { taskId: number }).taskId;
        await updateTask(db, req.user!, id, req.body as Static<typeof TaskPatch>);
        return getTask(db, id, chinaToday());
      },
    );
    app.get(
      '/tasks/:taskId/history',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '任务修改记录（审计日志）', params: Id('taskId') } },
      async (req) => {
        const id = String((req.params as { taskId: number }).taskId);
        const rows = await db
          .selectFrom('audit_log')
          .select(['id', 'at', 'actor', 'action', 'before', 'after'])
          .where('entity', '=', 'ledger_task')
          .where('entity_id', '=', id)
          .orderBy('id', 'desc')
          .limit(100)
          .execute();
        return rows;
      },
    );
    app.delete(
      '/tasks/:taskId',
      { preHandler: office, schema: { tags: ['ledger'], summary: '删除拆分出的任务（无报告和督办单时）', params: Id('taskId') } },
      async (req) => {
        await deleteTask(db, req.user!.account, (req.params as { taskId: number }).taskId);
        return { ok: true };
      },
    );
    app.post(
      '/measures/:measureId/tasks',
      { preHandler: office, schema: { tags: ['ledger'], summary: '拆分措施：新增任务', params: Id('measureId'), body: NewTask } },
      async (req) => ({ id: await createTask(db, req.user!.account, (req.params as { measureId: number }).measureId, req.body as Static<typeof NewTask>) }),
    );
    app.post(
      '/tasks/:taskId/milestones',
      { preHandler: office, schema: { tags: ['ledger'], summary: '新增节点', params: Id('taskId'), body: Milestone } },
      async (req) => ({ id: await addMilestone(db, req.user!.account, (req.params as { taskId: number }).taskId, req.body as Static<typeof Milestone>) }),
    );
    app.patch(
      '/milestones/:milestoneId',
      { preHandler: writers, schema: { tags: ['ledger'], summary: '修改节点（单位：填报完成日期）', params: Id('milestoneId'), body: MilestonePatch } },
      async (req) => {
        await updateMilestone(db, req.user!, (req.params as { milestoneId: number }).milestoneId, req.body as Static<typeof MilestonePatch>);
        return { ok: true };
      },
    );
    app.delete(
      '/milestones/:milestoneId',
      { preHandler: office, schema: { tags: ['ledger'], summary: '删除节点', params: Id('milestoneId') } },
      async (req) => {
        await deleteMilestone(db, req.user!.account, (req.params as { milestoneId: number }).milestoneId);
        return { ok: true };
      },
    );
    app.get(
      '/plans/:planId/flags',
      {
        preHandler: readers,
        schema: { tags: ['ledger'], summary: '自动标记（节点逾期、未按时报送、进度滞后、偏离目标）', params: Id('planId'), querystring: AsOf },
      },
      async (req) => {
        const tasks = await listTasks(db, (req.params as { planId: number }).planId, asOfOf(req.query));
        return tasks
          .filter((t) => t.flags.length)
          .map((t) => ({ taskId: t.id, code: t.code, title: t.title, light: t.light, units: t.leadUnits.map((u) => u.name), flags: t.flags }));
      },
    );

    // ---- cycles and reports ----
    app.get('/plans/:planId/cycles', { preHandler: readers, schema: { tags: ['ledger'], summary: '报送周期', params: Id('planId') } }, async (req) =>
      listCycles(db, (req.params as { planId: number }).planId),
    );
    const CycleBody = Type.Object({ from: Type.String(), to: Type.String(), dueWorkingDay: Type.Optional(Type.Integer()) }, { additionalProperties: false });
    app.post(
      '/plans/:planId/cycles',
      {
        preHandler: office,
        schema: { tags: ['ledger'], summary: '按月设置报送周期（截止日为次月第 N 个工作日，默认第 5 个）', params: Id('planId'), body: CycleBody },
      },
      async (req) => createMonthlyCycles(db, req.user!.account, (req.params as { planId: number }).planId, req.body as Static<typeof CycleBody>),
    );
    const CyclePatch = Type.Object(
      {
        label: Type.Optional(Type.String({ maxLength: 50 })),
        periodStart: Type.Optional(Type.String()),
        periodEnd: Type.Optional(Type.String()),
        dueOn: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    );
    app.patch(
      '/cycles/:cycleId',
      { preHandler: office, schema: { tags: ['ledger'], summary: '修改报送周期', params: Id('cycleId'), body: CyclePatch } },
      async (req) => {
        await updateCycle(db, req.user!.account, (req.params as { cycleId: number }).cycleId, req.body as Static<typeof CyclePatch>);
        return { ok: true };
      },
    );
    app.get(
      '/reports',
      {
        preHandler: readers,
        schema: {
          tags: ['ledger'],
          summary: '进展报告列表',
          querystring: Type.Object({ cycleId: Type.Optional(Type.Integer()), taskId: Type.Optional(Type.Integer()), unitId: Type.Optional(Type.Integer()) }),
        },
      },
      async (req) => listReports(db, req.query as { cycleId?: number; taskId?: number; unitId?: number }),
    );
    app.get(
      '/reports/:reportId',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '进展报告（含各版本和审核意见）', params: Id('reportId') } },
      async (req) => getReport(db, (req.params as { reportId: number }).reportId),
    );
    app.put(
      '/tasks/:taskId/reports/:cycleId',
      {
        preHandler: unitOnly,
        schema: {
          tags: ['ledger'],
          summary: '报送（或重新报送）本期进展',
          params: Type.Object({ taskId: Type.Integer({ minimum: 1 }), cycleId: Type.Integer({ minimum: 1 }) }),
          body: ReportBody,
        },
      },
      async (req) => {
        const { taskId, cycleId } = req.params as { taskId: number; cycleId: number };
        const b = req.body as Static<typeof ReportBody>;
        return submitReport(db, req.user!, {
          taskId,
          cycleId,
          content: {
            ...b,
            status: b.status as ReportContentInput['status'],
            problems: b.problems ?? '',
            nextSteps: b.nextSteps ?? '',
            actuals: b.actuals ?? [],
          },
        });
      },
    );
    app.post(
      '/reports/:reportId/evidence',
      {
        preHandler: unitOnly,
        schema: {
          tags: ['ledger'],
          summary: '上传佐证材料（pdf/png/jpg/docx/xlsx/txt，10 MB 以内）',
          params: Id('reportId'),
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请选择文件', [{ field: 'file', message: '必填' }]);
        const content = await file.toBuffer();
        return addEvidence(db, ctx.dataDir, req.user!, (req.params as { reportId: number }).reportId, { fileName: file.filename, content });
      },
    );
    app.get(
      '/evidence/:evidenceId',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '下载佐证材料', params: Id('evidenceId') } },
      async (req, reply) => {
        const e = await readEvidence(db, ctx.dataDir, (req.params as { evidenceId: number }).evidenceId);
        reply.header('content-type', e.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(e.fileName)}`);
        return reply.send(e.content);
      },
    );
    const Review = Type.Object(
      { outcome: Type.Union([Type.Literal('accept'), Type.Literal('return')]), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
      { additionalProperties: false },
    );
    app.post(
      '/reports/:reportId/review',
      { preHandler: office, schema: { tags: ['ledger'], summary: '审核进展报告（通过或退回）', params: Id('reportId'), body: Review } },
      async (req) => {
        const id = (req.params as { reportId: number }).reportId;
        await reviewReport(db, req.user!.account, id, req.body as Static<typeof Review>);
        return getReport(db, id);
      },
    );

    // ---- supervision orders ----
    app.get(
      '/orders',
      {
        preHandler: readers,
        schema: {
          tags: ['ledger'],
          summary: '督办单列表',
          querystring: Type.Object({
            planId: Type.Optional(Type.Integer()),
            unitId: Type.Optional(Type.Integer()),
            taskId: Type.Optional(Type.Integer()),
            asOf: Type.Optional(Type.String()),
          }),
        },
      },
      async (req) => listOrders(db, { ...(req.query as { planId?: number; unitId?: number; taskId?: number }), asOf: asOfOf(req.query) }),
    );
    app.get(
      '/orders/:orderId',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '督办单详情与流转记录', params: Id('orderId'), querystring: AsOf } },
      async (req) => getOrder(db, (req.params as { orderId: number }).orderId, asOfOf(req.query)),
    );
    const NewOrder = Type.Object(
      {
        taskId: Type.Integer({ minimum: 1 }),
        unitId: Type.Integer({ minimum: 1 }),
        reason: Type.String({ maxLength: 2000 }),
        requirement: Type.String({ maxLength: 2000 }),
        replyDays: Type.Integer(),
      },
      { additionalProperties: false },
    );
    app.post('/orders', { preHandler: office, schema: { tags: ['ledger'], summary: '督办立项', body: NewOrder } }, async (req) =>
      createOrder(db, req.user!.account, req.body as Static<typeof NewOrder>),
    );
    const OrderAct = Type.Object({ action: Type.String(), note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false });
    app.post(
      '/orders/:orderId/actions',
      {
        preHandler: writers,
        schema: { tags: ['ledger'], summary: '督办单流转（下发、签收、办理、反馈、复核、办结、退回、提级）', params: Id('orderId'), body: OrderAct },
      },
      async (req) => {
        const b = req.body as Static<typeof OrderAct>;
        return actOnOrder(db, req.user!, (req.params as { orderId: number }).orderId, { action: b.action as OrderAction, note: b.note });
      },
    );

    await app.register(extraRoutes(ctx));
  };
}
