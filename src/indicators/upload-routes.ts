import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { createApiToken, listApiTokens, requireRole, revokeApiToken, sessionUser, unitForToken } from '../auth/index.js';
import { ForbiddenError, InputRejectedError, Ok, UnauthorizedError, type AppContext } from '../shared/index.js';
import { uploaderOf } from './access.js';
import { ApiToken, ImportResult, JsonRecordsBody, Started, TokenBody, TokenIssued, TokenParams, TypeParams } from './api.js';
import { importJsonRecords, type Uploader } from './record-store.js';
import { startRecordImport } from './import-job.js';
import { OFFICE, UPLOAD } from './roles.js';

const tags = ['indicators'];
const RECORD_FILE_LIMIT = 128 * 1024 * 1024;

// The unit of the API token a request came with (the JSON record API).
const tokenUnits = new WeakMap<FastifyRequest, number>();

/** Taking records in: file upload, the JSON record API (login or a unit's API token), and the office's API tokens. */
export function uploadRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const db = ctx.db;
  return async (app) => {
    app.post(
      '/records/:type/upload',
      {
        preHandler: requireRole(...UPLOAD),
        schema: {
          tags,
          summary: '上传案件记录（CSV/XLSX）：后台导入，立即返回运行编号（逐行校验，全部成功或全部不导入；按编号更新；进度见 /api/jobs/runs/:runId）',
          params: TypeParams,
          consumes: ['multipart/form-data'],
          response: { 202: Started },
        },
      },
      async (req, reply) => {
        // Up to a million rows (~60 MB as CSV): larger than the 20 MB of other uploads.
        const file = await req.file({ limits: { fileSize: RECORD_FILE_LIMIT } });
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        const user = sessionUser(req);
        const started = await startRecordImport(db, ctx.dataDir, {
          type: req.params.type,
          fileName: file.filename,
          buffer: await file.toBuffer(),
          uploader: uploaderOf(user),
          by: { id: user.id, account: user.account },
        });
        return reply.code(202).send(started);
      },
    );

    // JSON API: a logged-in office or unit user, or a department system with its unit's API token (Authorization: Bearer …).
    app.post(
      '/records/:type',
      {
        bodyLimit: 32 * 1024 * 1024, // up to 50,000 records per call
        onRequest: async (req) => {
          if (req.user) {
            if (!UPLOAD.includes(req.user.role)) throw new ForbiddenError('此操作仅限：营商办、单位工作人员');
            return;
          }
          const auth = req.headers.authorization;
          const m = auth && /^Bearer\s+(\S+)$/.exec(auth);
          const t = m?.[1] ? await unitForToken(db, m[1]) : null;
          if (!t) throw new UnauthorizedError(m ? 'API 令牌无效或已停用' : '请先登录或提供 API 令牌');
          tokenUnits.set(req, t.unitId);
        },
        schema: {
          tags,
          summary: '提交案件记录（JSON；登录或单位 API 令牌；全部成功或全部不导入；按编号更新）',
          params: TypeParams,
          body: JsonRecordsBody,
          response: { 200: ImportResult },
        },
      },
      async (req) => {
        const tokenUnit = tokenUnits.get(req);
        const uploader: Uploader = tokenUnit !== undefined ? { actor: `token:unit${tokenUnit}`, unitIds: [tokenUnit] } : uploaderOf(sessionUser(req));
        return importJsonRecords(db, { type: req.params.type, records: req.body.records, uploader });
      },
    );

    app.get(
      '/tokens',
      { preHandler: requireRole(...OFFICE), schema: { tags, summary: '单位 API 令牌列表', response: { 200: Type.Array(ApiToken) } } },
      async () => listApiTokens(db),
    );

    app.post(
      '/tokens',
      { preHandler: requireRole(...OFFICE), schema: { tags, summary: '为单位签发 API 令牌（只显示一次）', body: TokenBody, response: { 200: TokenIssued } } },
      async (req) => createApiToken(db, { ...req.body, actor: sessionUser(req).account }),
    );

    app.delete(
      '/tokens/:id',
      { preHandler: requireRole(...OFFICE), schema: { tags, summary: '停用 API 令牌', params: TokenParams, response: { 200: Ok } } },
      async (req) => {
        await revokeApiToken(db, req.params.id, sessionUser(req).account);
        return { ok: true as const };
      },
    );
  };
}
