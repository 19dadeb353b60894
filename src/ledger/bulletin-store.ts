import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditHead, recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import { notify } from '../inbox/index.js';
import { getPlan } from '../plan/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { isOffice, unitStaffIds } from './access.js';
import { type Bulletin, type BulletinTexts, buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';
import { bulletinNumber, bulletinPrefix } from './core/bulletin-number.js';
import { isIsoDate } from './core/calendar.js';

/**
 * Bulletins as documents (定期通报): the office drafts one for a cycle and a data date, edits its text, and issues
 * it. A draft is computed live (the ledger as it stands, as of its data date); issuing freezes the bulletin as
 * served (`snapshot`) and its .docx bytes, with the number (GB/T 9704-2012 7.2.4: 渝中营商通报〔year〕n号, n the
 * year's sequence of the prefix, year = the year of issue), the issue date and the issuer. An issued bulletin is
 * never changed or deleted (refused here with 409, and by a database trigger); another draft of the same cycle
 * gets its own number when issued. Every change is audited; issuing notifies the staff of every unit with a task
 * in the plan (once per bulletin).
 */

export type BulletinState = 'draft' | 'issued';

export interface BulletinSummary {
  id: number;
  planId: number;
  cycleId: number;
  cycleLabel: string;
  state: BulletinState;
  dataDate: string;
  title: string;
  number: string | null;
  issuedOn: string | null;
  issuerName: string | null;
  issuerUnit: string | null;
  authorName: string;
  updatedAt: Date;
  docxSha256: string | null;
}

export interface BulletinPatch {
  title?: string;
  dataDate?: string;
  recipients?: string;
  overview?: string;
  problems?: string;
  requirements?: string;
}

const TEXT_FIELDS = ['recipients', 'overview', 'problems', 'requirements'] as const;

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('ledger_bulletin as b')
    .innerJoin('ledger_cycle as c', 'c.id', 'b.cycle_id')
    .select([
      'b.id',
      'b.plan_id',
      'b.cycle_id',
      'c.label as cycle_label',
      'b.state',
      'b.data_date',
      'b.title',
      'b.recipients',
      'b.overview',
      'b.problems',
      'b.requirements',
      'b.number',
      'b.issued_on',
      'b.issuer_name',
      'b.issuer_unit',
      'b.author_name',
      'b.updated_at',
      'b.docx_sha256',
      'b.snapshot',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summary(r: Row): BulletinSummary {
  return {
    id: r.id,
    planId: r.plan_id,
    cycleId: r.cycle_id,
    cycleLabel: r.cycle_label,
    state: r.state,
    dataDate: r.data_date,
    title: r.title,
    number: r.number,
    issuedOn: r.issued_on,
    issuerName: r.issuer_name,
    issuerUnit: r.issuer_unit,
    authorName: r.author_name,
    updatedAt: r.updated_at,
    docxSha256: r.docx_sha256,
  };
}
const textsOf = (r: Pick<Row, 'recipients' | 'overview' | 'problems' | 'requirements'>): BulletinTexts => ({
  recipients: r.recipients,
  overview: r.overview,
  problems: r.problems,
  requirements: r.requirements,
});

/** The plan's bulletins, newest first: the issued ones (the archive) for everyone, the drafts for the office too. */
export async function listBulletins(
  db: Kysely<Database>,
  user: SessionUser,
  f: { planId: number; state?: BulletinState; cycleId?: number },
): Promise<BulletinSummary[]> {
  let q = summaryQuery(db).where('b.plan_id', '=', f.planId);
  if (!isOffice(user)) q = q.where('b.state', '=', 'issued');
  if (f.state) q = q.where('b.state', '=', f.state);
  if (f.cycleId !== undefined) q = q.where('b.cycle_id', '=', f.cycleId);
  const rows = await q
    .orderBy('b.issued_on', (o) => o.desc().nullsFirst())
    .orderBy('b.id', 'desc')
    .execute();
  return rows.map(summary);
}

async function rowOf(db: Kysely<Database>, user: SessionUser, id: number): Promise<Row> {
  const r = await summaryQuery(db).where('b.id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError(`通报 ${id}`);
  if (r.state === 'draft' && !isOffice(user)) throw new ForbiddenError('通报草稿仅营商办可见，签发后各单位可查阅');
  return r;
}

/** One bulletin with its content: an issued one's frozen snapshot, a draft's figures computed now as of its data date. */
export async function getBulletinDoc(db: Kysely<Database>, user: SessionUser, id: number): Promise<BulletinSummary & { content: Bulletin }> {
  const r = await rowOf(db, user, id);
  const content = r.state === 'issued' ? (r.snapshot as Bulletin) : await buildBulletin(db, r.cycle_id, r.data_date, { title: r.title, texts: textsOf(r) });
  return { ...summary(r), content };
}

/** The .docx of a bulletin: the bytes frozen at issue, or a draft's document generated now (marked 草稿). */
export async function bulletinDocxOf(db: Kysely<Database>, user: SessionUser, id: number): Promise<{ bytes: Buffer; fileName: string }> {
  const r = await rowOf(db, user, id);
  if (r.state === 'issued') {
    const stored = await db.selectFrom('ledger_bulletin').select('docx').where('id', '=', id).executeTakeFirstOrThrow();
    return { bytes: stored.docx!, fileName: `${r.number}${r.title}.docx` };
  }
  const content = await buildBulletin(db, r.cycle_id, r.data_date, { title: r.title, texts: textsOf(r) });
  return { bytes: await bulletinDocx(content), fileName: `（草稿）${r.title}.docx` };
}

function checkDataDate(dataDate: string, periodStart: string, problems: InputProblem[]): void {
  if (!isIsoDate(dataDate)) problems.push({ field: 'dataDate', message: '数据截至日期应为有效日期 YYYY-MM-DD' });
  else if (dataDate < periodStart) problems.push({ field: 'dataDate', message: `数据截至日期不能早于报送周期开始日 ${periodStart}` });
}

/** What a new draft is asked for: the plan's cycle and the data date (default: the bulletin's own default date). */
export interface NewBulletinDraft {
  planId: number;
  cycleId: number;
  dataDate?: string;
}

/** Refuses a draft request that cannot be drafted: a cycle not of the plan (404), an invalid data date (400). */
export async function checkBulletinDraft(db: Kysely<Database>, p: NewBulletinDraft): Promise<void> {
  const cycle = await db.selectFrom('ledger_cycle').select(['id', 'plan_id', 'period_start']).where('id', '=', p.cycleId).executeTakeFirst();
  if (!cycle || cycle.plan_id !== p.planId) throw new NotFoundError(`该方案的报送周期 ${p.cycleId}`);
  if (p.dataDate !== undefined) {
    const problems: InputProblem[] = [];
    checkDataDate(p.dataDate, cycle.period_start, problems);
    if (problems.length) throw new InputRejectedError('通报信息有误', problems);
  }
}

/**
 * Drafts a bulletin of a cycle, as of `dataDate` (default: the bulletin's own default date), with drafted texts,
 * in one transaction. `hooks` (the background job): steps done of 3 (checked, figures summed, written) and a
 * cancel check between them.
 */
export async function createBulletinDraft(
  db: Kysely<Database>,
  user: SessionUser,
  p: NewBulletinDraft,
  hooks: { progress?: (done: number, total: number) => void; checkCancelled?: () => void } = {},
): Promise<{ id: number; title: string; asOf: string; tasks: number; completed: number; lagging: number }> {
  return db.transaction().execute(async (trx) => {
    hooks.progress?.(0, 3);
    await checkBulletinDraft(trx, p);
    hooks.progress?.(1, 3);
    hooks.checkCancelled?.();
    const b = await buildBulletin(trx, p.cycleId, p.dataDate);
    hooks.progress?.(2, 3);
    hooks.checkCancelled?.();
    const row = await trx
      .insertInto('ledger_bulletin')
      .values({
        plan_id: p.planId,
        cycle_id: p.cycleId,
        data_date: b.asOf,
        title: b.title,
        ...b.texts,
        created_by: user.account,
        author_name: user.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.bulletin.draft',
      entity: 'ledger_bulletin',
      entityId: row.id,
      after: { cycleId: p.cycleId, dataDate: b.asOf, title: b.title, ...b.texts },
    });
    hooks.checkCancelled?.();
    hooks.progress?.(3, 3);
    return { id: row.id, title: b.title, asOf: b.asOf, tasks: b.overall.tasks, completed: b.completed.length, lagging: b.lagging.length };
  });
}

async function draftForChange(trx: Kysely<Database>, id: number, verb: string) {
  const r = await trx.selectFrom('ledger_bulletin').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw new NotFoundError(`通报 ${id}`);
  if (r.state === 'issued') throw new ConflictError(`通报${r.number}已签发，不能${verb}；如需更正，请新建草稿另行签发`);
  return r;
}

/** Edits a draft's title, data date and texts; an issued bulletin is refused (409). */
export async function updateBulletinDraft(db: Kysely<Database>, user: SessionUser, id: number, p: BulletinPatch): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await draftForChange(trx, id, '修改');
    const problems: InputProblem[] = [];
    const set: Partial<Record<'title' | 'data_date' | (typeof TEXT_FIELDS)[number], string>> = {};
    if (p.title !== undefined) {
      if (!p.title.trim()) problems.push({ field: 'title', message: '请填写通报标题' });
      else set.title = p.title.trim();
    }
    if (p.dataDate !== undefined) {
      const cycle = await trx.selectFrom('ledger_cycle').select('period_start').where('id', '=', r.cycle_id).executeTakeFirstOrThrow();
      checkDataDate(p.dataDate, cycle.period_start, problems);
      set.data_date = p.dataDate;
    }
    for (const k of TEXT_FIELDS) {
      const v = p[k];
      if (v !== undefined) set[k] = v.trim();
    }
    if (set.recipients === '') problems.push({ field: 'recipients', message: '请填写主送单位' });
    if (set.requirements === '') problems.push({ field: 'requirements', message: '请填写下步工作要求' });
    if (problems.length) throw new InputRejectedError('通报信息有误', problems);
    const changed = Object.fromEntries(Object.entries(set).filter(([k, v]) => r[k as keyof typeof set] !== v));
    if (Object.keys(changed).length === 0) return;
    await trx
      .updateTable('ledger_bulletin')
      .set({ ...changed, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.bulletin.update',
      entity: 'ledger_bulletin',
      entityId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, r[k as keyof typeof set]])),
      after: changed,
    });
  });
}

/** Deletes a draft; an issued bulletin is refused (409). */
export async function deleteBulletinDraft(db: Kysely<Database>, user: SessionUser, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await draftForChange(trx, id, '删除');
    await trx.deleteFrom('ledger_bulletin').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.bulletin.delete',
      entity: 'ledger_bulletin',
      entityId: id,
      before: { cycleId: r.cycle_id, dataDate: r.data_date, title: r.title, ...textsOf(r) },
    });
  });
}

/**
 * Issues a draft: takes the next number of the year (under a lock per prefix and year), freezes the bulletin as
 * it stands now (figures as of its data date, its texts, number, date and issuer) and its .docx (which carries the
 * audit chain's head), records the document's SHA-256 in the audit log and notifies the units' staff once.
 */
export async function issueBulletin(
  db: Kysely<Database>,
  user: SessionUser,
  id: number,
  opts: { today?: string } = {},
): Promise<{ id: number; number: string; issuedOn: string; notified: number }> {
  return db.transaction().execute(async (trx) => {
    const r = await draftForChange(trx, id, '重复签发');
    const plan = await getPlan(trx, r.plan_id);
    const prefix = bulletinPrefix(plan.issuer ?? '', plan.title);
    const issuedOn = opts.today ?? chinaToday();
    const year = Number(issuedOn.slice(0, 4));
    await advisoryXactLock(trx, 'ledgerBulletins', `${prefix}${year}`);
    const last = await trx
      .selectFrom('ledger_bulletin')
      .select((eb) => eb.fn.max('number_seq').as('seq'))
      .where('number_prefix', '=', prefix)
      .where('number_year', '=', year)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const number = bulletinNumber(prefix, year, seq);
    const content = await buildBulletin(trx, r.cycle_id, r.data_date, { title: r.title, texts: textsOf(r) });
    const units = user.unitIds.length ? (await findUnitsByIds(trx, user.unitIds)).map((u) => u.name).sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')) : [];
    const issue = { number, issuedOn, issuerName: user.name, issuerUnit: units.join('、') || content.issuer };
    const frozen: Bulletin = { ...content, docNumber: number, issue };
    const head = await auditHead(trx);
    const docx = await bulletinDocx(frozen, head);
    const sha256 = createHash('sha256').update(docx).digest('hex');
    await trx
      .updateTable('ledger_bulletin')
      .set({
        state: 'issued',
        number_prefix: prefix,
        number_year: year,
        number_seq: seq,
        number,
        issued_on: issuedOn,
        issued_by: user.account,
        issuer_name: issue.issuerName,
        issuer_unit: issue.issuerUnit,
        snapshot: JSON.stringify(frozen),
        docx,
        docx_sha256: sha256,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.bulletin.issue',
      entity: 'ledger_bulletin',
      entityId: id,
      after: { number, issuedOn, issuerName: issue.issuerName, issuerUnit: issue.issuerUnit, dataDate: r.data_date, docxSha256: sha256, auditHead: head },
    });
    const unitRows = await trx
      .selectFrom('ledger_task_unit as tu')
      .innerJoin('ledger_task as t', 't.id', 'tu.task_id')
      .select('tu.unit_id')
      .distinct()
      .where('t.plan_id', '=', r.plan_id)
      .execute();
    const notified = await notify(trx, {
      userIds: await unitStaffIds(
        trx,
        unitRows.map((u) => u.unit_id),
      ),
      kind: 'ledger.bulletin',
      title: `通报${number}：${content.cycleLabel}优化营商环境改革任务推进情况`,
      body: `${frozen.title}已于${issuedOn}签发（数据截至${r.data_date}），请各单位对照“下步工作要求”抓好落实。`,
      link: `/ledger/bulletins/${id}`,
      dedupeKey: `bulletin:${id}`,
    });
    return { id, number, issuedOn, notified };
  });
}
