import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { InputRejectedError, Ok, type AppContext } from '../shared/index.js';
import { INSPECTION_KEEPERS, INSPECTION_OFFICE, INSPECTION_READERS } from './access.js';
import {
  EvidenceAdded,
  EvidenceDownload,
  Evaluated,
  FileParams,
  Figures,
  FiguresQuery,
  FirstOffence,
  FirstOffenceQuery,
  InspectorAccountBody,
  InspectorAccountParams,
  MyChecks,
  PublicResultPage,
  PublicResultQuery,
  PublishBody,
  Published,
  RecordBody,
  Recorded,
  ResultBody,
  ResultPage,
  ResultParams,
  ResultQuery,
  RiskFlagParams,
  RiskFlagQuery,
  RiskFlags,
  RiskResponseBody,
  RiskRuleBody,
  RiskRuleParams,
  RiskRules,
} from './results-api.js';
import { inspectionFigures } from './figures-store.js';
import {
  addEvidence,
  correctResult,
  firstOffenceCounts,
  linkInspectorAccount,
  listResults,
  myChecks,
  publicResults,
  publishResults,
  readEvidence,
  recordResult,
} from './result-store.js';
import { createRiskRule, evaluateRiskFlags, listRiskFlags, listRiskRules, respondRiskFlag, updateRiskRule } from './risk-store.js';
import { Created } from './api.js';

const tags = ['inspections'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Results of the checks, publication and figures. Mounted at /api/inspections/checks. */
export function checkRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...INSPECTION_READERS);
  const keepers = requireRole(...INSPECTION_KEEPERS);
  return async (app) => {
    app.put(
      '/inspector-accounts/:inspectorId',
      {
        preHandler: keepers,
        schema: {
          tags,
          summary: '设置检查人员录入结果所用的登录账号（本单位工作人员账号）',
          params: InspectorAccountParams,
          body: InspectorAccountBody,
          response: { 200: Ok },
        },
      },
      async (req) => linkInspectorAccount(db, sessionUser(req), req.params.inspectorId, req.body.account),
    );
    app.get(
      '/mine',
      { preHandler: requireRole('unit_staff'), schema: { tags, summary: '我的检查任务（选派给本人的对象与事项）', response: { 200: MyChecks } } },
      async (req) => myChecks(db, sessionUser(req)),
    );
    app.post(
      '/results',
      { preHandler: requireRole('unit_staff'), schema: { tags, summary: '录入检查结果（仅被选派的检查人员）', body: RecordBody, response: { 200: Recorded } } },
      async (req) => recordResult(db, sessionUser(req), req.body),
    );
    app.get(
      '/results',
      { preHandler: readers, schema: { tags, summary: '检查结果与公示期限（单位工作人员仅本部门）', querystring: ResultQuery, response: { 200: ResultPage } } },
      async (req) => listResults(db, sessionUser(req), req.query),
    );
    app.put(
      '/results/:resultId',
      { preHandler: keepers, schema: { tags, summary: '公示前更正检查结果（本部门或营商办）', params: ResultParams, body: ResultBody, response: { 200: Ok } } },
      async (req) => correctResult(db, sessionUser(req), req.params.resultId, req.body),
    );
    app.post(
      '/results/publish',
      { preHandler: keepers, schema: { tags, summary: '公示检查结果（一公开）', body: PublishBody, response: { 200: Published } } },
      async (req) => publishResults(db, sessionUser(req), req.body.ids),
    );
    app.post(
      '/results/:resultId/files',
      {
        preHandler: keepers,
        schema: {
          tags,
          summary: '上传证据文件（pdf、jpg、png、docx、xlsx）',
          params: ResultParams,
          consumes: ['multipart/form-data'],
          response: { 200: EvidenceAdded },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传证据文件');
        return addEvidence(db, ctx.dataDir, sessionUser(req), req.params.resultId, file.filename, await file.toBuffer());
      },
    );
    app.get(
      '/results/:resultId/files/:fileId',
      { preHandler: readers, schema: { tags, summary: '下载证据文件', params: FileParams, response: { 200: EvidenceDownload } } },
      async (req, reply) => {
        const f = await readEvidence(db, ctx.dataDir, sessionUser(req), req.params.resultId, req.params.fileId);
        return reply.header('content-type', f.mime).header('content-disposition', attachment(f.fileName)).send(f.content);
      },
    );
    app.get(
      '/figures',
      {
        preHandler: readers,
        schema: { tags, summary: '双随机抽查统计（部门、任务、联合抽查占比、工作量）', querystring: FiguresQuery, response: { 200: Figures } },
      },
      async (req) => {
        const today = chinaToday();
        const year = req.query.year ?? Number(today.slice(0, 4));
        return inspectionFigures(db, sessionUser(req), year, `${year}-12-31` < today ? `${year}-12-31` : today);
      },
    );
  };
}

/** 风险预警 rules and flags (线索推送). Mounted at /api/inspections/risk. */
export function riskRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...INSPECTION_READERS);
  const keepers = requireRole(...INSPECTION_KEEPERS);
  const office = requireRole(...INSPECTION_OFFICE);
  return async (app) => {
    app.get('/rules', { preHandler: readers, schema: { tags, summary: '风险预警规则', response: { 200: RiskRules } } }, async () => listRiskRules(db));
    app.post('/rules', { preHandler: office, schema: { tags, summary: '添加风险预警规则', body: RiskRuleBody, response: { 200: Created } } }, async (req) =>
      createRiskRule(db, sessionUser(req).account, req.body),
    );
    app.put(
      '/rules/:ruleId',
      { preHandler: office, schema: { tags, summary: '修改风险预警规则', params: RiskRuleParams, body: RiskRuleBody, response: { 200: Ok } } },
      async (req) => updateRiskRule(db, sessionUser(req).account, req.params.ruleId, req.body),
    );
    app.get(
      '/flags',
      {
        preHandler: readers,
        schema: { tags, summary: '风险预警线索（单位工作人员仅推送给本部门的）', querystring: RiskFlagQuery, response: { 200: RiskFlags } },
      },
      async (req) => listRiskFlags(db, sessionUser(req), req.query),
    );
    app.put(
      '/flags/:flagId/response',
      { preHandler: keepers, schema: { tags, summary: '反馈预警线索的核查处置情况', params: RiskFlagParams, body: RiskResponseBody, response: { 200: Ok } } },
      async (req) => respondRiskFlag(db, sessionUser(req), req.params.flagId, req.body.response),
    );
    app.post('/evaluate', { preHandler: office, schema: { tags, summary: '立即按规则评估风险并推送线索', response: { 200: Evaluated } } }, async () => {
      const r = await evaluateRiskFlags(db, chinaToday());
      return { text: r.text, flagged: r.flagged, newFlags: r.newFlags, notified: r.notified ?? 0 };
    });
  };
}

/** 一公开: published results and 首违不罚 counts, no login. Mounted at /api/inspections/public/results. */
export function publicResultRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/',
      { schema: { tags, summary: '公开：已公示的双随机抽查结果', querystring: PublicResultQuery, response: { 200: PublicResultPage } } },
      async (req) => publicResults(db, req.query),
    );
    app.get(
      '/first-offence',
      { schema: { tags, summary: '公开：各部门首违不罚件数（已公示结果）', querystring: FirstOffenceQuery, response: { 200: FirstOffence } } },
      async (req) => firstOffenceCounts(db, { year: req.query.year, publishedOnly: true }),
    );
  };
}
