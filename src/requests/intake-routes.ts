import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, type AppContext } from '../shared/index.js';
import { REQUEST_OFFICE, REQUEST_READERS } from './access.js';
import { RequestParams } from './api.js';
import { listAttachments, readAttachment } from './attachment-store.js';
import { start12345Import } from './import-job.js';
import {
  AttachmentInfo,
  AttachmentParams,
  FileDownload,
  FollowBody,
  ImportStarted,
  PublicAttachmentParams,
  PublicFiled,
  PublicRequestBody,
  PublicView,
} from './intake-api.js';
import { fileAnonymousRequest, followRequest, publicAttachment } from './public-store.js';
import { Type } from '@sinclair/typebox';

const tags = ['requests'];
/** `content-disposition` of a download (UTF-8 name, RFC 5987). */
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Requests from every channel (mounted inside /api/requests): anonymous filing and following (no login; rate-limited
 * per client address; CSRF by the app's Origin / Fetch-Metadata check, as for the login form), attachments, the
 * office's 12345 import.
 */
export function intakeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/public',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
        bodyLimit: 16 * 1024 * 1024,
        schema: { tags, summary: '免登录提交诉求（姓名、手机号码；返回诉求编号和查询码）', body: PublicRequestBody, response: { 200: PublicFiled } },
      },
      async (req) => fileAnonymousRequest(db, ctx.dataDir, req.body),
    );
    app.post(
      '/public/follow',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { tags, summary: '凭诉求编号和查询码查询办理进度', body: FollowBody, response: { 200: PublicView } },
      },
      async (req) => followRequest(db, req.body),
    );
    app.post(
      '/public/attachments/:attachmentId',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { tags, summary: '凭诉求编号和查询码下载本人提交的附件', params: PublicAttachmentParams, body: FollowBody, response: { 200: FileDownload } },
      },
      async (req, reply) => {
        const f = await publicAttachment(db, ctx.dataDir, { ...req.body, attachmentId: req.params.attachmentId });
        return reply.header('content-type', f.mime).header('content-disposition', attachment(f.fileName)).send(f.content);
      },
    );
    app.get(
      '/:requestId/attachments',
      {
        preHandler: requireRole(...REQUEST_READERS),
        schema: { tags, summary: '诉求的附件', params: RequestParams, response: { 200: Type.Array(AttachmentInfo) } },
      },
      async (req) => listAttachments(db, sessionUser(req), req.params.requestId),
    );
    app.get(
      '/:requestId/attachments/:attachmentId',
      { preHandler: requireRole(...REQUEST_READERS), schema: { tags, summary: '下载诉求附件', params: AttachmentParams, response: { 200: FileDownload } } },
      async (req, reply) => {
        const f = await readAttachment(db, ctx.dataDir, sessionUser(req), req.params.requestId, req.params.attachmentId);
        return reply.header('content-type', f.mime).header('content-disposition', attachment(f.fileName)).send(f.content);
      },
    );
    app.post(
      '/import',
      {
        preHandler: requireRole(...REQUEST_OFFICE),
        schema: {
          tags,
          summary: '导入 12345 平台转办工单（CSV/XLSX；立即逐行校验，有错即返回 400；通过后在后台写入，返回运行编号；全部无误才导入，按工单编号去重）',
          consumes: ['multipart/form-data'],
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请选择文件', [{ field: 'file', message: '必填' }]);
        const user = sessionUser(req);
        const started = await start12345Import(db, ctx.dataDir, {
          fileName: file.filename,
          buffer: await file.toBuffer(),
          by: { id: user.id, account: user.account },
        });
        return reply.code(202).send(started);
      },
    );
  };
}
