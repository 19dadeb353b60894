import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { InputRejectedError, type AppContext } from '../shared/index.js';
import { CREDIT_EDITORS, CREDIT_READERS } from './credit-access.js';
import {
  CreditClasses,
  CreditClassesBody,
  CreditHistory,
  CreditImportResult,
  EnterpriseParams,
  Repaired,
  RepairBody,
  Standing,
  StandingQuery,
} from './credit-api.js';
import { CREDIT_CLASS_BASIS } from './core/credit.js';
import { creditHistory, creditStanding, importCreditFile, listCreditClasses, repairCredit, setCreditClasses } from './credit-store.js';

const tags = ['inspections'];

/** Credit-graded supervision (信用分级分类): classes and shares, class history, import, 信用修复. Under /api/inspections/credit. */
export function creditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...CREDIT_READERS);
  const editors = requireRole(...CREDIT_EDITORS);
  const classes = async () => ({ classes: await listCreditClasses(db), basis: CREDIT_CLASS_BASIS });
  return async (app) => {
    app.get('/classes', { preHandler: readers, schema: { tags, summary: '信用风险分类及各类抽查比例', response: { 200: CreditClasses } } }, classes);
    app.put(
      '/classes',
      { preHandler: editors, schema: { tags, summary: '设置信用风险分类及各类抽查比例', body: CreditClassesBody, response: { 200: CreditClasses } } },
      async (req) => {
        await setCreditClasses(db, sessionUser(req).account, req.body.classes);
        return classes();
      },
    );
    app.get(
      '/standing',
      { preHandler: readers, schema: { tags, summary: '某日各企业所处的信用风险分类（默认今天）', querystring: StandingQuery, response: { 200: Standing } } },
      async (req) => creditStanding(db, { ...req.query, date: req.query.date ?? chinaToday() }),
    );
    app.get(
      '/enterprises/:enterpriseId',
      { preHandler: readers, schema: { tags, summary: '企业的信用风险分类记录（含信用修复）', params: EnterpriseParams, response: { 200: CreditHistory } } },
      async (req) => creditHistory(db, req.params.enterpriseId),
    );
    app.post(
      '/import',
      {
        preHandler: editors,
        schema: {
          tags,
          summary: '从 CSV/XLSX 导入企业信用风险分类结果（整表校验，全部成功或全部不导入；保留历史）',
          consumes: ['multipart/form-data'],
          response: { 200: CreditImportResult },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importCreditFile(db, { fileName: file.filename, buffer: await file.toBuffer(), actor: sessionUser(req).account });
      },
    );
    app.post(
      '/repairs',
      { preHandler: editors, schema: { tags, summary: '登记信用修复（自修复日期起移出需修复的类别）', body: RepairBody, response: { 200: Repaired } } },
      async (req) => repairCredit(db, sessionUser(req).account, req.body),
    );
  };
}
