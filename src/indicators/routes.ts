import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireRole, STAFF_ROLES, type SessionUser } from '../auth/index.js';
import { createOrder } from '../ledger/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, UnauthorizedError, type AppContext } from '../shared/index.js';
import { RECORD_SPECS, RECORD_TYPES, STATUS_LABELS, UNIT_LABEL, isRecordType, targetText, templateHeader, type RecordType } from './core/index.js';
import { leadUnits, listCases } from './compute.js';
import { adjustDefinition, getDefinition } from './definition-store.js';
import { recompute, monitoringYear, asOfFor } from './recompute.js';
import { importRecordFile, importRecords, tableRows, type Uploader } from './record-store.js';
import { deleteRecord, getRecord, listRecords, updateRecord } from './record-browse.js';
import { breachedMeasures, indicatorDashboard, indicatorDetail, periodRange } from './results.js';
import { createApiToken, listApiTokens, revokeApiToken, unitForToken } from './token-store.js';

const READ = STAFF_ROLES; // office, unit staff, leader, admin
const OFFICE = ['office', 'admin'] as const;
const UPLOAD = ['office', 'admin', 'unit_staff'] as const;
const isUnitStaff = (u: SessionUser) => u.role === 'unit_staff';

/** Units whose results a user may see: undefined = all (office, leader, admin). */
function visibleUnits(u: SessionUser, requested?: number): { unitIds?: number[]; unitId?: number } {
  if (!isUnitStaff(u)) return requested ? { unitId: requested } : {};
  if (requested !== undefined && !u.unitIds.includes(requested)) throw new ForbiddenError('只能查看本单位的指标');
  return requested !== undefined ? { unitId: requested } : { unitIds: u.unitIds };
}

const uploaderOf = (u: SessionUser): Uploader => ({ actor: u.account, unitIds: isUnitStaff(u) ? u.unitIds : undefined });

const Code = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{2,60}$' }) });
const TypeParam = Type.Object({ type: Type.String({ maxLength: 40 }) });
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), unitId: Type.Optional(Type.Integer({ minimum: 1 })) });
const DetailQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  periodKind: Type.Optional(Type.Union(['month', 'quarter', 'ytd', 'year'].map((k) => Type.Literal(k)))),
  period: Type.Optional(Type.String({ maxLength: 10 })),
});
const CasesQuery = Type.Composite([
  DetailQuery,
  Type.Object({
    which: Type.Union([Type.Literal('breaching'), Type.Literal('excluded'), Type.Literal('counted')]),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  }),
]);
const Adjust = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  changes: Type.Object(
    {
      name: Type.Optional(Type.String({ maxLength: 100 })),
      limit: Type.Optional(Type.Number({ minimum: 0 })),
      percent: Type.Optional(Type.Number({ minimum: 0 })),
      target: Type.Optional(Type.Integer({ minimum: 1 })),
      by: Type.Optional(Type.String({ pattern: '^\\d{2}-\\d{2}$' })),
      mode: Type.Optional(Type.Union([Type.Literal('each'), Type.Literal('average')])),
      days: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('calendar')])),
      where: Type.Optional(Type.Array(Type.Any(), { maxItems: 20 })),
      property: Type.Optional(Type.Array(Type.Any(), { maxItems: 20 })),
      note: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
});
const RecordParams = Type.Object({ type: Type.String({ maxLength: 40 }), externalId: Type.String({ minLength: 1, maxLength: 100 }) });
const RecordsQuery = Type.Object({
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  sort: Type.Optional(Type.String({ pattern: '^-?[a-z_]{1,40}$' })),
});
const RecordValue = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);
const RecordEdit = Type.Object(
  {
    values: Type.Record(Type.String(), RecordValue, { description: '字段键（如 completed_on）或中文列名 → 新值；未列出的字段保持不变' }),
    unit: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: '责任单位名称；空为未指定；不提供则不变' })),
    updatedAt: Type.Optional(Type.String({ format: 'date-time', description: '读取记录时的修改时间：记录此后被他人修改则返回 409，不覆盖' })),
  },
  { additionalProperties: false },
);
const JsonRecords = Type.Object({
  records: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])), { minItems: 1, maxItems: 50_000 }),
});

// The unit of the API token a request came with (the JSON record API).
const tokenUnits = new WeakMap<FastifyRequest, number>();

/** JSON objects → a table with a header row, as a file would give (keys: field keys or Chinese labels; externalId; unit). */
function jsonToTable(type: RecordType, records: Array<Record<string, string | number | boolean | null>>): string[][] {
  const spec = RECORD_SPECS[type];
  const canon = (k: string) =>
    k === 'externalId' || k === 'external_id' || k === spec.idLabel
      ? 'external_id'
      : k === 'unit' || k === UNIT_LABEL
        ? 'unit'
        : (spec.fields.find((f) => f.key === k || f.label === k || (f.aliases ?? []).includes(k))?.key ?? k);
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [canon(k), v])));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    keys,
    ...rows.map((r) =>
      keys.map((k) => {
        const v = r[k];
        return v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      }),
    ),
  ];
}

export function indicatorRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const db = ctx.db;
    app.get(
      '/',
      {
        preHandler: requireRole(...READ),
        schema: { tags: ['indicators'], summary: '指标监测总览（目标、当前值、状态、趋势；单位工作人员看本单位）', querystring: YearQuery },
      },
      async (req) => {
        const q = req.query as Static<typeof YearQuery>;
        const u = req.user!;
        const v = visibleUnits(u, q.unitId);
        // Unit staff see one of their units (the first by default; none: nothing).
        const unitId = isUnitStaff(u) ? (v.unitId ?? u.unitIds[0] ?? -1) : v.unitId;
        const units = isUnitStaff(u)
          ? await db
              .selectFrom('unit')
              .select(['id', 'name'])
              .where('id', 'in', u.unitIds.length ? u.unitIds : [-1])
              .execute()
          : [];
        return { ...(await indicatorDashboard(db, { year: q.year, unitId: unitId ?? null })), myUnits: units, statusLabels: STATUS_LABELS };
      },
    );

    app.get('/record-types', { preHandler: requireRole(...READ), schema: { tags: ['indicators'], summary: '案件记录类型、字段与模板表头' } }, async () =>
      RECORD_TYPES.map((t) => ({
        type: t,
        label: RECORD_SPECS[t].label,
        idLabel: RECORD_SPECS[t].idLabel,
        header: templateHeader(t),
        fields: RECORD_SPECS[t].fields.map((f) => ({
          key: f.key,
          label: f.label,
          kind: f.kind,
          required: !!f.required,
          values: f.values ? [...new Set(Object.keys(f.values))] : undefined,
        })),
      })),
    );

    app.get(
      '/record-types/:type/template.csv',
      { preHandler: requireRole(...READ), schema: { tags: ['indicators'], summary: '下载记录模板（CSV，UTF-8）', params: TypeParam } },
      async (req, reply) => {
        const { type } = req.params as Static<typeof TypeParam>;
        if (!isRecordType(type)) throw new InputRejectedError(`未知的记录类型“${type}”`);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${RECORD_SPECS[type].label}模板.csv`)}`);
        return `\uFEFF${templateHeader(type).join(',')}\n`;
      },
    );

    app.post(
      '/records/:type/upload',
      {
        preHandler: requireRole(...UPLOAD),
        schema: {
          tags: ['indicators'],
          summary: '上传案件记录（CSV/XLSX；逐行校验，全部成功或全部不导入；按编号更新）',
          params: TypeParam,
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        const { type } = req.params as Static<typeof TypeParam>;
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importRecordFile(db, { type, fileName: file.filename, buffer: await file.toBuffer(), uploader: uploaderOf(req.user!) });
      },
    );

    // JSON API: a logged-in office or unit user, or a department system with its unit's API token (Authorization: Bearer …).
    app.post(
      '/records/:type',
      {
        bodyLimit: 32 * 1024 * 1024, // up to 50,000 records per call
        onRequest: async (req) => {
          if (req.user) {
            if (!(UPLOAD as readonly string[]).includes(req.user.role)) throw new ForbiddenError('此操作仅限：营商办、单位工作人员');
            return;
          }
          const auth = req.headers.authorization;
          const m = auth && /^Bearer\s+(\S+)$/.exec(auth);
          const t = m ? await unitForToken(db, m[1]!) : null;
          if (!t) throw new UnauthorizedError(m ? 'API 令牌无效或已停用' : '请先登录或提供 API 令牌');
          tokenUnits.set(req, t.unitId);
        },
        schema: {
          tags: ['indicators'],
          summary: '提交案件记录（JSON；登录或单位 API 令牌；全部成功或全部不导入；按编号更新）',
          params: TypeParam,
          body: JsonRecords,
        },
      },
      async (req) => {
        const { type } = req.params as Static<typeof TypeParam>;
        if (!isRecordType(type)) throw new InputRejectedError(`未知的记录类型“${type}”`, [{ message: `未知的记录类型“${type}”` }]);
        const tokenUnit = tokenUnits.get(req);
        const uploader: Uploader = tokenUnit !== undefined ? { actor: `token:unit${tokenUnit}`, unitIds: [tokenUnit] } : uploaderOf(req.user!);
        try {
          return await importRecords(db, {
            type,
            rows: tableRows(jsonToTable(type, (req.body as Static<typeof JsonRecords>).records)),
            file: 'JSON',
            uploader,
            source: 'api',
          });
        } catch (e) {
          // Rows of the JSON API are the records (1 = the first); header problems name the key.
          if (e instanceof InputRejectedError)
            throw new InputRejectedError(
              e.message.replace(/^JSON：/, ''),
              e.problems.map((p) => ({ ...p, file: undefined, row: p.row === undefined || p.row === 1 ? undefined : p.row - 1 })),
            );
          throw e;
        }
      },
    );

    // Single records: browse, edit, delete. Unit staff see and change only their units' records.
    app.get(
      '/records/:type',
      {
        preHandler: requireRole(...READ),
        schema: { tags: ['indicators'], summary: '案件记录列表（分页；按编号或名称搜索；单位工作人员看本单位）', params: TypeParam, querystring: RecordsQuery },
      },
      async (req) => {
        const q = req.query as Static<typeof RecordsQuery>;
        const v = visibleUnits(req.user!, q.unitId);
        return listRecords(db, {
          type: (req.params as Static<typeof TypeParam>).type,
          unitIds: v.unitId !== undefined ? [v.unitId] : v.unitIds,
          q: q.q,
          page: q.page,
          pageSize: q.pageSize,
          sort: q.sort,
        });
      },
    );

    app.get(
      '/records/:type/:externalId',
      { preHandler: requireRole(...READ), schema: { tags: ['indicators'], summary: '一条案件记录', params: RecordParams } },
      async (req) => getRecord(db, { ...(req.params as Static<typeof RecordParams>), unitIds: uploaderOf(req.user!).unitIds }),
    );

    app.put(
      '/records/:type/:externalId',
      {
        preHandler: requireRole(...UPLOAD),
        schema: { tags: ['indicators'], summary: '修改一条案件记录（与导入相同的校验；留痕；重新计算相关指标）', params: RecordParams, body: RecordEdit },
      },
      async (req) => {
        const b = req.body as Static<typeof RecordEdit>;
        const u = uploaderOf(req.user!);
        return updateRecord(db, {
          ...(req.params as Static<typeof RecordParams>),
          values: b.values,
          unit: b.unit,
          expectedUpdatedAt: b.updatedAt,
          actor: u.actor,
          unitIds: u.unitIds,
        });
      },
    );

    app.delete(
      '/records/:type/:externalId',
      { preHandler: requireRole(...UPLOAD), schema: { tags: ['indicators'], summary: '删除一条案件记录（留痕；重新计算相关指标）', params: RecordParams } },
      async (req) => {
        const u = uploaderOf(req.user!);
        return deleteRecord(db, { ...(req.params as Static<typeof RecordParams>), actor: u.actor, unitIds: u.unitIds });
      },
    );

    app.post(
      '/recompute',
      {
        preHandler: requireRole(...OFFICE),
        schema: {
          tags: ['indicators'],
          summary: '重新计算全部指标',
          body: Type.Optional(Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) })),
        },
      },
      async (req) => recompute(db, { year: (req.body as { year?: number } | undefined)?.year }),
    );

    app.get('/tokens', { preHandler: requireRole(...OFFICE), schema: { tags: ['indicators'], summary: '单位 API 令牌列表' } }, async () => listApiTokens(db));
    const TokenBody = Type.Object({ unitId: Type.Integer({ minimum: 1 }), label: Type.String({ maxLength: 100 }) });
    app.post(
      '/tokens',
      { preHandler: requireRole(...OFFICE), schema: { tags: ['indicators'], summary: '为单位签发 API 令牌（只显示一次）', body: TokenBody } },
      async (req) => {
        const b = req.body as Static<typeof TokenBody>;
        return createApiToken(db, { ...b, actor: req.user!.account });
      },
    );
    const TokenId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
    app.delete(
      '/tokens/:id',
      { preHandler: requireRole(...OFFICE), schema: { tags: ['indicators'], summary: '停用 API 令牌', params: TokenId } },
      async (req) => {
        await revokeApiToken(db, (req.params as Static<typeof TokenId>).id, req.user!.account);
        return { ok: true };
      },
    );

    app.get(
      '/ledger-flags',
      { preHandler: requireRole(...READ), schema: { tags: ['indicators'], summary: '未达标指标所属措施及其台账任务（偏离目标）', querystring: YearQuery } },
      async (req) => {
        const year = (req.query as Static<typeof YearQuery>).year ?? (await monitoringYear(db));
        const measures = await breachedMeasures(db, year);
        const tasks = measures.length
          ? await db
              .selectFrom('ledger_task as t')
              .innerJoin('measure as m', 'm.id', 't.measure_id')
              .innerJoin('plan as p', 'p.id', 't.plan_id')
              .select(['t.id', 't.title', 'm.number'])
              .where('p.year', '=', year)
              .where(
                'm.number',
                'in',
                measures.map((m) => m.measure),
              )
              .execute()
          : [];
        return measures.map((m) => ({ ...m, offTrack: true, tasks: tasks.filter((t) => t.number === m.measure).map((t) => ({ id: t.id, title: t.title })) }));
      },
    );

    app.get(
      '/:code',
      {
        preHandler: requireRole(...READ),
        schema: {
          tags: ['indicators'],
          summary: '指标详情：定义与版本、各期结果、各单位、说明（计入与排除）、未达标案件',
          params: Code,
          querystring: DetailQuery,
        },
      },
      async (req) => {
        const q = req.query as Static<typeof DetailQuery>;
        const v = visibleUnits(req.user!, q.unitId);
        return indicatorDetail(db, (req.params as Static<typeof Code>).code, { ...q, ...v });
      },
    );

    app.get(
      '/:code/cases',
      {
        preHandler: requireRole(...READ),
        schema: { tags: ['indicators'], summary: '指标的未达标、排除或计入案件（含计算的用时）', params: Code, querystring: CasesQuery },
      },
      async (req) => {
        const q = req.query as Static<typeof CasesQuery>;
        const v = visibleUnits(req.user!, q.unitId);
        const def = await getDefinition(db, (req.params as Static<typeof Code>).code, q.version);
        const year = q.year ?? (await monitoringYear(db));
        const asOf = asOfFor(year);
        const range = periodRange(year, q.periodKind ?? 'ytd', q.period ?? asOf.slice(0, 7));
        const leads = await leadUnits(db, year);
        const units = v.unitId !== undefined ? [v.unitId] : v.unitIds;
        const base = { year, asOf, defaultUnitId: leads.get(def.plan.measure) ?? null, which: q.which, from: range.from, to: range.to, limit: q.limit ?? 500 };
        if (!units) return listCases(db, def, base);
        const parts = await Promise.all(units.map((u) => listCases(db, def, { ...base, unitId: u })));
        return { total: parts.reduce((n, p) => n + p.total, 0), items: parts.flatMap((p) => p.items) };
      },
    );

    app.put(
      '/:code/definition',
      {
        preHandler: requireRole(...OFFICE),
        schema: { tags: ['indicators'], summary: '调整指标定义（生成新版本并重新计算；旧结果保留原版本）', params: Code, body: Adjust },
      },
      async (req) => {
        const { code } = req.params as Static<typeof Code>;
        const b = req.body as Static<typeof Adjust>;
        const def = await adjustDefinition(db, code, b.changes, { actor: req.user!.account, reason: b.reason });
        await recompute(db, { codes: [code] });
        return { ...def, target: targetText(def) };
      },
    );

    const OrderBody = Type.Object({
      unitId: Type.Optional(Type.Integer({ minimum: 1 })),
      requirement: Type.Optional(Type.String({ maxLength: 2000 })),
      replyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
      year: Type.Optional(Type.Integer()),
    });
    app.post(
      '/:code/orders',
      { preHandler: requireRole(...OFFICE), schema: { tags: ['indicators'], summary: '就未达标指标发起督办（台账督办单）', params: Code, body: OrderBody } },
      async (req) => {
        const { code } = req.params as Static<typeof Code>;
        const b = req.body as Static<typeof OrderBody>;
        const year = b.year ?? (await monitoringYear(db));
        const d = await indicatorDetail(db, code, { year });
        if (d.current?.status !== 'breached') throw new ConflictError('该指标当前未处于“未达标”状态，无需督办');
        const task = await db
          .selectFrom('ledger_task as t')
          .innerJoin('measure as m', 'm.id', 't.measure_id')
          .innerJoin('plan as p', 'p.id', 't.plan_id')
          .select(['t.id'])
          .where('p.year', '=', year)
          .where('m.number', '=', d.measure)
          .orderBy('t.seq')
          .executeTakeFirst();
        if (!task) throw new ConflictError(`第${d.measure}条措施尚未建立台账任务，请先初始化改革台账`);
        const lead = b.unitId ?? (await leadUnits(db, year)).get(d.measure);
        if (!lead) throw new InputRejectedError('请指定督办单位');
        const reason = `指标“${d.name}”未达标：目标 ${d.target}，截至 ${d.current.asOf} 为 ${d.current.value ?? '—'}（${d.valueLabel}），未达标案件 ${d.breaching.total} 件（定义第${d.version}版）。`;
        return createOrder(db, req.user!.account, {
          taskId: task.id,
          unitId: lead,
          reason,
          requirement: b.requirement ?? '请核查未达标案件原因，限期整改并反馈整改情况。',
          replyDays: b.replyDays ?? 5,
        });
      },
    );
  };
}
