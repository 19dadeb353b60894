import { checkpointStore, writeAuditCheckpoint } from '../audit/index.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { attachment, DOCX_TYPE } from './download.js';
import { LEDGER_OFFICE, LEDGER_READERS } from './access.js';
import {
  AsOfQuery,
  Bulletin,
  BulletinDoc,
  BulletinIssued,
  BulletinListQuery,
  BulletinParams,
  BulletinPatchBody,
  BulletinSummary,
  RunStarted,
  CycleParams,
  FileDownload,
  NewBulletinBody,
  PlanParams,
} from './api.js';
import { optionalAsOf } from './as-of.js';
import { buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';
import { startBulletinDraft } from './background-jobs.js';
import { bulletinDocxOf, deleteBulletinDraft, getBulletinDoc, issueBulletin, listBulletins, updateBulletinDraft } from './bulletin-store.js';

const tags = ['ledger'];

/**
 * The periodic bulletin (定期通报): the live view of a cycle (data and .docx), and bulletins as documents —
 * drafts the office edits, issued bulletins frozen with their number (the archive), each with its .docx.
 */
export function bulletinsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const office = requireRole(...LEDGER_OFFICE);
  const checkpoints = () => checkpointStore(ctx.dataDir, ctx.auditKeyFile);
  return async (app) => {
    app.get(
      '/cycles/:cycleId/bulletin',
      {
        preHandler: readers,
        schema: { tags, summary: '定期通报（按周期实时汇总，未签发）', params: CycleParams, querystring: AsOfQuery, response: { 200: Bulletin } },
      },
      async (req) => buildBulletin(db, req.params.cycleId, optionalAsOf(req.query)),
    );
    app.get(
      '/cycles/:cycleId/bulletin.docx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '定期通报（按周期实时汇总的 Word 文档，未签发）',
          params: CycleParams,
          querystring: AsOfQuery,
          response: { 200: FileDownload('定期通报（.docx）') },
        },
      },
      async (req, reply) => {
        const b = await buildBulletin(db, req.params.cycleId, optionalAsOf(req.query));
        // The document carries the audit chain's head, signed into a checkpoint outside the database.
        const head = await writeAuditCheckpoint(db, checkpoints(), `bulletin preview ${b.cycleLabel}`);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`${b.cycleLabel}优化营商环境工作通报.docx`));
        return reply.send(await bulletinDocx(b, head));
      },
    );

    app.get(
      '/plans/:planId/bulletins',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '通报列表：已签发的通报（归档），营商办另见草稿',
          params: PlanParams,
          querystring: BulletinListQuery,
          response: { 200: Type.Array(BulletinSummary) },
        },
      },
      async (req) => listBulletins(db, sessionUser(req), { planId: req.params.planId, ...req.query }),
    );
    app.post(
      '/plans/:planId/bulletins',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '起草通报（报送周期、数据截至日期；立即校验，通过后在后台汇总数据并写入草稿，返回运行编号，结果链接到草稿）',
          params: PlanParams,
          body: NewBulletinBody,
          response: { 202: RunStarted },
        },
      },
      async (req, reply) => reply.code(202).send(await startBulletinDraft(db, sessionUser(req), { planId: req.params.planId, ...req.body })),
    );
    app.get(
      '/bulletins/:bulletinId',
      {
        preHandler: readers,
        schema: { tags, summary: '一份通报：已签发的为冻结内容，草稿为按数据截至日期实时汇总', params: BulletinParams, response: { 200: BulletinDoc } },
      },
      async (req) => getBulletinDoc(db, sessionUser(req), req.params.bulletinId),
    );
    app.patch(
      '/bulletins/:bulletinId',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '修改通报草稿（标题、数据截至日期、各部分文字；已签发的不能修改）',
          params: BulletinParams,
          body: BulletinPatchBody,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await updateBulletinDraft(db, sessionUser(req), req.params.bulletinId, req.body);
        return { ok: true as const };
      },
    );
    app.delete(
      '/bulletins/:bulletinId',
      { preHandler: office, schema: { tags, summary: '删除通报草稿（已签发的不能删除）', params: BulletinParams, response: { 200: Ok } } },
      async (req) => {
        await deleteBulletinDraft(db, sessionUser(req), req.params.bulletinId);
        return { ok: true as const };
      },
    );
    app.post(
      '/bulletins/:bulletinId/issue',
      {
        preHandler: office,
        schema: { tags, summary: '签发通报：编号、冻结内容与 Word 文档，通知各责任单位', params: BulletinParams, response: { 200: BulletinIssued } },
      },
      async (req) => {
        const issued = await issueBulletin(db, sessionUser(req), req.params.bulletinId);
        // The frozen document carries the audit head before its issue; the checkpoint signs the head after it.
        await writeAuditCheckpoint(db, checkpoints(), `bulletin ${issued.number}`);
        return issued;
      },
    );
    app.get(
      '/bulletins/:bulletinId/bulletin.docx',
      {
        preHandler: readers,
        schema: { tags, summary: '通报的 Word 文档（已签发的为签发时冻结的文件）', params: BulletinParams, response: { 200: FileDownload('通报（.docx）') } },
      },
      async (req, reply) => {
        const doc = await bulletinDocxOf(db, sessionUser(req), req.params.bulletinId);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(doc.fileName));
        return reply.send(doc.bytes);
      },
    );
  };
}
