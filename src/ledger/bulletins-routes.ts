import { checkpointStore, writeAuditCheckpoint } from '../audit/index.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { attachment, DOCX_TYPE } from './download.js';
import { LEDGER_READERS } from './access.js';
import { AsOfQuery, Bulletin, CycleParams, FileDownload } from './api.js';
import { optionalAsOf } from './as-of.js';
import { buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';

const tags = ['ledger'];

/** The periodic bulletin (定期通报) of a reporting cycle, as data and as a Word document. */
export function bulletinsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  return async (app) => {
    app.get(
      '/cycles/:cycleId/bulletin',
      { preHandler: readers, schema: { tags, summary: '定期通报（网页数据）', params: CycleParams, querystring: AsOfQuery, response: { 200: Bulletin } } },
      async (req) => buildBulletin(db, req.params.cycleId, optionalAsOf(req.query)),
    );
    app.get(
      '/cycles/:cycleId/bulletin.docx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '定期通报（Word 文档，公文格式）',
          params: CycleParams,
          querystring: AsOfQuery,
          response: { 200: FileDownload('定期通报（.docx）') },
        },
      },
      async (req, reply) => {
        const b = await buildBulletin(db, req.params.cycleId, optionalAsOf(req.query));
        // The document carries the audit chain's head, signed into a checkpoint outside the database.
        const head = await writeAuditCheckpoint(db, checkpointStore(ctx.dataDir, ctx.auditKeyFile), `bulletin ${b.docNumber}`);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`${b.cycleLabel}优化营商环境工作通报.docx`));
        return reply.send(await bulletinDocx(b, head));
      },
    );
  };
}
