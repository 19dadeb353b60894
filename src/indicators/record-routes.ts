import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, type AppContext } from '../shared/index.js';
import { unitList, uploaderOf, visibleUnits } from './access.js';
import { CaseRecord, CsvFile, RecordChange, RecordEditBody, RecordPage, RecordParams, RecordsQuery, RecordTypeInfo, TypeParams } from './api.js';
import { RECORD_SPECS, RECORD_TYPES, isRecordType, templateHeader } from './core/index.js';
import { deleteRecord, getRecord, listRecords, updateRecord } from './record-browse.js';
import { READ, UPLOAD } from './roles.js';

const tags = ['indicators'];

/** Record types and their templates; single records: browse, edit, delete (unit staff: their units' records only). */
export function recordRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const db = ctx.db;
  return async (app) => {
    app.get(
      '/record-types',
      { preHandler: requireRole(...READ), schema: { tags, summary: '案件记录类型、字段与模板表头', response: { 200: Type.Array(RecordTypeInfo) } } },
      async () =>
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
      { preHandler: requireRole(...READ), schema: { tags, summary: '下载记录模板（CSV，UTF-8）', params: TypeParams, response: { 200: CsvFile } } },
      async (req, reply) => {
        const { type } = req.params;
        if (!isRecordType(type)) throw new InputRejectedError(`未知的记录类型“${type}”`);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${RECORD_SPECS[type].label}模板.csv`)}`);
        return `\uFEFF${templateHeader(type).join(',')}\n`;
      },
    );

    app.get(
      '/records/:type',
      {
        preHandler: requireRole(...READ),
        schema: {
          tags,
          summary: '案件记录列表（分页；按编号或名称搜索；单位工作人员看本单位）',
          params: TypeParams,
          querystring: RecordsQuery,
          response: { 200: RecordPage },
        },
      },
      async (req) => {
        const { unitId, ...q } = req.query;
        return listRecords(db, { ...q, type: req.params.type, unitIds: unitList(visibleUnits(sessionUser(req), unitId)) });
      },
    );

    app.get(
      '/records/:type/:externalId',
      { preHandler: requireRole(...READ), schema: { tags, summary: '一条案件记录', params: RecordParams, response: { 200: CaseRecord } } },
      async (req) => getRecord(db, { ...req.params, unitIds: uploaderOf(sessionUser(req)).unitIds }),
    );

    app.put(
      '/records/:type/:externalId',
      {
        preHandler: requireRole(...UPLOAD),
        schema: {
          tags,
          summary: '修改一条案件记录（与导入相同的校验；留痕；重新计算相关指标）',
          params: RecordParams,
          body: RecordEditBody,
          response: { 200: RecordChange },
        },
      },
      async (req) => {
        const u = uploaderOf(sessionUser(req));
        const { values, unit, updatedAt } = req.body;
        return updateRecord(db, { ...req.params, values, unit, expectedUpdatedAt: updatedAt, actor: u.actor, unitIds: u.unitIds });
      },
    );

    app.delete(
      '/records/:type/:externalId',
      {
        preHandler: requireRole(...UPLOAD),
        schema: { tags, summary: '删除一条案件记录（留痕；重新计算相关指标）', params: RecordParams, response: { 200: RecordChange } },
      },
      async (req) => {
        const u = uploaderOf(sessionUser(req));
        return deleteRecord(db, { ...req.params, actor: u.actor, unitIds: u.unitIds });
      },
    );
  };
}
