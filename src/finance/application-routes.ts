import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { assertFinanceDesk } from './access.js';
import {
  AcceptBody,
  ApplicationDetail,
  ApplicationList,
  ApplicationParams,
  ApplicationQuery,
  ApplicationsCreated,
  Application,
  ApplyBody,
  ApproveBody,
  Consent,
  ConsentList,
  ConsentParams,
  DeclineBody,
  DisburseBody,
  EnterpriseData,
  Limits,
  LimitsOut,
  Meta,
  WithdrawBody,
} from './application-api.js';
import {
  activeInstitutions,
  actOnApplication,
  applyForProducts,
  financeLimits,
  getApplication,
  listApplications,
  setFinanceLimits,
} from './application-store.js';
import { dataViewsOf, enterpriseDataFor, listConsents, withdrawConsent } from './consent-store.js';
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  DATA_ITEM_INFO,
  DATA_ITEMS,
  DATA_ITEMS_NOT_HELD,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  DEFAULT_CONSENT_DAYS,
  GUARANTEE_KINDS,
  RENEWAL_KIND_LABELS,
  RENEWAL_KINDS,
} from './core/index.js';

const tags = ['finance'];
/** Readers of applications: each sees its scope (application-access.ts). */
const APPLICATION_READERS = ['office', 'admin', 'unit_staff', 'leader', 'enterprise', 'bank'] as const;

/** 融资申请: applying with consent, the bank's steps, the enterprise's consents, 区金融办's limits. */
export function applicationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get(
      '/applications/meta',
      {
        preHandler: requireRole(...APPLICATION_READERS),
        schema: { tags, summary: '融资申请的选项（状态、不予授信原因、担保方式、授权数据项、时限）', response: { 200: Meta } },
      },
      async () => ({
        statuses: APPLICATION_STATUSES.map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value] })),
        declineReasons: DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_LABELS[value] })),
        guarantees: [...GUARANTEE_KINDS],
        renewals: RENEWAL_KINDS.map((value) => ({ value, label: RENEWAL_KIND_LABELS[value] })),
        dataItems: DATA_ITEMS.map((value) => ({ value, ...DATA_ITEM_INFO[value] })),
        dataItemsNotHeld: DATA_ITEMS_NOT_HELD.map((x) => ({ ...x })),
        defaultConsentDays: DEFAULT_CONSENT_DAYS,
        limits: await financeLimits(db),
        institutions: await activeInstitutions(db),
      }),
    );
    app.get(
      '/applications',
      {
        preHandler: requireRole(...APPLICATION_READERS),
        schema: {
          tags,
          summary: '融资申请列表（企业看本企业的，银行看提交给本机构的，区金融办和领导看全部）',
          querystring: ApplicationQuery,
          response: { 200: ApplicationList },
        },
      },
      async (req) => {
        const size = req.query.pageSize ?? 50;
        return listApplications(db, sessionUser(req), {
          status: req.query.status,
          overdue: req.query.overdue,
          needId: req.query.needId,
          limit: size,
          offset: ((req.query.page ?? 1) - 1) * size,
        });
      },
    );
    app.post(
      '/applications',
      {
        preHandler: requireRole('enterprise'),
        schema: { tags, summary: '提交融资申请（一个需求可申请多款产品，须授权银行查看所选数据）', body: ApplyBody, response: { 200: ApplicationsCreated } },
      },
      async (req) => ({ items: await applyForProducts(db, sessionUser(req), req.body) }),
    );
    app.get(
      '/applications/:applicationId',
      {
        preHandler: requireRole(...APPLICATION_READERS),
        schema: { tags, summary: '一份融资申请（办理过程、数据授权）', params: ApplicationParams, response: { 200: ApplicationDetail } },
      },
      async (req) => getApplication(db, sessionUser(req), req.params.applicationId),
    );
    app.get(
      '/applications/:applicationId/enterprise-data',
      {
        preHandler: requireRole('bank'),
        schema: { tags, summary: '在企业授权范围内查看企业数据（受理银行；每次查看均留痕）', params: ApplicationParams, response: { 200: EnterpriseData } },
      },
      async (req) => enterpriseDataFor(db, sessionUser(req), req.params.applicationId),
    );
    app.post(
      '/applications/:applicationId/accept',
      { preHandler: requireRole('bank'), schema: { tags, summary: '受理', params: ApplicationParams, body: AcceptBody, response: { 200: Application } } },
      async (req) => actOnApplication(db, sessionUser(req), req.params.applicationId, { action: 'accept', note: req.body.note }),
    );
    app.post(
      '/applications/:applicationId/decline',
      {
        preHandler: requireRole('bank'),
        schema: { tags, summary: '不予受理或不予授信（原因必选，并填写说明）', params: ApplicationParams, body: DeclineBody, response: { 200: Application } },
      },
      async (req) => actOnApplication(db, sessionUser(req), req.params.applicationId, { action: 'decline', reason: req.body.reason, note: req.body.note }),
    );
    app.post(
      '/applications/:applicationId/approve',
      {
        preHandler: requireRole('bank'),
        schema: { tags, summary: '授信（金额、利率、担保方式、期限，首贷确认）', params: ApplicationParams, body: ApproveBody, response: { 200: Application } },
      },
      async (req) => {
        const { note, ...approval } = req.body;
        return actOnApplication(db, sessionUser(req), req.params.applicationId, { action: 'approve', approval, note });
      },
    );
    app.post(
      '/applications/:applicationId/disburse',
      {
        preHandler: requireRole('bank'),
        schema: { tags, summary: '放款（金额、日期）', params: ApplicationParams, body: DisburseBody, response: { 200: Application } },
      },
      async (req) =>
        actOnApplication(db, sessionUser(req), req.params.applicationId, {
          action: 'disburse',
          disbursement: { amount: req.body.amount, disbursedOn: req.body.disbursedOn },
          note: req.body.note,
        }),
    );
    app.post(
      '/applications/:applicationId/withdraw',
      {
        preHandler: requireRole('enterprise'),
        schema: { tags, summary: '撤回申请（作出决定前）', params: ApplicationParams, body: WithdrawBody, response: { 200: Application } },
      },
      async (req) => actOnApplication(db, sessionUser(req), req.params.applicationId, { action: 'withdraw', note: req.body.note }),
    );
    app.get(
      '/consents',
      { preHandler: requireRole('enterprise'), schema: { tags, summary: '本企业的数据授权及银行查看记录', response: { 200: ConsentList } } },
      async (req) => ({ items: await listConsents(db, sessionUser(req)), views: await dataViewsOf(db, sessionUser(req)) }),
    );
    app.post(
      '/consents/:consentId/withdraw',
      {
        preHandler: requireRole('enterprise'),
        schema: { tags, summary: '撤回数据授权（银行此后不能再查看）', params: ConsentParams, response: { 200: Consent } },
      },
      async (req) => withdrawConsent(db, sessionUser(req), req.params.consentId),
    );
    app.get(
      '/application-limits',
      {
        preHandler: requireRole('office', 'admin', 'unit_staff', 'leader'),
        schema: { tags, summary: '受理、审批时限及按时率目标', response: { 200: LimitsOut } },
      },
      async (req) => {
        const user = sessionUser(req);
        if (user.role !== 'leader') await assertFinanceDesk(db, user);
        return financeLimits(db);
      },
    );
    app.put(
      '/application-limits',
      {
        preHandler: requireRole('office', 'admin', 'unit_staff'),
        schema: { tags, summary: '设置受理、审批时限（工作日）及按时率目标（区金融办）', body: Limits, response: { 200: LimitsOut } },
      },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        return setFinanceLimits(db, user.account, req.body);
      },
    );
  };
}
