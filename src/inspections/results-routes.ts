import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { AppContext } from '../shared/index.js';
import { Publication, PublicationQuery, ResultMeta } from './credit-api.js';
import { PUBLICATION_BASIS, PUBLICATION_WORKING_DAYS, RESULT_CATEGORIES, publicationState } from './core/results.js';

const tags = ['inspections'];

/** Result categories and the publication deadline (一公开), public. Under /api/inspections/results. */
export function resultMetaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/meta', { schema: { tags, summary: '抽查结果类别与公示时限', response: { 200: ResultMeta } } }, async () => ({
      categories: RESULT_CATEGORIES.map((c) => ({ ...c })),
      publicationWorkingDays: PUBLICATION_WORKING_DAYS,
      publicationBasis: PUBLICATION_BASIS,
    }));
    app.get(
      '/publication-due',
      { schema: { tags, summary: '抽查结果公示期限（产生之日起 20 个工作日）与是否逾期', querystring: PublicationQuery, response: { 200: Publication } } },
      async (req) =>
        publicationState(
          provisionalWorkingDays(await loadCalendar(ctx.db)),
          { producedOn: req.query.producedOn, publishedOn: req.query.publishedOn ?? null },
          chinaToday(),
        ),
    );
  };
}
