/**
 * Financing applications (融资申请): the enterprise applies for one or more products for a need, with its consent to
 * share named data with each product's institution; the bank accepts (受理), decides (授信 / 不予授信 with a reason)
 * and records the disbursement (放款); the enterprise may withdraw before the decision. Deadlines in working days
 * (`core/application-deadlines.ts`) with the calendar in use. Every change is one transaction with its audit entry
 * and its step row; the bank and the enterprise are notified through the inbox.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNames, enterpriseAccountIds, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { FinanceApplicationTable } from '../db/tables/finance-applications.js';
import { enterpriseNames, getEnterprise, resolveIndustry } from '../enterprises/index.js';
import { notify, resolveNotices } from '../inbox/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { applicationScope, inScope, type ApplicationScope } from './application-access.js';
import { consentItems, type ConsentItem } from './consent-store.js';
import {
  ACTION_INFO,
  APPLICATION_STATUS_LABELS,
  acceptDue,
  approvalProblems,
  consentProblems,
  consentValidUntil,
  DECLINE_REASON_LABELS,
  DEFAULT_FINANCE_LIMITS,
  decideDue,
  disbursementProblems,
  isOverdue,
  limitsProblems,
  nextStatus,
  pendingStep,
  RENEWAL_KIND_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
  type ApprovalInput,
  type DataItem,
  type DeclineReason,
  type DisbursementInput,
  type FinanceLimits,
  type RenewalKind,
} from './core/index.js';

type Db = Kysely<Database>;
type Row = Selectable<FinanceApplicationTable>;
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

// ---------------------------------------------------------------- limits

export interface FinanceLimitSettings extends FinanceLimits {
  acceptTarget: number | null;
  decideTarget: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function financeLimits(db: Db): Promise<FinanceLimitSettings> {
  const r = await db.selectFrom('finance_limit').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return { ...DEFAULT_FINANCE_LIMITS, acceptTarget: null, decideTarget: null, updatedBy: null, updatedAt: null };
  return {
    acceptDays: r.accept_days,
    decideDays: r.decide_days,
    acceptTarget: num(r.accept_target),
    decideTarget: num(r.decide_target),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** 区金融办 sets the time limits (working days) and the on-time targets (%; null: none). Audited. */
export async function setFinanceLimits(
  db: Db,
  actor: string,
  input: FinanceLimits & { acceptTarget: number | null; decideTarget: number | null },
): Promise<FinanceLimitSettings> {
  const problems = limitsProblems(input);
  for (const [field, v] of [
    ['按时受理率目标', input.acceptTarget],
    ['按时审批率目标', input.decideTarget],
  ] as const)
    if (v !== null && !(v > 0 && v <= 100)) problems.push({ field, message: '应为 0–100 之间的百分比，或不设目标' });
  if (problems.length) throw new InputRejectedError('时限设置有误', problems);
  return db.transaction().execute(async (trx) => {
    const before = await financeLimits(trx);
    const values = {
      accept_days: input.acceptDays,
      decide_days: input.decideDays,
      accept_target: input.acceptTarget,
      decide_target: input.decideTarget,
      updated_by: actor,
      updated_at: new Date().toISOString(),
    };
    await trx
      .insertInto('finance_limit')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    const after = await financeLimits(trx);
    await recordAudit(trx, { actor, action: 'finance.limits.set', entity: 'finance_limit', entityId: 1, before, after: input });
    return after;
  });
}

/** Institution rows in use (head offices and branches), by name, for pickers. */
export async function activeInstitutions(db: Db): Promise<Array<{ id: number; name: string }>> {
  const rows = await db
    .selectFrom('finance_institution')
    .select(['id', 'name', 'branch'])
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('branch')
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.name}${r.branch ?? ''}` }));
}

// ---------------------------------------------------------------- reading

export interface ApplicationItem {
  id: number;
  needId: number;
  enterpriseId: number;
  enterpriseName: string;
  productId: number;
  productName: string;
  productType: string;
  institutionId: number;
  institutionName: string;
  amount: number;
  termMonths: number;
  sizeClass: string | null;
  firstLoanDeclared: boolean;
  status: ApplicationStatus;
  statusLabel: string;
  submittedOn: string;
  acceptDue: string;
  acceptedOn: string | null;
  decideDue: string | null;
  decidedOn: string | null;
  /** The step the bank owes now and its deadline. */
  pending: { step: '受理' | '审批'; due: string } | null;
  overdue: boolean;
  declineReason: DeclineReason | null;
  declineReasonLabel: string | null;
  declineNote: string | null;
  creditAmount: number | null;
  rate: number | null;
  guarantee: string | null;
  approvedTermMonths: number | null;
  firstLoanConfirmed: boolean | null;
  renewal: RenewalKind | null;
  renewalLabel: string | null;
  disbursedAmount: number | null;
  disbursedOn: string | null;
  isDemo: boolean;
}

async function describeRows(db: Db, rows: Row[], today: string): Promise<ApplicationItem[]> {
  if (!rows.length) return [];
  const firms = await enterpriseNames(db, [...new Set(rows.map((r) => r.enterprise_id))]);
  const versions = await db
    .selectFrom('finance_product_version')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.product_version_id))])
    .execute();
  const vName = new Map(versions.map((v) => [v.id, v.name]));
  const insts = await db
    .selectFrom('finance_institution')
    .select(['id', 'name', 'branch'])
    .where('id', 'in', [...new Set(rows.map((r) => r.institution_id))])
    .execute();
  const iName = new Map(insts.map((i) => [i.id, i.branch ? `${i.name}${i.branch}` : i.name]));
  return rows.map((r) => {
    const state = { status: r.status, acceptDue: r.accept_due, acceptedOn: r.accepted_on, decideDue: r.decide_due, decidedOn: r.decided_on };
    const reason = r.decline_reason as DeclineReason | null;
    return {
      id: r.id,
      needId: r.need_id,
      enterpriseId: r.enterprise_id,
      enterpriseName: firms.get(r.enterprise_id)?.name ?? '（企业已删除）',
      productId: r.product_id,
      productName: vName.get(r.product_version_id) ?? '',
      productType: r.product_type,
      institutionId: r.institution_id,
      institutionName: iName.get(r.institution_id) ?? '',
      amount: Number(r.amount),
      termMonths: r.term_months,
      sizeClass: r.size_class,
      firstLoanDeclared: r.first_loan_declared,
      status: r.status,
      statusLabel: APPLICATION_STATUS_LABELS[r.status],
      submittedOn: r.submitted_on,
      acceptDue: r.accept_due,
      acceptedOn: r.accepted_on,
      decideDue: r.decide_due,
      decidedOn: r.decided_on,
      pending: pendingStep(state),
      overdue: isOverdue(state, today),
      declineReason: reason,
      declineReasonLabel: reason ? DECLINE_REASON_LABELS[reason] : null,
      declineNote: r.decline_note,
      creditAmount: num(r.credit_amount),
      rate: num(r.rate),
      guarantee: r.guarantee,
      approvedTermMonths: r.approved_term_months,
      firstLoanConfirmed: r.first_loan_confirmed,
      renewal: r.renewal_kind,
      renewalLabel: r.renewal_kind ? RENEWAL_KIND_LABELS[r.renewal_kind] : null,
      disbursedAmount: num(r.disbursed_amount),
      disbursedOn: r.disbursed_on,
      isDemo: r.is_demo,
    };
  });
}

function scoped(db: Db, scope: ApplicationScope) {
  let q = db.selectFrom('finance_application').selectAll();
  if (scope.kind === 'enterprise') q = q.where('enterprise_id', '=', scope.enterpriseId);
  if (scope.kind === 'bank') q = q.where('institution_id', 'in', scope.institutionIds);
  return q;
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  /** Only those the bank owes a step on after its deadline. */
  overdue?: boolean;
  needId?: number;
  limit?: number;
  offset?: number;
}

/** The applications the user may see (newest first), with the total. */
export async function listApplications(
  db: Db,
  user: SessionUser,
  f: ApplicationFilter = {},
  today = chinaToday(),
): Promise<{ total: number; items: ApplicationItem[] }> {
  const scope = await applicationScope(db, user);
  let q = scoped(db, scope);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.needId !== undefined) q = q.where('need_id', '=', f.needId);
  if (f.overdue)
    q = q.where((eb) =>
      eb.or([eb.and([eb('status', '=', 'submitted'), eb('accept_due', '<', today)]), eb.and([eb('status', '=', 'accepted'), eb('decide_due', '<', today)])]),
    );
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('submitted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  return { total: Number(total), items: await describeRows(db, rows, today) };
}

async function rowFor(db: Db, user: SessionUser, id: number): Promise<{ row: Row; scope: ApplicationScope }> {
  const scope = await applicationScope(db, user);
  const row = await db.selectFrom('finance_application').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('融资申请不存在');
  if (!inScope(scope, row)) throw new ForbiddenError('这份融资申请不是提交给本机构的（或不是本企业的），无权查看');
  return { row, scope };
}

export interface ApplicationStepItem {
  action: string;
  label: string;
  statusLabel: string;
  note: string | null;
  actor: string;
  onDay: string;
  at: string;
}

/** One application with its steps and consents. */
export async function getApplication(
  db: Db,
  user: SessionUser,
  id: number,
  today = chinaToday(),
): Promise<ApplicationItem & { steps: ApplicationStepItem[]; consents: ConsentItem[] }> {
  const { row } = await rowFor(db, user, id);
  const [item] = await describeRows(db, [row], today);
  const steps = await db.selectFrom('finance_application_step').selectAll().where('application_id', '=', id).orderBy('id').execute();
  const names = await actorNames(
    db,
    steps.map((s) => s.actor),
  );
  const consents = await consentItems(db, { applicationId: id }, today);
  return {
    ...item!,
    steps: steps.map((s) => ({
      action: s.action,
      label: s.action === 'submit' ? '提交申请' : Object.hasOwn(ACTION_INFO, s.action) ? ACTION_INFO[s.action as ApplicationAction].label : s.action,
      statusLabel: Object.hasOwn(APPLICATION_STATUS_LABELS, s.status) ? APPLICATION_STATUS_LABELS[s.status as ApplicationStatus] : s.status,
      note: s.note,
      actor: names.get(s.actor) ?? s.actor,
      onDay: s.on_day,
      at: new Date(s.at).toISOString(),
    })),
    consents,
  };
}

// ---------------------------------------------------------------- applying

export interface ApplyInput {
  needId: number;
  productIds: number[];
  consent: { items: DataItem[]; days: number };
}

/** The GB/T 4754 section letter of an industry code (null when unknown). */
const sectionOf = (code: string | null) => {
  if (!code) return null;
  const r = resolveIndustry(code);
  return 'error' in r ? null : r.section.code;
};

/** Bank accounts to notify for an application to `institutionId`: its own staff and its head office's. */
export async function bankAccounts(db: Db, institutionId: number): Promise<number[]> {
  const inst = await db.selectFrom('finance_institution').select('parent_id').where('id', '=', institutionId).executeTakeFirst();
  const ids = [institutionId, ...(inst?.parent_id ? [inst.parent_id] : [])];
  const rows = await db.selectFrom('finance_bank_staff').select('user_id').where('institution_id', 'in', ids).execute();
  return rows.map((r) => r.user_id);
}

/**
 * Applies the enterprise's need to each product (published, one live application per need and product), each with
 * a consent of the chosen items for `days` days to that product's institution. One transaction, audited.
 */
export async function applyForProducts(
  db: Db,
  user: SessionUser,
  input: ApplyInput,
  opts: { today?: string; isDemo?: boolean } = {},
): Promise<ApplicationItem[]> {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以提交融资申请');
  const enterpriseId = user.enterpriseId;
  const today = opts.today ?? chinaToday();
  const problems = consentProblems(input.consent.items, input.consent.days);
  const productIds = [...new Set(input.productIds)];
  if (!productIds.length) problems.push({ field: '融资产品', message: '请至少选择一款产品' });
  if (problems.length) throw new InputRejectedError('融资申请有误', problems);
  const need = await db.selectFrom('finance_need').selectAll().where('id', '=', input.needId).executeTakeFirst();
  if (!need) throw new NotFoundError('融资需求不存在');
  if (need.enterprise_id !== enterpriseId) throw new ForbiddenError('只能为本企业的融资需求提交申请');
  if (need.status !== 'open') throw new ConflictError('该融资需求已关闭，不能再提交申请');
  const products = await db
    .selectFrom('finance_product as p')
    .innerJoin('finance_product_version as v', 'v.id', 'p.current_version_id')
    .select(['p.id', 'p.institution_id', 'p.status', 'v.id as version_id', 'v.name', 'v.type'])
    .where('p.id', 'in', productIds)
    .execute();
  const byId = new Map(products.map((p) => [p.id, p]));
  const missing = productIds.filter((id) => byId.get(id)?.status !== 'published');
  if (missing.length) throw new InputRejectedError('融资申请有误', [{ field: '融资产品', message: '所选产品不存在或已下架' }]);
  const firm = await getEnterprise(db, enterpriseId);
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const limits = await financeLimits(db);
  const due = acceptDue(calendar, today, limits);
  const validUntil = consentValidUntil(today, input.consent.days);
  const items = [...new Set(input.consent.items)];
  const ids = await db.transaction().execute(async (trx) => {
    const out: number[] = [];
    for (const pid of productIds) {
      const p = byId.get(pid)!;
      const live = await trx
        .selectFrom('finance_application')
        .select('id')
        .where('need_id', '=', need.id)
        .where('product_id', '=', pid)
        .where('status', 'not in', ['withdrawn', 'declined'])
        .executeTakeFirst();
      if (live) throw new ConflictError(`已申请过“${p.name}”，不能重复申请`);
      const app = await trx
        .insertInto('finance_application')
        .values({
          need_id: need.id,
          enterprise_id: enterpriseId,
          product_id: pid,
          product_version_id: p.version_id,
          institution_id: p.institution_id,
          product_type: p.type,
          amount: Number(need.amount),
          term_months: need.term_months,
          industry_section: sectionOf(firm.industryCode),
          size_class: firm.sizeClass,
          first_loan_declared: need.loan_kind === '首贷',
          status: 'submitted',
          submitted_on: today,
          accept_due: due,
          is_demo: opts.isDemo ?? false,
          created_by: user.account,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('finance_application_step')
        .values({ application_id: app.id, action: 'submit', status: 'submitted', note: null, actor: user.account, on_day: today })
        .execute();
      const consent = await trx
        .insertInto('finance_consent')
        .values({
          application_id: app.id,
          enterprise_id: enterpriseId,
          institution_id: p.institution_id,
          items,
          granted_on: today,
          valid_until: validUntil,
          granted_by: user.account,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: user.account,
        action: 'finance.application.submit',
        entity: 'finance_application',
        entityId: app.id,
        after: { needId: need.id, productId: pid, institutionId: p.institution_id, acceptDue: due },
      });
      await recordAudit(trx, {
        actor: user.account,
        action: 'finance.consent.grant',
        entity: 'finance_consent',
        entityId: consent.id,
        after: { applicationId: app.id, enterpriseId, institutionId: p.institution_id, items, grantedOn: today, validUntil },
      });
      if (!opts.isDemo)
        await notify(trx, {
          userIds: await bankAccounts(trx, p.institution_id),
          kind: 'finance.application',
          title: `新的融资申请：${firm.name}申请“${p.name}”`,
          body: `申请金额 ${Number(need.amount)} 万元，期限 ${need.term_months} 个月。请于 ${due} 前受理。`,
          link: `/finance/applications/${app.id}`,
          dedupeKey: `finance:application:${app.id}:new`,
        });
      out.push(app.id);
    }
    return out;
  });
  const rows = await db.selectFrom('finance_application').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return describeRows(db, rows, today);
}

// ---------------------------------------------------------------- the bank's steps and the enterprise's withdrawal

export type ActionInput =
  | { action: 'accept'; note?: string | null }
  | { action: 'decline'; reason: DeclineReason; note: string }
  | { action: 'approve'; approval: ApprovalInput; note?: string | null }
  | { action: 'disburse'; disbursement: DisbursementInput; note?: string | null }
  | { action: 'withdraw'; note?: string | null };

/** Does one step on an application (the actor's role and scope checked here), audited, with notices. */
export async function actOnApplication(db: Db, user: SessionUser, id: number, input: ActionInput, opts: { today?: string } = {}): Promise<ApplicationItem> {
  const today = opts.today ?? chinaToday();
  const info = ACTION_INFO[input.action];
  const { row } = await rowFor(db, user, id);
  if (info.by === 'bank' && user.role !== 'bank') throw new ForbiddenError(`只有受理银行可以${info.label}`);
  if (info.by === 'enterprise' && user.role !== 'enterprise') throw new ForbiddenError(`只有申请企业可以${info.label}`);
  const next = nextStatus(row.status, input.action);
  if ('problem' in next) throw new ConflictError(next.problem);
  const set: Updateable<FinanceApplicationTable> = { status: next.status, updated_at: new Date().toISOString() };
  let note: string | null = 'note' in input ? (input.note ?? null) : null;
  if (input.action === 'accept') {
    const calendar = provisionalWorkingDays(await loadCalendar(db));
    set.accepted_on = today;
    set.decide_due = decideDue(calendar, today, await financeLimits(db));
  } else if (input.action === 'decline') {
    if (!input.note.trim()) throw new InputRejectedError('请说明原因', [{ field: '原因说明', message: '不予授信须填写具体说明' }]);
    set.decided_on = today;
    set.decline_reason = input.reason;
    set.decline_note = input.note.trim();
    note = `${DECLINE_REASON_LABELS[input.reason]}：${input.note.trim()}`;
  } else if (input.action === 'approve') {
    const p = approvalProblems(input.approval);
    if (p.length) throw new InputRejectedError('授信信息有误', p);
    const a = input.approval;
    Object.assign(set, {
      decided_on: today,
      credit_amount: a.creditAmount,
      rate: a.rate,
      guarantee: a.guarantee,
      approved_term_months: a.termMonths,
      first_loan_confirmed: a.firstLoan,
      renewal_kind: a.renewal,
    });
  } else if (input.action === 'disburse') {
    const p = disbursementProblems(input.disbursement, Number(row.credit_amount), row.decided_on ?? row.submitted_on, today);
    if (p.length) throw new InputRejectedError('放款信息有误', p);
    set.disbursed_amount = input.disbursement.amount;
    set.disbursed_on = input.disbursement.disbursedOn;
  } else {
    set.withdrawn_on = today;
  }
  await db.transaction().execute(async (trx) => {
    const upd = await trx.updateTable('finance_application').set(set).where('id', '=', id).where('status', '=', row.status).executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) throw new ConflictError('申请状态已被他人更改，请刷新后重试');
    await trx
      .insertInto('finance_application_step')
      .values({ application_id: id, action: input.action, status: next.status, note, actor: user.account, on_day: today })
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: `finance.application.${input.action}`,
      entity: 'finance_application',
      entityId: id,
      before: { status: row.status },
      after: set,
    });
    if (input.action !== 'withdraw') {
      const label = input.action === 'decline' && row.status === 'submitted' ? '不予受理' : info.label;
      await notify(trx, {
        userIds: await enterpriseAccountIds(trx, [row.enterprise_id]),
        kind: 'finance.decision',
        title: `融资申请${label}：${APPLICATION_STATUS_LABELS[next.status]}`,
        body: note ?? `您的融资申请已${label}。`,
        link: `/finance/applications/${id}`,
        dedupeKey: `finance:application:${id}:${input.action}`,
      });
    }
    // The reminders and the new-application notice ask the bank for a step: done once the step is done.
    if (input.action !== 'disburse')
      await resolveNotices(trx, {
        kind: ['finance.application', 'finance.reminder'],
        link: `/finance/applications/${id}`,
        userIds: await bankAccounts(trx, row.institution_id),
      });
  });
  const fresh = await db.selectFrom('finance_application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await describeRows(db, [fresh], today))[0]!;
}
