import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { describe } from '../policies/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { assertFinanceDesk, assertFinanceReader } from './access.js';
import { institutionNames } from './bank-access.js';
import {
  explainMatch,
  rankMatches,
  type FinanceCollateral,
  type FinanceLoanKind,
  type FinanceNeedStatus,
  type FinanceProductType,
  type FinanceUrgency,
} from './core/index.js';
import { needTerms, productsInForce, profilesOf, rematch } from './matching-store.js';

type Db = Kysely<Database>;

export interface NeedInput {
  amount: number;
  termMonths: number;
  purpose: string;
  collateral: FinanceCollateral[];
  collateralNote?: string | null;
  loanKind: FinanceLoanKind;
  urgency: FinanceUrgency;
}

function ownFirm(user: SessionUser): number {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以发布融资需求');
  return user.enterpriseId;
}

function row(p: NeedInput) {
  const purpose = p.purpose.trim();
  if (!purpose) throw new InputRejectedError('请填写资金用途', [{ field: '资金用途', message: '必填' }]);
  return {
    amount: p.amount,
    term_months: p.termMonths,
    purpose,
    collateral: [...new Set(p.collateral)],
    collateral_note: p.collateralNote?.trim() || null,
    loan_kind: p.loanKind,
    urgency: p.urgency,
  };
}

/** An enterprise posts a need; it is matched at once against every product in force. */
export async function createNeed(db: Db, user: SessionUser, p: NeedInput, o: { today?: string; isDemo?: boolean } = {}): Promise<number> {
  const enterpriseId = ownFirm(user);
  const values = { enterprise_id: enterpriseId, ...row(p), posted_on: o.today ?? chinaToday(), created_by: user.account, is_demo: o.isDemo ?? false };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('finance_need').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: user.account, action: 'finance.need.create', entity: 'finance_need', entityId: id, after: values });
    await rematch(trx, { needIds: [id] });
    return id;
  });
}

async function ownNeed(db: Db, user: SessionUser, needId: number) {
  const n = await db.selectFrom('finance_need').selectAll().where('id', '=', needId).executeTakeFirst();
  if (!n) throw new NotFoundError('融资需求');
  if (n.enterprise_id !== ownFirm(user)) throw new ForbiddenError('只能查看和修改本企业的融资需求');
  return n;
}

export async function updateNeed(db: Db, user: SessionUser, needId: number, p: NeedInput): Promise<void> {
  const before = await ownNeed(db, user, needId);
  if (before.status !== 'open') throw new ConflictError('需求已关闭，不能修改');
  const after = row(p);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('finance_need')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', needId)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.need.update',
      entity: 'finance_need',
      entityId: needId,
      before: row(fromRow(before)),
      after,
    });
    await rematch(trx, { needIds: [needId] });
  });
}

/** The enterprise closes its need (met, or no longer needed); its matches are removed. */
export async function closeNeed(db: Db, user: SessionUser, needId: number, reason: string): Promise<void> {
  const before = await ownNeed(db, user, needId);
  if (before.status !== 'open') throw new ConflictError('需求已关闭');
  const why = reason.trim();
  if (!why) throw new InputRejectedError('请填写关闭原因', [{ field: '关闭原因', message: '必填' }]);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('finance_need').set({ status: 'closed', closed_reason: why, updated_at: new Date() }).where('id', '=', needId).execute();
    await trx.deleteFrom('finance_match').where('need_id', '=', needId).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.need.close',
      entity: 'finance_need',
      entityId: needId,
      before: { status: 'open' },
      after: { status: 'closed', reason: why },
    });
  });
}

type NeedRow = Awaited<ReturnType<typeof ownNeed>>;
function fromRow(n: NeedRow): NeedInput {
  return {
    amount: Number(n.amount),
    termMonths: n.term_months,
    purpose: n.purpose,
    collateral: n.collateral as FinanceCollateral[],
    collateralNote: n.collateral_note,
    loanKind: n.loan_kind as FinanceLoanKind,
    urgency: n.urgency as FinanceUrgency,
  };
}

async function views(db: Db, rows: NeedRow[]) {
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom('finance_match')
        .select((eb) => [
          'need_id',
          eb.fn.countAll<number>().filterWhere('outcome', '=', 'eligible').as('eligible'),
          eb.fn.countAll<number>().filterWhere('outcome', '=', 'unknown').as('unknown'),
        ])
        .where('need_id', 'in', ids)
        .groupBy('need_id')
        .execute()
    : [];
  const byNeed = new Map(counts.map((c) => [c.need_id, c]));
  return rows.map((n) => ({
    id: n.id,
    enterpriseId: n.enterprise_id,
    enterprise: names.get(n.enterprise_id)?.name ?? '',
    ...fromRow(n),
    collateralNote: n.collateral_note,
    status: n.status as FinanceNeedStatus,
    closedReason: n.closed_reason,
    postedOn: n.posted_on,
    eligible: Number(byNeed.get(n.id)?.eligible ?? 0),
    unknown: Number(byNeed.get(n.id)?.unknown ?? 0),
  }));
}

/** The enterprise's own needs, newest first. */
export async function listOwnNeeds(db: Db, user: SessionUser) {
  const rows = await db.selectFrom('finance_need').selectAll().where('enterprise_id', '=', ownFirm(user)).orderBy('id', 'desc').execute();
  return views(db, rows);
}

/**
 * One need against every product in force, with the rule's per-condition explanation (policies' `evaluate`) and the
 * fit, ranked: eligible, cannot tell, not eligible. The enterprise its own needs; 区金融办 and leaders any.
 */
export async function needMatches(db: Db, user: SessionUser, needId: number, asOf = chinaToday()) {
  const n = await db.selectFrom('finance_need').selectAll().where('id', '=', needId).executeTakeFirst();
  if (!n) throw new NotFoundError('融资需求');
  if (user.role === 'enterprise') {
    if (n.enterprise_id !== user.enterpriseId) throw new ForbiddenError('只能查看本企业的融资需求');
  } else await assertFinanceReader(db, user);
  const [need] = await views(db, [n]);
  const profile = (await profilesOf(db, [n.enterprise_id])).get(n.enterprise_id) ?? {};
  const products = await productsInForce(db);
  const names = await institutionNames(
    db,
    products.map((p) => p.institutionId),
  );
  const terms = needTerms(n);
  const matches = rankMatches(
    products.map((p) => {
      const m = explainMatch(terms, profile, p, asOf);
      return {
        productId: p.productId,
        versionId: p.versionId,
        name: p.name,
        type: p.terms.type as FinanceProductType,
        institution: names.get(p.institutionId) ?? '',
        amountMin: p.terms.amountMin,
        amountMax: p.terms.amountMax,
        termMin: p.terms.termMin,
        termMax: p.terms.termMax,
        rateMin: p.terms.rateMin,
        rateMax: p.terms.rateMax,
        outcome: m.outcome,
        conditionText: describe(p.condition),
        explanation: m.evaluation.explanation,
        missing: m.evaluation.missing,
        fit: m.fit,
      };
    }),
  );
  const count = (o: string) => matches.filter((m) => m.outcome === o).length;
  return { need: need!, asOf, counts: { eligible: count('eligible'), unknown: count('unknown'), notEligible: count('not_eligible') }, matches };
}

/**
 * 区金融办's list: needs without any eligible product in force (open by default), oldest first, with the follow-ups
 * recorded so far.
 */
export async function unmatchedNeeds(db: Db, user: SessionUser, status: FinanceNeedStatus = 'open') {
  await assertFinanceReader(db, user);
  const rows = await db
    .selectFrom('finance_need as n')
    .selectAll('n')
    .where('n.status', '=', status)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('finance_match as m').select('m.need_id').whereRef('m.need_id', '=', 'n.id').where('m.outcome', '=', 'eligible'))),
    )
    .orderBy('n.posted_on')
    .orderBy('n.id')
    .limit(500)
    .execute();
  const list = await views(db, rows);
  const notes = rows.length
    ? await db
        .selectFrom('finance_need_followup')
        .selectAll()
        .where(
          'need_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const name = await actorNamer(
    db,
    notes.map((x) => x.recorded_by),
  );
  return list.map((n) => ({
    ...n,
    followups: notes.filter((x) => x.need_id === n.id).map((x) => ({ id: x.id, note: x.note, by: name(x.recorded_by), at: x.recorded_at })),
  }));
}

/** 区金融办 records how it followed a need up by hand; audited. */
export async function addFollowup(db: Db, user: SessionUser, needId: number, note: string): Promise<number> {
  await assertFinanceDesk(db, user);
  const text = note.trim();
  if (!text) throw new InputRejectedError('请填写跟进情况', [{ field: '跟进情况', message: '必填' }]);
  const n = await db.selectFrom('finance_need').select('id').where('id', '=', needId).executeTakeFirst();
  if (!n) throw new NotFoundError('融资需求');
  return db.transaction().execute(async (trx) => {
    const values = { need_id: needId, note: text, recorded_by: user.account };
    const { id } = await trx.insertInto('finance_need_followup').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: user.account, action: 'finance.need.followup', entity: 'finance_need', entityId: needId, after: values });
    return id;
  });
}
