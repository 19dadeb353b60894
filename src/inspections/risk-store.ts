/**
 * 风险预警 and 线索推送 (measure 33): the office's rules (`insp_risk_rule`, data), their evaluation over results, credit
 * class history and enterprise requests (read through src/requests' `requestsAboutEnterprises`) by the pure core
 * (./core/risk.ts), and the flags pushed to the department concerned as inbox notices. One open flag per object and
 * department: a later evaluation refreshes its reasons; the department's response (协同监管响应) closes it.
 * Evaluated daily by the job `inspections.risk-warning` (and by hand from the page).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountIdsOfUnits, activeAccountIdsByRole, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { notify, resolveNotices, shortText } from '../inbox/index.js';
import { defineJob, type JobSummary } from '../jobs/index.js';
import { requestsAboutEnterprises } from '../requests/index.js';
import { ForbiddenError, InputRejectedError, NotFoundError, ConflictError } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { listCreditClasses, creditClassesOn } from './credit-store.js';
import {
  daysBefore,
  describeRule,
  evaluateRisk,
  monthsBefore,
  RESPONSE_WORKING_DAYS,
  RISK_RULE_LABELS,
  riskRuleProblems,
  type RiskFacts,
  type RiskFlag,
  type RiskRule,
  type RiskRuleKind,
} from './core/risk.js';

type Db = Kysely<Database>;

// ---- rules ----

export async function listRiskRules(db: Db) {
  const rows = await db.selectFrom('insp_risk_rule').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: RISK_RULE_LABELS[r.kind],
    months: r.months,
    minCount: r.min_count,
    days: r.days,
    active: r.active,
    note: r.note,
    text: describeRule({ kind: r.kind, months: r.months, minCount: r.min_count, days: r.days, active: r.active }),
  }));
}

export interface RiskRuleBody {
  kind: RiskRuleKind;
  months: number | null;
  minCount: number | null;
  days: number | null;
  active: boolean;
  note: string | null;
}

function checkRule(b: RiskRuleBody) {
  const problems = riskRuleProblems(b);
  if (problems.length) throw new InputRejectedError('预警规则有误', problems);
  const keep = b.kind === 'requests' ? { months: null, min_count: b.minCount, days: b.days } : { months: b.months, min_count: null, days: null };
  return { kind: b.kind, ...keep, active: b.active, note: b.note?.trim() || null };
}

export async function createRiskRule(db: Db, actor: string, b: RiskRuleBody) {
  const v = checkRule(b);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('insp_risk_rule')
      .values({ ...v, updated_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'inspections.risk-rule.create', entity: 'insp_risk_rule', entityId: row.id, after: v });
    return { id: row.id };
  });
}

export async function updateRiskRule(db: Db, actor: string, id: number, b: RiskRuleBody) {
  const v = checkRule(b);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insp_risk_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('预警规则（不存在）');
    await trx
      .updateTable('insp_risk_rule')
      .set({ ...v, updated_by: actor, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actor, action: 'inspections.risk-rule.update', entity: 'insp_risk_rule', entityId: id, before, after: v });
    return { ok: true as const };
  });
}

// ---- evaluation ----

/** Evaluates the active rules on `today`, keeps the flags and pushes new ones to the departments (线索推送). */
export async function evaluateRiskFlags(
  db: Db,
  today: string,
  o: { checkCancelled?: () => void; isDemo?: boolean } = {},
): Promise<JobSummary & { flagged: number; newFlags: number }> {
  const rules: RiskRule[] = (await db.selectFrom('insp_risk_rule').selectAll().where('active', '=', true).execute()).map((r) => ({
    id: r.id,
    kind: r.kind,
    months: r.months,
    minCount: r.min_count,
    days: r.days,
    active: r.active,
  }));
  const facts = new Map<string, RiskFacts>();
  const fact = (key: string, name: string) => {
    let f = facts.get(key);
    if (!f) {
      f = { key, name, problems: [], requests: [], classRank: () => ({ rank: 0, name: '' }), lastUnits: [] };
      facts.set(key, f);
    }
    return f;
  };
  const maxMonths = Math.max(0, ...rules.filter((r) => r.kind === 'recent_problem').map((r) => r.months ?? 0));
  if (maxMonths) {
    const rows = await db
      .selectFrom('insp_result')
      .select(['object_key', 'object_name', 'produced_on', 'unit_id'])
      .where('outcome', '=', 'problem')
      .where('produced_on', '>', monthsBefore(today, maxMonths))
      .where('produced_on', '<=', today)
      .execute();
    for (const r of rows) fact(r.object_key, r.object_name).problems.push({ on: r.produced_on, unitId: r.unit_id });
  }
  const maxDays = Math.max(0, ...rules.filter((r) => r.kind === 'requests').map((r) => r.days ?? 0));
  if (maxDays) {
    const reqs = await requestsAboutEnterprises(db, { from: daysBefore(today, maxDays - 1), to: today });
    const names = await enterpriseNames(db, [...new Set(reqs.map((r) => r.enterpriseId))]);
    for (const r of reqs) fact(`E${r.enterpriseId}`, names.get(r.enterpriseId)?.name ?? '').requests.push({ on: r.filedOn, unitId: r.unitId });
  }
  const creditRules = rules.filter((r) => r.kind === 'credit_worse');
  if (creditRules.length) {
    const classes = await listCreditClasses(db);
    const rank = new Map(classes.map((c, i) => [c.code, { rank: i + 1, name: c.name }]));
    const dflt = classes.find((c) => c.isDefault);
    const dates = [today, ...creditRules.map((r) => monthsBefore(today, r.months ?? 0))];
    const byDate = new Map<string, Map<number, string>>();
    for (const d of new Set(dates)) byDate.set(d, await creditClassesOn(db, d));
    const now = byDate.get(today)!;
    const changed = [...now.keys()].filter((id) => dates.some((d) => byDate.get(d)!.get(id) !== now.get(id)));
    const names = await enterpriseNames(db, changed);
    for (const id of changed) {
      const f = fact(`E${id}`, names.get(id)?.name ?? '');
      f.classRank = (date: string) => {
        const code = byDate.get(date)?.get(id) ?? dflt?.code ?? '';
        return rank.get(code) ?? { rank: 0, name: code };
      };
    }
  }
  // The departments that last checked each object (for a credit change alone).
  const keys = [...facts.keys()];
  if (keys.length) {
    const last = await db
      .selectFrom('inspection_assignment')
      .select(['object_key', 'unit_id', 'draw_id'])
      .where('object_key', 'in', keys)
      .orderBy('draw_id', 'desc')
      .execute();
    const latest = new Map<string, number>();
    for (const a of last) {
      if (!latest.has(a.object_key)) latest.set(a.object_key, a.draw_id);
      if (latest.get(a.object_key) === a.draw_id) {
        const f = facts.get(a.object_key)!;
        if (!f.lastUnits.includes(a.unit_id)) f.lastUnits.push(a.unit_id);
      }
    }
  }
  const flags: RiskFlag[] = [...facts.values()].flatMap((f) => evaluateRisk(rules, f, today));
  const unitNames = new Map(
    (await findUnitsByIds(db, [...new Set(flags.map((f) => f.unitId).filter((u): u is number => u !== null))])).map((u) => [u.id, u.name]),
  );
  const officeIds = await activeAccountIdsByRole(db, ['office']);
  let newFlags = 0;
  let notified = 0;
  const recipients = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (const f of flags) {
      o.checkCancelled?.();
      const open = await trx
        .selectFrom('insp_risk_flag')
        .select(['id', 'reasons'])
        .where('object_key', '=', f.key)
        .where('responded_on', 'is', null)
        .where((eb) => (f.unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', f.unitId)))
        .executeTakeFirst();
      if (open) {
        if (JSON.stringify(open.reasons) !== JSON.stringify(f.reasons))
          await trx
            .updateTable('insp_risk_flag')
            .set({ reasons: JSON.stringify(f.reasons) })
            .where('id', '=', open.id)
            .execute();
        continue;
      }
      const row = await trx
        .insertInto('insp_risk_flag')
        .values({
          object_key: f.key,
          object_name: f.name,
          unit_id: f.unitId,
          reasons: JSON.stringify(f.reasons),
          flagged_on: today,
          is_demo: o.isDemo ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      newFlags++;
      const to = f.unitId === null ? officeIds : await accountIdsOfUnits(trx, [f.unitId]);
      const n = await notify(trx, {
        userIds: to,
        kind: 'inspection.risk',
        title: `风险预警：${shortText(f.name, 24)}`,
        body: `${f.reasons.join('；')}。请核查处置并在 ${RESPONSE_WORKING_DAYS} 个工作日内反馈。`,
        link: `/inspections/risk?flag=${row.id}`,
        dedupeKey: `inspection:risk:${row.id}`,
      });
      notified += n;
      const who = f.unitId === null ? '营商办' : (unitNames.get(f.unitId) ?? '');
      recipients.set(who, (recipients.get(who) ?? 0) + n);
    }
    await recordAudit(trx, {
      actor: 'system',
      action: 'inspections.risk.evaluate',
      entity: 'insp_risk_flag',
      after: { today, flagged: flags.length, newFlags },
    });
  });
  return {
    text: flags.length ? `${today}：风险预警 ${flags.length} 条，其中新推送 ${newFlags} 条` : `${today}：没有触发预警规则的对象`,
    notified,
    recipients: [...recipients].map(([name, count]) => ({ name, count })),
    flagged: flags.length,
    newFlags,
  };
}

export const riskWarningJob = defineJob({
  name: 'inspections.risk-warning',
  label: '风险预警与线索推送（双随机、一公开）',
  defaultCron: '0 8 * * *',
  run: async (ctx) => {
    const { text, notified, recipients } = await evaluateRiskFlags(ctx.db, chinaToday(ctx.now), { checkCancelled: ctx.checkCancelled });
    return { text, notified, recipients };
  },
});

// ---- flags ----

/** Flags the user sees: unit staff their departments'; the office, admin and leaders all. */
export async function listRiskFlags(db: Db, user: SessionUser, q: { open?: boolean } = {}, today = chinaToday()) {
  const cal = provisionalWorkingDays(await loadCalendar(db));
  let s = db.selectFrom('insp_risk_flag as f').leftJoin('unit as u', 'u.id', 'f.unit_id');
  if (user.role === 'unit_staff') s = s.where('f.unit_id', 'in', user.unitIds.length ? user.unitIds : [-1]);
  if (q.open) s = s.where('f.responded_on', 'is', null);
  const rows = await s
    .select([
      'f.id',
      'f.object_key',
      'f.object_name',
      'f.unit_id',
      'u.name as unit_name',
      'f.reasons',
      'f.flagged_on',
      'f.responded_on',
      'f.response',
      'f.is_demo',
    ])
    .orderBy('f.responded_on', (ob) => ob.desc().nullsFirst())
    .orderBy('f.flagged_on', 'desc')
    .orderBy('f.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => {
    const due = cal.addWorkingDays(r.flagged_on, RESPONSE_WORKING_DAYS);
    return {
      id: r.id,
      objectName: r.object_name,
      unitName: r.unit_name ?? '营商办（未找到主管部门）',
      reasons: r.reasons,
      flaggedOn: r.flagged_on,
      respondBy: due,
      late: r.responded_on ? r.responded_on > due : today > due,
      respondedOn: r.responded_on,
      response: r.response,
      canRespond: !r.responded_on && (user.role === 'office' || user.role === 'admin' || (r.unit_id !== null && user.unitIds.includes(r.unit_id))),
      isDemo: r.is_demo,
    };
  });
}

/** The department answers a flag (核查处置情况, 协同监管响应); closes it and marks its notices done. */
export async function respondRiskFlag(db: Db, user: SessionUser, id: number, response: string, today = chinaToday()) {
  if (!response.trim()) throw new InputRejectedError('请填写核查处置情况', [{ field: 'response', message: '请填写核查处置情况' }]);
  return db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('insp_risk_flag').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!f) throw new NotFoundError('预警（不存在）');
    const office = user.role === 'office' || user.role === 'admin';
    if (!office && (f.unit_id === null || !user.unitIds.includes(f.unit_id))) throw new ForbiddenError('只能反馈推送给本部门的预警');
    if (f.responded_on) throw new ConflictError('该预警已反馈');
    await trx.updateTable('insp_risk_flag').set({ responded_on: today, responded_by: user.account, response: response.trim() }).where('id', '=', id).execute();
    await resolveNotices(trx, { kind: 'inspection.risk', link: `/inspections/risk?flag=${id}` });
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.risk.respond',
      entity: 'insp_risk_flag',
      entityId: id,
      after: { response: response.trim(), today },
    });
    return { ok: true as const };
  });
}
