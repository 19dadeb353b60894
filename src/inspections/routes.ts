import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { creditRoutes } from './credit-routes.js';
import { exemptionRoutes } from './exemption-routes.js';
import { planRoutes } from './plan-routes.js';
import { resultMetaRoutes } from './results-routes.js';
import { checkRoutes, publicResultRoutes, riskRoutes } from './check-routes.js';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, Ok, publicRead, type AppContext } from '../shared/index.js';
import { INSPECTION_KEEPERS, INSPECTION_OFFICE, INSPECTION_READERS } from './access.js';
import {
  CommitBody,
  Committed,
  Created,
  DrawDetail,
  DrawParamsSchema,
  DrawProof,
  DrawSummary,
  ImportResult,
  InspectorBody,
  InspectorPage,
  InspectorParams,
  InspectorQuery,
  Item,
  ItemBody,
  ItemParams,
  ItemQuery,
  ObjectBody,
  ObjectCreated,
  ObjectPage,
  ObjectParams,
  ObjectQuery,
  Ran,
  SeedInputsBody,
} from './api.js';
import {
  createInspector,
  createItem,
  createObject,
  importInspectors,
  listInspectors,
  listItems,
  listObjects,
  updateInspector,
  updateItem,
  updateObject,
} from './directory-store.js';
import { commitDraw, drawProof, getDraw, listDraws, runStoredDraw, setSeedInputs } from './draw-store.js';

const tags = ['inspections'];

/** 双随机、一公开: the two directories, the item list, draws and their public proofs. Mounted at /api/inspections. */
export function inspectionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...INSPECTION_READERS);
  const keepers = requireRole(...INSPECTION_KEEPERS);
  const office = requireRole(...INSPECTION_OFFICE);
  return async (app) => {
    await app.register(creditRoutes(ctx), { prefix: '/credit' });
    await app.register(exemptionRoutes(ctx), { prefix: '/exemptions' });
    await app.register(resultMetaRoutes(ctx), { prefix: '/results' });
    await app.register(planRoutes(ctx));
    await app.register(checkRoutes(ctx), { prefix: '/checks' });
    await app.register(riskRoutes(ctx), { prefix: '/risk' });
    await app.register(publicResultRoutes(ctx), { prefix: '/public/results' });
    // ---- 检查对象名录库 ----
    app.get(
      '/objects',
      { preHandler: readers, schema: { tags, summary: '检查对象名录库（企业名录与其他检查对象）', querystring: ObjectQuery, response: { 200: ObjectPage } } },
      async (req) => listObjects(db, { ...req.query, source: req.query.source ?? 'enterprise' }),
    );
    app.post(
      '/objects',
      { preHandler: office, schema: { tags, summary: '添加其他检查对象（如专利代理机构）', body: ObjectBody, response: { 200: ObjectCreated } } },
      async (req) => createObject(db, sessionUser(req).account, req.body),
    );
    app.put(
      '/objects/:objectId',
      { preHandler: office, schema: { tags, summary: '修改其他检查对象', params: ObjectParams, body: ObjectBody, response: { 200: Ok } } },
      async (req) => updateObject(db, sessionUser(req).account, req.params.objectId, req.body),
    );
    // ---- 执法检查人员名录库 ----
    app.get(
      '/inspectors',
      {
        preHandler: readers,
        schema: { tags, summary: '执法检查人员名录库（单位工作人员仅本单位）', querystring: InspectorQuery, response: { 200: InspectorPage } },
      },
      async (req) => listInspectors(db, sessionUser(req), req.query),
    );
    app.post(
      '/inspectors',
      { preHandler: keepers, schema: { tags, summary: '登记检查人员（单位工作人员仅本单位）', body: InspectorBody, response: { 200: Created } } },
      async (req) => createInspector(db, sessionUser(req), req.body),
    );
    app.put(
      '/inspectors/:inspectorId',
      { preHandler: keepers, schema: { tags, summary: '修改检查人员与回避关系', params: InspectorParams, body: InspectorBody, response: { 200: Ok } } },
      async (req) => updateInspector(db, sessionUser(req), req.params.inspectorId, req.body),
    );
    app.post(
      '/inspectors/import',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '从 CSV/XLSX 导入检查人员（整表校验，全部成功或全部不导入；按执法证号更新）',
          consumes: ['multipart/form-data'],
          response: { 200: ImportResult },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importInspectors(db, sessionUser(req).account, file.filename, await file.toBuffer());
      },
    );
    // ---- 抽查事项清单 ----
    app.get(
      '/items',
      { preHandler: readers, schema: { tags, summary: '各部门抽查事项清单', querystring: ItemQuery, response: { 200: Type.Array(Item) } } },
      async (req) => listItems(db, req.query),
    );
    app.post(
      '/items',
      { preHandler: keepers, schema: { tags, summary: '添加抽查事项（单位工作人员仅本单位）', body: ItemBody, response: { 200: Created } } },
      async (req) => createItem(db, sessionUser(req), req.body),
    );
    app.put(
      '/items/:itemId',
      { preHandler: keepers, schema: { tags, summary: '修改抽查事项', params: ItemParams, body: ItemBody, response: { 200: Ok } } },
      async (req) => updateItem(db, sessionUser(req), req.params.itemId, req.body),
    );
    // ---- draws ----
    app.get(
      '/draws',
      { preHandler: readers, schema: { tags, summary: '抽查列表（单位工作人员仅本部门发起或参与的）', response: { 200: Type.Array(DrawSummary) } } },
      async (req) => listDraws(db, sessionUser(req)),
    );
    app.get(
      '/draws/:drawId',
      { preHandler: readers, schema: { tags, summary: '抽查详情：承诺、种子来源与抽取结果', params: DrawParamsSchema, response: { 200: DrawDetail } } },
      async (req) => getDraw(db, sessionUser(req), req.params.drawId),
    );
    app.post(
      '/draws',
      { preHandler: office, schema: { tags, summary: '公开承诺一次抽查（名录快照、参数与种子来源）', body: CommitBody, response: { 200: Committed } } },
      async (req) => commitDraw(db, sessionUser(req), req.body),
    );
    app.put(
      '/draws/:drawId/seed-inputs',
      {
        preHandler: office,
        schema: { tags, summary: '录入监督人号码与开奖号码', params: DrawParamsSchema, body: SeedInputsBody, response: { 200: Ok } },
      },
      async (req) => setSeedInputs(db, sessionUser(req), req.params.drawId, req.body),
    );
    app.post(
      '/draws/:drawId/run',
      { preHandler: office, schema: { tags, summary: '按公开算法抽取对象并选派检查人员', params: DrawParamsSchema, response: { 200: Ran } } },
      async (req) => runStoredDraw(db, sessionUser(req), req.params.drawId),
    );
    // ---- public (一公开): no login ----
    app.get(
      '/public/draws',
      { ...publicRead(['inspections', 'units']), schema: { tags, summary: '公开：全部抽查的承诺与结果', response: { 200: Type.Array(DrawSummary) } } },
      async () => listDraws(db, null),
    );
    app.get(
      '/public/draws/:drawId',
      { schema: { tags, summary: '公开：一次抽查的承诺、种子来源与结果', params: DrawParamsSchema, response: { 200: DrawDetail } } },
      async (req) => getDraw(db, null, req.params.drawId),
    );
    app.get(
      '/public/draws/:drawId/proof',
      {
        schema: { tags, summary: '公开：验证所需的全部输入（名录快照、参数、种子来源）与结果', params: DrawParamsSchema, response: { 200: DrawProof } },
      },
      async (req) => drawProof(db, req.params.drawId),
    );
  };
}
