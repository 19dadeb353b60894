import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { type AppContext, Ok } from '../shared/index.js';
import { COMMUNICATION_READERS, REQUEST_OFFICE, VISIT_RECORDERS } from './access.js';
import { Filed } from './api.js';
import {
  Coverage,
  EnterpriseParams,
  IssueBody,
  KeyFirmBody,
  KeyFirmList,
  KeyFirmSaved,
  MeetingBody,
  MeetingDetail,
  MeetingList,
  MeetingParams,
  MeetingQuery,
  MeetingSaved,
  NeedBody,
  NeedParams,
  PeriodQuery,
  PlanBody,
  PlanCreated,
  PlanList,
  PlanParams,
  PlanSaved,
  PlanUpdateBody,
  ReportBody,
  ReporterActiveBody,
  ReporterBody,
  ReporterChange,
  ReporterCreated,
  ReporterList,
  ReporterParams,
  UnitQuery,
  VisitBody,
  VisitList,
  VisitQuery,
  VisitSaved,
} from './communication-api.js';
import { addMeetingIssue, createMeeting, getMeeting, listMeetings, updateMeeting } from './meeting-store.js';
import { fileReport, listReporters, registerReporter, setReporterActive, updateReporter } from './reporter-store.js';
import {
  listKeyFirms,
  listPlans,
  listVisits,
  needToRequest,
  planPeriod,
  recordVisit,
  removeKeyFirm,
  setKeyFirm,
  updatePlan,
  visitCoverage,
} from './visit-store.js';

const tags = ['requests'];

/** 政企沟通 and 回访 (measures 51, 52), mounted inside the requests' routes at /api/requests. */
export function communicationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...COMMUNICATION_READERS);
  const office = requireRole(...REQUEST_OFFICE);
  const recorders = requireRole(...VISIT_RECORDERS);
  return async (app) => {
    // 监督员 and experts
    app.get(
      '/reporters',
      { preHandler: requireRole('office', 'admin', 'leader'), schema: { tags, summary: '营商环境监督员与咨询专家名册', response: { 200: ReporterList } } },
      async () => listReporters(db),
    );
    app.post(
      '/reporters',
      { preHandler: office, schema: { tags, summary: '登记监督员或咨询专家（同时开设账号）', body: ReporterBody, response: { 200: ReporterCreated } } },
      async (req) => registerReporter(db, sessionUser(req), req.body),
    );
    app.put(
      '/reporters/:reporterId',
      {
        preHandler: office,
        schema: { tags, summary: '修改监督员或咨询专家登记信息', params: ReporterParams, body: ReporterChange, response: { 200: Ok } },
      },
      async (req) => {
        await updateReporter(db, sessionUser(req), req.params.reporterId, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/reporters/:reporterId/active',
      {
        preHandler: office,
        schema: { tags, summary: '停用或恢复监督员、咨询专家（账号同时停用或恢复）', params: ReporterParams, body: ReporterActiveBody, response: { 200: Ok } },
      },
      async (req) => {
        await setReporterActive(db, sessionUser(req), req.params.reporterId, req.body.active);
        return { ok: true as const };
      },
    );
    app.post(
      '/reports',
      { preHandler: requireRole('supervisor'), schema: { tags, summary: '监督员或咨询专家反映问题（成为诉求）', body: ReportBody, response: { 200: Filed } } },
      async (req) => fileReport(db, sessionUser(req), req.body),
    );
    // 政企座谈会
    app.get(
      '/meetings',
      {
        preHandler: readers,
        schema: { tags, summary: '政企座谈会（单位工作人员仅本单位主办或参加的）', querystring: MeetingQuery, response: { 200: MeetingList } },
      },
      async (req) => listMeetings(db, sessionUser(req), req.query),
    );
    app.post(
      '/meetings',
      { preHandler: office, schema: { tags, summary: '登记政企座谈会', body: MeetingBody, response: { 200: MeetingSaved } } },
      async (req) => createMeeting(db, sessionUser(req), req.body),
    );
    app.get(
      '/meetings/:meetingId',
      { preHandler: readers, schema: { tags, summary: '座谈会详情与提出问题的办理情况', params: MeetingParams, response: { 200: MeetingDetail } } },
      async (req) => getMeeting(db, sessionUser(req), req.params.meetingId),
    );
    app.put(
      '/meetings/:meetingId',
      { preHandler: office, schema: { tags, summary: '修改座谈会信息与纪要', params: MeetingParams, body: MeetingBody, response: { 200: MeetingSaved } } },
      async (req) => updateMeeting(db, sessionUser(req), req.params.meetingId, req.body),
    );
    app.post(
      '/meetings/:meetingId/issues',
      { preHandler: office, schema: { tags, summary: '登记座谈会上提出的问题（成为诉求）', params: MeetingParams, body: IssueBody, response: { 200: Filed } } },
      async (req) => addMeetingIssue(db, sessionUser(req), req.params.meetingId, req.body),
    );
    // key firms, plans, visits, coverage
    app.get(
      '/key-firms',
      { preHandler: readers, schema: { tags, summary: '重点招商企业（单位工作人员仅本单位负责的）', querystring: UnitQuery, response: { 200: KeyFirmList } } },
      async (req) => listKeyFirms(db, sessionUser(req), req.query),
    );
    app.put(
      '/key-firms/:enterpriseId',
      {
        preHandler: office,
        schema: { tags, summary: '标记重点招商企业及负责回访的单位', params: EnterpriseParams, body: KeyFirmBody, response: { 200: KeyFirmSaved } },
      },
      async (req) => setKeyFirm(db, sessionUser(req), req.params.enterpriseId, req.body),
    );
    app.delete(
      '/key-firms/:enterpriseId',
      { preHandler: office, schema: { tags, summary: '取消重点招商企业标记', params: EnterpriseParams, response: { 200: KeyFirmSaved } } },
      async (req) => removeKeyFirm(db, sessionUser(req), req.params.enterpriseId),
    );
    app.get(
      '/visit-plans',
      { preHandler: readers, schema: { tags, summary: '季度回访计划', querystring: PeriodQuery, response: { 200: PlanList } } },
      async (req) => listPlans(db, sessionUser(req), req.query.period, req.query),
    );
    app.post(
      '/visit-plans',
      { preHandler: office, schema: { tags, summary: '生成季度回访计划（每家重点招商企业一条）', body: PlanBody, response: { 200: PlanCreated } } },
      async (req) => planPeriod(db, sessionUser(req), req.body.period),
    );
    app.put(
      '/visit-plans/:planId',
      { preHandler: recorders, schema: { tags, summary: '安排回访日期和人员', params: PlanParams, body: PlanUpdateBody, response: { 200: PlanSaved } } },
      async (req) => updatePlan(db, sessionUser(req), req.params.planId, req.body),
    );
    app.get(
      '/visits',
      { preHandler: readers, schema: { tags, summary: '回访记录（单位工作人员仅本单位的）', querystring: VisitQuery, response: { 200: VisitList } } },
      async (req) => listVisits(db, sessionUser(req), req.query),
    );
    app.post('/visits', { preHandler: recorders, schema: { tags, summary: '登记回访记录', body: VisitBody, response: { 200: VisitSaved } } }, async (req) =>
      recordVisit(db, sessionUser(req), req.body),
    );
    app.post(
      '/visits/:visitId/needs/:needId/request',
      { preHandler: recorders, schema: { tags, summary: '回访中企业提出的需求转为诉求', params: NeedParams, body: NeedBody, response: { 200: Filed } } },
      async (req) => needToRequest(db, sessionUser(req), req.params.visitId, req.params.needId, req.body),
    );
    app.get(
      '/coverage',
      { preHandler: readers, schema: { tags, summary: '重点招商企业回访覆盖率（按单位、季度）', querystring: PeriodQuery, response: { 200: Coverage } } },
      async (req) => visitCoverage(db, sessionUser(req), req.query.period),
    );
  };
}
