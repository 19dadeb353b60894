import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { recordAudit } from '../audit/index.js';
import { createUser, requireRole, ROLES, type Role } from '../auth/index.js';
import { ForbiddenError, NotFoundError, type AppContext } from '../shared/index.js';
import { LEDGER_OFFICE, LEDGER_READERS } from './access.js';
import { assess, assessmentXlsx, getSettings, saveSettings } from './assessment-store.js';
import { buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';
import { dashboard } from './dashboard.js';
import { notifyFlags } from './report-store.js';
import { exportTasksXlsx, importTasksXlsx } from './ledger-xlsx.js';
import { InputRejectedError } from '../shared/index.js';
import { chinaToday } from '../calendar/index.js';
import { asOfOf } from './as-of.js';

const readers = requireRole(...LEDGER_READERS);
const office = requireRole(...LEDGER_OFFICE);
const PlanId = Type.Object({ planId: Type.Integer({ minimum: 1 }) });
const CycleId = Type.Object({ cycleId: Type.Integer({ minimum: 1 }) });
const AsOf = Type.Object({ asOf: Type.Optional(Type.String()) });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Bulletins, assessment, dashboard, settings and accounts (registered under the ledger prefix). */
export function extraRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const { db } = ctx;
    const optAsOf = (q: unknown) => ((q as { asOf?: string }).asOf ? asOfOf(q) : undefined);

    app.get(
      '/cycles/:cycleId/bulletin',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '定期通报（网页数据）', params: CycleId, querystring: AsOf } },
      async (req) => buildBulletin(db, (req.params as { cycleId: number }).cycleId, optAsOf(req.query)),
    );
    app.get(
      '/cycles/:cycleId/bulletin.docx',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '定期通报（Word 文档，公文格式）', params: CycleId, querystring: AsOf } },
      async (req, reply) => {
        const b = await buildBulletin(db, (req.params as { cycleId: number }).cycleId, optAsOf(req.query));
        reply.header('content-type', docxType).header('content-disposition', attachment(`${b.cycleLabel}优化营商环境工作通报.docx`));
        return reply.send(await bulletinDocx(b));
      },
    );

    app.get(
      '/plans/:planId/assessment',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '年度目标考核（得分、逐项说明、排名）', params: PlanId, querystring: AsOf } },
      async (req) => assess(db, (req.params as { planId: number }).planId, optAsOf(req.query)),
    );
    app.get(
      '/plans/:planId/assessment.xlsx',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '导出年度目标考核（Excel）', params: PlanId, querystring: AsOf } },
      async (req, reply) => {
        const a = await assess(db, (req.params as { planId: number }).planId, optAsOf(req.query));
        reply.header('content-type', xlsxType).header('content-disposition', attachment(`${a.year}年度优化营商环境目标考核.xlsx`));
        return reply.send(await assessmentXlsx(a));
      },
    );
    app.get('/plans/:planId/settings', { preHandler: readers, schema: { tags: ['ledger'], summary: '考核权重与预警阈值', params: PlanId } }, async (req) =>
      getSettings(db, (req.params as { planId: number }).planId),
    );
    const Settings = Type.Object(
      { yellowDays: Type.Optional(Type.Integer()), tolerance: Type.Optional(Type.Number()), weights: Type.Optional(Type.Record(Type.String(), Type.Number())) },
      { additionalProperties: false },
    );
    app.put(
      '/plans/:planId/settings',
      { preHandler: office, schema: { tags: ['ledger'], summary: '设置考核权重与预警阈值', params: PlanId, body: Settings } },
      async (req) => saveSettings(db, req.user!.account, (req.params as { planId: number }).planId, req.body as Static<typeof Settings>),
    );

    app.get(
      '/plans/:planId/dashboard',
      {
        preHandler: readers,
        schema: { tags: ['ledger'], summary: '工作台数据（按领域、按单位、红黄绿灯、趋势、红灯清单）', params: PlanId, querystring: AsOf },
      },
      async (req) => dashboard(db, (req.params as { planId: number }).planId, asOfOf(req.query)),
    );

    app.get(
      '/plans/:planId/tasks.xlsx',
      { preHandler: readers, schema: { tags: ['ledger'], summary: '导出改革任务台账（Excel）', params: PlanId } },
      async (req, reply) => {
        const { buffer, fileName } = await exportTasksXlsx(db, (req.params as { planId: number }).planId, chinaToday());
        reply.header('content-type', xlsxType).header('content-disposition', attachment(fileName));
        return reply.send(buffer);
      },
    );
    app.post(
      '/plans/:planId/tasks.xlsx',
      {
        preHandler: office,
        schema: { tags: ['ledger'], summary: '导入修改后的改革任务台账（整表校验，全部成功或全部不导入）', params: PlanId, consumes: ['multipart/form-data'] },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 Excel 文件（.xlsx）', [{ field: 'file', message: '必填' }]);
        return importTasksXlsx(db, {
          planId: (req.params as { planId: number }).planId,
          buffer: await file.toBuffer(),
          fileName: file.filename,
          actor: req.user!.account,
        });
      },
    );

    app.post(
      '/plans/:planId/flags/notify',
      {
        preHandler: office,
        schema: { tags: ['ledger'], summary: '推送今日预警（红灯任务、未报送、逾期督办）到相关单位和营商办的消息', params: PlanId, querystring: AsOf },
      },
      async (req) => notifyFlags(db, (req.params as { planId: number }).planId, asOfOf(req.query)),
    );

    // ---- accounts (the office manages unit staff and leaders; only an admin creates office or admin accounts) ----
    app.get('/users', { preHandler: office, schema: { tags: ['ledger'], summary: '账号列表' } }, async () => {
      const users = await db.selectFrom('app_user').select(['id', 'account', 'name', 'role', 'active', 'locked_until', 'created_at']).orderBy('id').execute();
      const links = await db.selectFrom('user_unit').innerJoin('unit', 'unit.id', 'user_unit.unit_id').select(['user_unit.user_id', 'unit.name']).execute();
      return users.map((u) => ({ ...u, units: links.filter((l) => l.user_id === u.id).map((l) => l.name) }));
    });
    const NewUser = Type.Object(
      {
        account: Type.String(),
        name: Type.String({ minLength: 1, maxLength: 50 }),
        role: Type.String(),
        password: Type.String(),
        units: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
      },
      { additionalProperties: false },
    );
    app.post('/users', { preHandler: office, schema: { tags: ['ledger'], summary: '新增账号', body: NewUser } }, async (req) => {
      const b = req.body as Static<typeof NewUser>;
      if ((b.role === 'office' || b.role === 'admin') && req.user!.role !== 'admin') {
        throw new ForbiddenError('营商办和系统管理员账号只能由系统管理员创建');
      }
      return createUser(db, { account: b.account, name: b.name, role: b.role as Role, password: b.password, unitNames: b.units, actor: req.user!.account });
    });
    const Active = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
    app.patch(
      '/users/:userId',
      {
        preHandler: office,
        schema: { tags: ['ledger'], summary: '停用或启用账号', params: Type.Object({ userId: Type.Integer({ minimum: 1 }) }), body: Active },
      },
      async (req) => {
        const id = (req.params as { userId: number }).userId;
        const { active } = req.body as Static<typeof Active>;
        await db.transaction().execute(async (trx) => {
          const u = await trx.selectFrom('app_user').select(['id', 'account', 'role', 'active']).where('id', '=', id).executeTakeFirst();
          if (!u) throw new NotFoundError(`账号 ${id}`);
          if ((u.role === 'office' || u.role === 'admin') && req.user!.role !== 'admin') {
            throw new ForbiddenError('营商办和系统管理员账号只能由系统管理员管理');
          }
          await trx.updateTable('app_user').set({ active }).where('id', '=', id).execute();
          if (!active) await trx.deleteFrom('session').where('user_id', '=', id).execute();
          await recordAudit(trx, {
            actor: req.user!.account,
            action: active ? 'user.activate' : 'user.deactivate',
            entity: 'app_user',
            entityId: id,
            before: { active: u.active },
            after: { active },
          });
        });
        return { ok: true };
      },
    );
    app.get('/roles', { preHandler: office, schema: { tags: ['ledger'], summary: '角色列表' } }, async () => ROLES);
  };
}
