import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { describe, runRuleTests, type Condition, type RuleTestCase } from '../policies/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { assertFinanceDesk } from './access.js';
import { bankScope, institutionNames } from './bank-access.js';
import {
  productProblems,
  productSearchText,
  publishProblems,
  type FinanceCollateral,
  type FinanceInstitutionKind,
  type FinanceProductType,
  type FinanceRepayment,
  type ProductDraft,
} from './core/index.js';
import { rematch } from './matching-store.js';

type Db = Kysely<Database>;
export type ProductInput = ProductDraft & { institutionId?: number };

/**
 * The institution rows `user` may manage products of: a bank account its scope; 区金融办 every row (null).
 * Leaders and enterprises: refused.
 */
async function manageScope(db: Db, user: SessionUser): Promise<number[] | null> {
  if (user.role === 'bank') return (await bankScope(db, user)).institutionIds;
  await assertFinanceDesk(db, user);
  return null;
}

async function productFor(db: Db, user: SessionUser, productId: number) {
  const p = await db.selectFrom('finance_product').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!p) throw new NotFoundError('金融产品');
  const scope = await manageScope(db, user);
  if (scope && !scope.includes(p.institution_id)) throw new ForbiddenError('只能管理本机构的金融产品');
  return p;
}

function checkDraft(d: ProductDraft): void {
  const problems = productProblems(d);
  if (problems.length) throw new InputRejectedError(`金融产品信息有误：${problems.map((p) => `${p.field}${p.message}`).join('；')}`, problems);
}

function versionRow(d: ProductDraft, institution: string) {
  return {
    name: d.name.trim(),
    type: d.type,
    amount_min: d.amountMin,
    amount_max: d.amountMax,
    term_min: d.termMin,
    term_max: d.termMax,
    rate_min: d.rateMin,
    rate_max: d.rateMax,
    repayment: d.repayment,
    collateral: d.collateral,
    collateral_note: d.collateralNote?.trim() || null,
    description: d.description.trim(),
    condition: JSON.stringify(d.condition),
    test_cases: JSON.stringify(d.testCases),
    search_text: productSearchText(d, institution),
  };
}

/** A new product with its first version as a draft (a bank: for its own institution rows; 区金融办: for any). */
export async function createProduct(db: Db, user: SessionUser, p: ProductInput, o: { isDemo?: boolean } = {}): Promise<number> {
  const scope = await manageScope(db, user);
  const institutionId = p.institutionId ?? (scope ? scope[0] : undefined);
  if (institutionId === undefined) throw new InputRejectedError('请选择所属机构', [{ field: '所属机构', message: '必填' }]);
  if (scope && !scope.includes(institutionId)) throw new ForbiddenError('只能为本机构登记金融产品');
  const inst = (await institutionNames(db, [institutionId])).get(institutionId);
  if (!inst) throw new InputRejectedError('所属机构不存在', [{ field: '所属机构', message: '不存在' }]);
  checkDraft(p);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('finance_product')
      .values({ institution_id: institutionId, created_by: user.account, is_demo: o.isDemo ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = { product_id: id, version: 1, ...versionRow(p, inst), created_by: user.account };
    await trx.insertInto('finance_product_version').values(row).execute();
    await recordAudit(trx, { actor: user.account, action: 'finance.product.create', entity: 'finance_product', entityId: id, after: { institutionId, ...p } });
    return id;
  });
}

/** Saves the product's draft: replaces the unpublished latest version, or starts the next version. */
export async function saveProductDraft(db: Db, user: SessionUser, productId: number, p: ProductDraft): Promise<number> {
  const product = await productFor(db, user, productId);
  checkDraft(p);
  const inst = (await institutionNames(db, [product.institution_id])).get(product.institution_id) ?? '';
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('finance_product_version')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    let versionId: number;
    if (latest.published_at === null) {
      await trx
        .updateTable('finance_product_version')
        .set({ ...versionRow(p, inst), created_by: user.account, created_at: new Date() })
        .where('id', '=', latest.id)
        .execute();
      versionId = latest.id;
    } else {
      versionId = (
        await trx
          .insertInto('finance_product_version')
          .values({ product_id: productId, version: latest.version + 1, ...versionRow(p, inst), created_by: user.account })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.product.draft',
      entity: 'finance_product',
      entityId: productId,
      after: { versionId, ...p },
    });
    return versionId;
  });
}

/**
 * Publishes the product's draft: every test case passes, with a “符合” and a “不符合” case (`publishProblems`); the
 * draft is in force from today, the version it replaces ends the day before; open needs are matched against it.
 */
export async function publishProduct(db: Db, user: SessionUser, productId: number, today = chinaToday()) {
  const product = await productFor(db, user, productId);
  const draft = await db
    .selectFrom('finance_product_version')
    .selectAll()
    .where('product_id', '=', productId)
    .where('published_at', 'is', null)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!draft) throw new ConflictError('没有待发布的草稿：请先修改产品再发布');
  const { results, problems } = publishProblems(draft.condition as Condition, draft.test_cases as RuleTestCase[]);
  if (problems.length)
    throw new InputRejectedError(
      `不能发布：${problems.join('；')}`,
      problems.map((m) => ({ field: '测试用例', message: m })),
    );
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const matched = await db.transaction().execute(async (trx) => {
    if (product.current_version_id !== null)
      await trx.updateTable('finance_product_version').set({ valid_to: yesterday }).where('id', '=', product.current_version_id).execute();
    await trx
      .updateTable('finance_product_version')
      .set({ valid_from: today, valid_to: null, published_by: user.account, published_at: new Date() })
      .where('id', '=', draft.id)
      .execute();
    await trx
      .updateTable('finance_product')
      .set({ status: 'published', current_version_id: draft.id, withdrawn_on: null })
      .where('id', '=', productId)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.product.publish',
      entity: 'finance_product',
      entityId: productId,
      before: { status: product.status, currentVersionId: product.current_version_id },
      after: { status: 'published', currentVersionId: draft.id, version: draft.version, validFrom: today },
    });
    return rematch(trx, { productIds: [productId] }, today);
  });
  return { versionId: draft.id, version: draft.version, results, matched: matched.eligible };
}

/** Withdraws a product: no longer offered from today, its matches removed. */
export async function withdrawProduct(db: Db, user: SessionUser, productId: number, today = chinaToday()): Promise<void> {
  const product = await productFor(db, user, productId);
  if (product.status !== 'published') throw new ConflictError('只有在售的产品可以下架');
  await db.transaction().execute(async (trx) => {
    if (product.current_version_id !== null)
      await trx.updateTable('finance_product_version').set({ valid_to: today }).where('id', '=', product.current_version_id).execute();
    await trx.updateTable('finance_product').set({ status: 'withdrawn', current_version_id: null, withdrawn_on: today }).where('id', '=', productId).execute();
    await trx
      .deleteFrom('finance_match')
      .where('product_version_id', 'in', (eb) => eb.selectFrom('finance_product_version').select('id').where('product_id', '=', productId))
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.product.withdraw',
      entity: 'finance_product',
      entityId: productId,
      before: { status: product.status, currentVersionId: product.current_version_id },
      after: { status: 'withdrawn', withdrawnOn: today },
    });
  });
}

/** The products `user` manages (a bank: its institution rows'; 区金融办: all), newest first. */
export async function listManagedProducts(db: Db, user: SessionUser) {
  const scope = await manageScope(db, user);
  if (scope && scope.length === 0) return [];
  let q = db
    .selectFrom('finance_product as p')
    .innerJoin('finance_product_version as v', (j) =>
      j.onRef('v.product_id', '=', 'p.id').on('v.version', '=', (eb) =>
        eb
          .selectFrom('finance_product_version as w')
          .select((e) => e.fn.max('w.version').as('m'))
          .whereRef('w.product_id', '=', 'p.id'),
      ),
    )
    .leftJoin('finance_product_version as c', 'c.id', 'p.current_version_id')
    .select(['p.id', 'p.institution_id', 'p.status', 'v.name', 'v.type', 'v.version', 'v.published_at', 'c.valid_from'])
    .orderBy('p.id', 'desc');
  if (scope) q = q.where('p.institution_id', 'in', scope);
  const rows = await q.execute();
  const names = await institutionNames(
    db,
    rows.map((r) => r.institution_id),
  );
  return rows.map((r) => ({
    id: r.id,
    institution: names.get(r.institution_id) ?? '',
    status: r.status,
    name: r.name,
    type: r.type as FinanceProductType,
    version: r.version,
    hasDraft: r.published_at === null,
    validFrom: r.valid_from,
  }));
}

/** A managed product with all its versions (newest first) and each version's test results. */
export async function getManagedProduct(db: Db, user: SessionUser, productId: number) {
  const p = await productFor(db, user, productId);
  const versions = await db.selectFrom('finance_product_version').selectAll().where('product_id', '=', productId).orderBy('version', 'desc').execute();
  const name = await actorNamer(
    db,
    versions.flatMap((v) => [v.created_by, v.published_by]),
  );
  const inst = (await institutionNames(db, [p.institution_id])).get(p.institution_id) ?? '';
  const draft = versions.find((v) => v.published_at === null);
  return {
    id: p.id,
    institutionId: p.institution_id,
    institution: inst,
    status: p.status,
    withdrawnOn: p.withdrawn_on,
    currentVersionId: p.current_version_id,
    draftVersionId: draft?.id ?? null,
    versions: versions.map((v) => {
      const condition = v.condition as Condition;
      const testCases = v.test_cases as RuleTestCase[];
      return {
        id: v.id,
        version: v.version,
        ...terms(v),
        condition,
        testCases,
        testResults: runRuleTests({ condition }, testCases),
        validFrom: v.valid_from,
        validTo: v.valid_to,
        publishedBy: name(v.published_by),
        publishedAt: v.published_at,
        createdBy: name(v.created_by),
        createdAt: v.created_at,
      };
    }),
  };
}

function terms(v: {
  name: string;
  type: string;
  amount_min: number;
  amount_max: number;
  term_min: number;
  term_max: number;
  rate_min: number;
  rate_max: number;
  repayment: string[];
  collateral: string[];
  collateral_note: string | null;
  description: string;
  condition: unknown;
}) {
  return {
    name: v.name,
    type: v.type as FinanceProductType,
    amountMin: Number(v.amount_min),
    amountMax: Number(v.amount_max),
    termMin: v.term_min,
    termMax: v.term_max,
    rateMin: Number(v.rate_min),
    rateMax: Number(v.rate_max),
    repayment: v.repayment as FinanceRepayment[],
    collateral: v.collateral as FinanceCollateral[],
    collateralNote: v.collateral_note,
    description: v.description,
    conditionText: describe(v.condition as Condition),
  };
}

/** Runs a rule's test cases without saving (the editor's 试运行). */
export async function testRun(db: Db, user: SessionUser, condition: Condition, cases: RuleTestCase[]) {
  await manageScope(db, user);
  const { results, problems } = publishProblems(condition, cases);
  return { conditionText: describe(condition), results, problems };
}

export interface CatalogueFilter {
  q?: string;
  type?: FinanceProductType;
  institutionId?: number;
  amount?: number;
  page?: number;
  pageSize?: number;
}

/**
 * The public catalogue: products in force of active institutions, searched in name, type, institution, description
 * and the rule in words (every whitespace-separated word must occur), filtered by type, institution (a head office
 * includes its branches) and an amount the range must cover; lowest rate first.
 */
export async function catalogue(db: Db, f: CatalogueFilter) {
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  let q = db
    .selectFrom('finance_product as p')
    .innerJoin('finance_product_version as v', 'v.id', 'p.current_version_id')
    .innerJoin('finance_institution as i', 'i.id', 'p.institution_id')
    .where('p.status', '=', 'published')
    .where('i.active', '=', true);
  for (const w of words) q = q.where('v.search_text', 'like', `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.type) q = q.where('v.type', '=', f.type);
  if (f.institutionId !== undefined) {
    const id = f.institutionId;
    q = q.where((eb) => eb.or([eb('i.id', '=', id), eb('i.parent_id', '=', id)]));
  }
  if (f.amount !== undefined) q = q.where('v.amount_min', '<=', f.amount).where('v.amount_max', '>=', f.amount);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = f.pageSize ?? 20;
  const rows = await q
    .selectAll('v')
    .select(['p.id as productId', 'p.institution_id', 'i.kind as institution_kind'])
    .orderBy('v.rate_min')
    .orderBy('p.id')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute();
  const names = await institutionNames(
    db,
    rows.map((r) => r.institution_id),
  );
  const institutions = await db
    .selectFrom('finance_institution as i')
    .select(['i.id', sql<string>`i.name || coalesce(i.branch, '')`.as('name')])
    .where('i.active', '=', true)
    .where((eb) =>
      eb.exists(eb.selectFrom('finance_product as p').select('p.id').whereRef('p.institution_id', '=', 'i.id').where('p.status', '=', 'published')),
    )
    .orderBy('i.name')
    .orderBy('i.id')
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: r.productId,
      versionId: r.id,
      institutionId: r.institution_id,
      institution: names.get(r.institution_id) ?? '',
      institutionKind: r.institution_kind as FinanceInstitutionKind,
      ...terms(r),
      validFrom: r.valid_from,
    })),
    institutions,
  };
}
