/**
 * 营商环境监督员 and 营商环境咨询专家 (measure 51): the office registers each with an account (role `supervisor`) and
 * a row here (kind, organisation, expertise, phone); what they report becomes a request with the channel of their
 * kind (监督员 / 专家), and they see their own reports (the request list scoped by `filed_by`).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountNames, createAccount, setAccountActive, updateAccount, type SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { phoneProblem, REPORTER_KINDS, REQUEST_CATEGORIES, type ReporterKind, type RequestCategory } from './core/index.js';
import { insertRequest } from './request-store.js';

type Db = Kysely<Database>;

export interface NewReporter {
  account: string;
  name: string;
  kind: ReporterKind;
  organisation: string;
  expertise?: string | null;
  phone: string;
  /** Omitted: a one-time password is generated and returned once. */
  password?: string;
}

/** Registers a 监督员 or expert: the account (must change its password at first login) and the register row. */
export async function registerReporter(db: Db, actor: SessionUser, p: NewReporter, today = chinaToday()) {
  const problems: InputProblem[] = [];
  if (!REPORTER_KINDS.includes(p.kind)) problems.push({ field: 'kind', message: '请选择类别（监督员或咨询专家）' });
  if (!p.name.trim()) problems.push({ field: 'name', message: '请填写姓名' });
  if (!p.organisation.trim()) problems.push({ field: 'organisation', message: '请填写工作单位' });
  const phone = phoneProblem(p.phone);
  if (phone) problems.push({ field: 'phone', message: phone });
  if (problems.length) throw new InputRejectedError('监督员或专家信息有误', problems);
  // Two steps, each one transaction with its audit entry: auth creates the account (it owns app_user), then the
  // register row. The inputs were checked above, so the second step only fails on a database fault.
  const { user, oneTimePassword } = await createAccount(db, actor, { account: p.account, name: p.name.trim(), role: 'supervisor', password: p.password });
  await db.transaction().execute(async (trx) => {
    const row = {
      user_id: user.id,
      account: user.account,
      kind: p.kind,
      organisation: p.organisation.trim(),
      expertise: p.expertise?.trim() || null,
      phone: p.phone.trim(),
      registered_by: actor.account,
      registered_on: today,
    };
    await trx.insertInto('request_reporter').values(row).execute();
    await recordAudit(trx, { actor: actor.account, action: 'requests.reporter.register', entity: 'request_reporter', entityId: user.id, after: row });
  });
  return { id: user.id, oneTimePassword };
}

/** The register with each person's reports (filed, closed). */
export async function listReporters(db: Db) {
  const rows = await db.selectFrom('request_reporter').selectAll().orderBy('kind').orderBy('registered_on').orderBy('user_id').execute();
  const names = await accountNames(
    db,
    rows.map((r) => r.user_id),
  );
  const counts = await db
    .selectFrom('request_item')
    .select((eb) => ['filed_by', eb.fn.countAll<number>().as('filed'), eb.fn.count<number>('closed_on').as('closed')])
    .where('channel', 'in', [...REPORTER_KINDS])
    .where('filed_by', 'in', rows.length ? rows.map((r) => r.account) : [''])
    .groupBy('filed_by')
    .execute();
  const byAccount = new Map(counts.map((c) => [c.filed_by, c]));
  return rows.map((r) => ({
    id: r.user_id,
    name: names.get(r.user_id) ?? '',
    kind: r.kind as ReporterKind,
    organisation: r.organisation,
    expertise: r.expertise,
    phone: r.phone,
    registeredOn: r.registered_on,
    reports: Number(byAccount.get(r.account)?.filed ?? 0),
    closed: Number(byAccount.get(r.account)?.closed ?? 0),
    active: r.active,
    deactivatedOn: r.deactivated_on,
  }));
}

export type ReporterChange = Omit<NewReporter, 'account' | 'password'>;

function reporterProblems(p: ReporterChange): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!REPORTER_KINDS.includes(p.kind)) problems.push({ field: 'kind', message: '请选择类别（监督员或咨询专家）' });
  if (!p.name.trim()) problems.push({ field: 'name', message: '请填写姓名' });
  if (!p.organisation.trim()) problems.push({ field: 'organisation', message: '请填写工作单位' });
  const phone = phoneProblem(p.phone);
  if (phone) problems.push({ field: 'phone', message: phone });
  return problems;
}

async function registerRow(db: Db, id: number) {
  const row = await db.selectFrom('request_reporter').selectAll().where('user_id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('监督员或咨询专家');
  return row;
}

/**
 * The office edits a register row (name, kind, organisation, expertise, phone). The name is the account's (auth
 * changes it, audited there); the row changes in one transaction with its audit entry. A change of kind changes the
 * channel of later reports only.
 */
export async function updateReporter(db: Db, actor: SessionUser, id: number, p: ReporterChange): Promise<void> {
  const problems = reporterProblems(p);
  if (problems.length) throw new InputRejectedError('监督员或专家信息有误', problems);
  const before = await registerRow(db, id);
  const name = p.name.trim();
  if ((await accountNames(db, [id])).get(id) !== name) await updateAccount(db, actor, id, { name, role: 'supervisor' });
  await db.transaction().execute(async (trx) => {
    const after = { kind: p.kind, organisation: p.organisation.trim(), expertise: p.expertise?.trim() || null, phone: p.phone.trim() };
    await trx.updateTable('request_reporter').set(after).where('user_id', '=', id).execute();
    await recordAudit(trx, {
      actor: actor.account,
      action: 'requests.reporter.update',
      entity: 'request_reporter',
      entityId: id,
      before: { kind: before.kind, organisation: before.organisation, expertise: before.expertise, phone: before.phone },
      after: { ...after, name },
    });
  });
}

/**
 * 停用 (or restore) a register row: the account is disabled through auth (`setAccountActive`: no login, sessions
 * ended; audited there), and the row is marked in one transaction with its audit entry. A deactivated person cannot
 * report; their past reports stay.
 */
export async function setReporterActive(db: Db, actor: SessionUser, id: number, active: boolean, today = chinaToday()): Promise<void> {
  const before = await registerRow(db, id);
  await setAccountActive(db, actor, id, active);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('request_reporter')
      .set({ active, deactivated_on: active ? null : today })
      .where('user_id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: actor.account,
      action: active ? 'requests.reporter.activate' : 'requests.reporter.deactivate',
      entity: 'request_reporter',
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

/** The register row of a supervisor account, or null. */
export async function reporterOf(db: Db, userId: number) {
  const r = await db.selectFrom('request_reporter').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return r ? { kind: r.kind as ReporterKind, organisation: r.organisation, expertise: r.expertise, phone: r.phone, active: r.active } : null;
}

export interface NewReport {
  category: RequestCategory;
  subject: string;
  description: string;
  /** The firm concerned, if any (from the registry). */
  enterpriseId?: number | null;
}

/** A 监督员 or expert reports a problem: a request with the channel of their kind; they are its contact. */
export async function fileReport(db: Db, user: SessionUser, p: NewReport, today = chinaToday()) {
  if (user.role !== 'supervisor') throw new ForbiddenError('只有营商环境监督员或咨询专家可以反映问题');
  const me = await reporterOf(db, user.id);
  if (!me) throw new ForbiddenError('您的账号尚未登记为营商环境监督员或咨询专家，请联系营商办');
  if (!me.active) throw new ForbiddenError('您的营商环境监督员（咨询专家）登记已停用，不能再反映问题');
  const problems: InputProblem[] = [];
  if (!REQUEST_CATEGORIES.includes(p.category)) problems.push({ field: 'category', message: '请选择类别' });
  if (!p.subject.trim()) problems.push({ field: 'subject', message: '请填写标题' });
  if (!p.description.trim()) problems.push({ field: 'description', message: '请填写反映的情况' });
  if (p.enterpriseId != null && !(await enterpriseNames(db, [p.enterpriseId])).has(p.enterpriseId))
    problems.push({ field: 'enterpriseId', message: '企业不存在' });
  if (problems.length) throw new InputRejectedError('反映的问题信息有误', problems);
  return db.transaction().execute((trx) =>
    insertRequest(trx, user.account, {
      category: p.category,
      subject: p.subject,
      description: p.description,
      contactName: user.name,
      contactPhone: me.phone,
      channel: me.kind,
      enterpriseId: p.enterpriseId ?? null,
      today,
      note: `渠道：${me.kind}（${me.organisation}）本人反映`,
    }),
  );
}
