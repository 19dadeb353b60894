import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireRole, sessionUser } from '../auth/index.js';
import { IdParams, InputRejectedError, publicRead, type AppContext } from '../shared/index.js';
import { AttachmentLink, AttachmentParams, Facets, PolicyBody, PolicyView, PublishedPolicy, SearchQuery, SearchResult } from './api.js';
import { publishPolicy, today } from './matching.js';
import {
  addAttachment,
  createPolicy,
  getPolicy,
  ITEM_KINDS,
  policyFacets,
  readAttachment,
  searchPolicies,
  discardPolicyRevision,
  publishPolicyRevision,
  setPolicyStatus,
  updatePolicy,
} from './policy-store.js';
import { EDIT, FileDownload, isStaff, PUBLISH, tags } from './route-common.js';

/** Staff also see drafts and pending revisions: their answers are personal (uncached, private). */
const staffAnswer = (req: FastifyRequest) => isStaff(req.user);

/** The policy library: search, reading, editing, publishing, attachments. */
export function libraryRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        ...publicRead(['policies'], staffAnswer),
        schema: { tags, summary: '政策检索（中文分词、排序、高亮摘要、筛选）', querystring: SearchQuery, response: { 200: SearchResult } },
      },
      async (req) => {
        const q = req.query;
        return searchPolicies(ctx.db, {
          q: q.q?.trim() || undefined,
          issuer: q.issuer,
          topic: q.topic,
          validOn: q.valid ? today() : undefined,
          status: q.all && isStaff(req.user) ? 'all' : 'published',
          limit: q.limit,
          offset: q.offset,
        });
      },
    );

    app.get('/facets', { ...publicRead(['policies']), schema: { tags, summary: '发文单位与主题（筛选项）', response: { 200: Facets } } }, async () => ({
      ...(await policyFacets(ctx.db)),
      itemKinds: ITEM_KINDS,
    }));

    app.get(
      '/:id',
      { ...publicRead(['policies'], staffAnswer), schema: { tags, summary: '政策详情（含事项与适用规则）', params: IdParams, response: { 200: PolicyView } } },
      async (req) => getPolicy(ctx.db, req.params.id, { staff: isStaff(req.user) }),
    );

    app.post(
      '/',
      { preHandler: requireRole(...EDIT), schema: { tags, summary: '新建政策（草稿）', body: PolicyBody, response: { 200: PolicyView } } },
      async (req) => getPolicy(ctx.db, await createPolicy(ctx.db, req.body, sessionUser(req).account), { staff: true }),
    );

    app.put(
      '/:id',
      {
        preHandler: requireRole(...EDIT),
        schema: {
          tags,
          summary: '修改政策（已发布的政策：保存为待发布的修改，营商办发布后生效）',
          params: IdParams,
          body: PolicyBody,
          response: { 200: PolicyView },
        },
      },
      async (req) => {
        await updatePolicy(ctx.db, req.params.id, req.body, sessionUser(req).account);
        return getPolicy(ctx.db, req.params.id, { staff: true });
      },
    );

    app.post(
      '/:id/publish',
      {
        preHandler: requireRole(...PUBLISH),
        schema: { tags, summary: '发布政策并向符合条件的企业推送', params: IdParams, response: { 200: PublishedPolicy } },
      },
      async (req) => publishPolicy(ctx.db, req.params.id, sessionUser(req).account),
    );

    app.post(
      '/:id/revision/publish',
      {
        preHandler: requireRole(...PUBLISH),
        schema: { tags, summary: '发布已发布政策的待发布修改', params: IdParams, response: { 200: PolicyView } },
      },
      async (req) => {
        await publishPolicyRevision(ctx.db, req.params.id, sessionUser(req).account);
        return getPolicy(ctx.db, req.params.id, { staff: true });
      },
    );

    app.post(
      '/:id/revision/discard',
      {
        preHandler: requireRole(...PUBLISH),
        schema: { tags, summary: '放弃待发布的修改', params: IdParams, response: { 200: PolicyView } },
      },
      async (req) => {
        await discardPolicyRevision(ctx.db, req.params.id, sessionUser(req).account);
        return getPolicy(ctx.db, req.params.id, { staff: true });
      },
    );

    app.post(
      '/:id/withdraw',
      { preHandler: requireRole(...PUBLISH), schema: { tags, summary: '废止/撤回政策', params: IdParams, response: { 200: PolicyView } } },
      async (req) => {
        await setPolicyStatus(ctx.db, req.params.id, 'withdrawn', sessionUser(req).account);
        return getPolicy(ctx.db, req.params.id, { staff: true });
      },
    );

    app.post(
      '/:id/attachments',
      {
        preHandler: requireRole(...EDIT),
        schema: { tags, summary: '上传政策附件', params: IdParams, consumes: ['multipart/form-data'], response: { 200: AttachmentLink } },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传附件');
        return addAttachment(ctx.db, ctx.dataDir, req.params.id, { fileName: file.filename, buffer: await file.toBuffer(), actor: sessionUser(req).account });
      },
    );

    app.get(
      '/:id/attachments/:key',
      { schema: { tags, summary: '下载政策附件', params: AttachmentParams, response: { 200: FileDownload('政策附件') } } },
      async (req, reply) => {
        const a = await readAttachment(ctx.db, ctx.dataDir, req.params.id, req.params.key, isStaff(req.user));
        reply.header('content-type', 'application/octet-stream');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
        return reply.send(a.buffer);
      },
    );
  };
}
