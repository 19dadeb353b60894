import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { IdParams, type AppContext } from '../shared/index.js';
import { EXEMPTION_EDITORS } from './credit-access.js';
import { ExemptionBody, ExemptionList, ExemptionQuery, ExemptionUpdateBody, Saved } from './credit-api.js';
import { EXEMPTION_KINDS, EXEMPTION_KIND_BASIS } from './core/exemption.js';
import { createExemption, listExemptions, updateExemption } from './exemption-store.js';

const tags = ['inspections'];

/** 免罚清单: public reading, the office edits. Under /api/inspections/exemptions. */
export function exemptionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const editors = requireRole(...EXEMPTION_EDITORS);
  return async (app) => {
    app.get(
      '/',
      { schema: { tags, summary: '免罚清单（公开；营商办可看已停用条目）', querystring: ExemptionQuery, response: { 200: ExemptionList } } },
      async (req) => ({
        kinds: EXEMPTION_KINDS.map((kind) => ({ kind, basis: EXEMPTION_KIND_BASIS[kind] })),
        items: await listExemptions(db, {
          includeInactive: req.query.all === true && !!req.user && EXEMPTION_EDITORS.includes(req.user.role),
          unitId: req.query.unitId,
        }),
      }),
    );
    app.post('/', { preHandler: editors, schema: { tags, summary: '新增免罚清单条目', body: ExemptionBody, response: { 200: Saved } } }, async (req) =>
      createExemption(db, sessionUser(req).account, req.body),
    );
    app.put(
      '/:id',
      { preHandler: editors, schema: { tags, summary: '修改或停用免罚清单条目', params: IdParams, body: ExemptionUpdateBody, response: { 200: Saved } } },
      async (req) => updateExemption(db, sessionUser(req).account, req.params.id, req.body),
    );
  };
}
