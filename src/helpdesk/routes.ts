import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, Ok, type AppContext } from '../shared/index.js';
import {
  Faq,
  FaqBody,
  FaqImported,
  FaqList,
  FaqParams,
  FaqQuery,
  FileDownload,
  Status,
  Synonym,
  SynonymBody,
  SynonymList,
  SynonymParams,
  tags,
} from './api.js';
import {
  createFaq,
  createSynonym,
  deleteFaq,
  deleteSynonym,
  exportFaqXlsx,
  getFaq,
  importFaqFile,
  listFaq,
  listSynonyms,
  updateFaq,
  updateSynonym,
} from './faq-store.js';
import { helpdeskStatus } from './knowledge-cache.js';
import { helpdeskLogRoutes } from './log-routes.js';
import { liveChatRoutes } from './live-chat-routes.js';

/** Who keeps the FAQ and the synonyms: the office. */
export const FAQ_EDITORS = ['office', 'admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 智能客服 (mounted at /api/helpdesk): anyone may ask (no login; rate-limited per client address like the anonymous
 * request form's follow-up); the office keeps the FAQ and the synonym list (export and import as Excel).
 */
export function helpdeskRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    // POST /ask (logged per conversation), clicks, ratings, 转人工, misses: ./log-routes.ts
    await app.register(helpdeskLogRoutes(ctx));
    await app.register(liveChatRoutes(ctx));
    app.get(
      '/status',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '知识索引状态（条目数、上次重建用时）', response: { 200: Status } } },
      async () => helpdeskStatus(db),
    );

    app.get(
      '/faq',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '常见问题库', querystring: FaqQuery, response: { 200: FaqList } } },
      async (req) => listFaq(db, { q: req.query.q }),
    );
    app.get(
      '/faq.xlsx',
      {
        preHandler: requireRole(...FAQ_EDITORS),
        schema: { tags, summary: '导出常见问题库（Excel，可编辑后导入）', response: { 200: FileDownload('常见问题库（.xlsx）') } },
      },
      async (_req, reply) => {
        const { buffer, fileName } = await exportFaqXlsx(db);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(buffer);
      },
    );
    app.post(
      '/faq/import',
      {
        preHandler: requireRole(...FAQ_EDITORS),
        schema: {
          tags,
          summary: '导入常见问题库（Excel/CSV，整表校验，全部成功或全部不导入）',
          consumes: ['multipart/form-data'],
          response: { 200: FaqImported },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 Excel 或 CSV 文件');
        return importFaqFile(db, { fileName: file.filename, buffer: await file.toBuffer(), actor: sessionUser(req).account });
      },
    );
    app.post(
      '/faq',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '新增常见问题', body: FaqBody, response: { 200: Faq } } },
      async (req) => createFaq(db, sessionUser(req).account, req.body),
    );
    app.get(
      '/faq/:faqId',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '一条常见问题', params: FaqParams, response: { 200: Faq } } },
      async (req) => getFaq(db, req.params.faqId),
    );
    app.put(
      '/faq/:faqId',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '修改常见问题', params: FaqParams, body: FaqBody, response: { 200: Faq } } },
      async (req) => updateFaq(db, sessionUser(req).account, req.params.faqId, req.body),
    );
    app.delete(
      '/faq/:faqId',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '删除常见问题', params: FaqParams, response: { 200: Ok } } },
      async (req) => {
        await deleteFaq(db, sessionUser(req).account, req.params.faqId);
        return { ok: true as const };
      },
    );

    app.get('/synonyms', { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '同义词与简称表', response: { 200: SynonymList } } }, async () =>
      listSynonyms(db),
    );
    app.post(
      '/synonyms',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '新增同义词组', body: SynonymBody, response: { 200: Synonym } } },
      async (req) => createSynonym(db, sessionUser(req).account, req.body),
    );
    app.put(
      '/synonyms/:synonymId',
      {
        preHandler: requireRole(...FAQ_EDITORS),
        schema: { tags, summary: '修改同义词组', params: SynonymParams, body: SynonymBody, response: { 200: Synonym } },
      },
      async (req) => updateSynonym(db, sessionUser(req).account, req.params.synonymId, req.body),
    );
    app.delete(
      '/synonyms/:synonymId',
      { preHandler: requireRole(...FAQ_EDITORS), schema: { tags, summary: '删除同义词组', params: SynonymParams, response: { 200: Ok } } },
      async (req) => {
        await deleteSynonym(db, sessionUser(req).account, req.params.synonymId);
        return { ok: true as const };
      },
    );
  };
}
