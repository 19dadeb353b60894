import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { getEnterprises, onProfilesChanged } from '../enterprises/index.js';
import { toProfile, type Condition, type Profile } from '../policies/index.js';
import { compileProducts, matchBatch, type MatchNeed, type MatchProduct, type MatchRow } from './core/index.js';

type Db = Kysely<Database>;

export interface ProductInForce extends MatchProduct {
  productId: number;
  institutionId: number;
  name: string;
}

/** Product versions in force (published products of active institutions), optionally only some products. */
export async function productsInForce(db: Db, productIds?: readonly number[]): Promise<ProductInForce[]> {
  if (productIds && productIds.length === 0) return [];
  let q = db
    .selectFrom('finance_product as p')
    .innerJoin('finance_product_version as v', 'v.id', 'p.current_version_id')
    .innerJoin('finance_institution as i', 'i.id', 'p.institution_id')
    .select([
      'p.id as productId',
      'p.institution_id',
      'v.id',
      'v.name',
      'v.type',
      'v.amount_min',
      'v.amount_max',
      'v.term_min',
      'v.term_max',
      'v.rate_min',
      'v.rate_max',
      'v.collateral',
      'v.condition',
    ])
    .where('p.status', '=', 'published')
    .where('i.active', '=', true)
    .orderBy('p.id');
  if (productIds) q = q.where('p.id', 'in', [...productIds]);
  return (await q.execute()).map((r) => ({
    productId: r.productId,
    institutionId: r.institution_id,
    name: r.name,
    versionId: r.id,
    condition: r.condition as Condition,
    terms: {
      type: r.type,
      amountMin: Number(r.amount_min),
      amountMax: Number(r.amount_max),
      termMin: r.term_min,
      termMax: r.term_max,
      rateMin: Number(r.rate_min),
      rateMax: Number(r.rate_max),
      collateral: r.collateral,
    },
  }));
}

export function needTerms(r: { amount: number; term_months: number; loan_kind: string; collateral: string[] }) {
  return { amount: Number(r.amount), termMonths: r.term_months, loanKind: r.loan_kind, collateral: r.collateral };
}

/** Profiles (the policies' `toProfile` of the registry's records) of firms, by id. */
export async function profilesOf(db: Db, enterpriseIds: readonly number[]): Promise<Map<number, Profile>> {
  const out = new Map<number, Profile>();
  const ids = [...new Set(enterpriseIds)];
  for (let i = 0; i < ids.length; i += 5000) for (const e of await getEnterprises(db, ids.slice(i, i + 5000))) out.set(e.id, toProfile(e));
  return out;
}

/**
 * Rewrites the stored matches (`finance_match`) of open needs: of the given needs against every product in force,
 * or of every open need against the given products (or everything when neither is given). Runs in the caller's
 * transaction. Sets `matched_at` of needs that have an eligible product for the first time.
 */
export async function rematch(trx: Db, scope: { needIds?: readonly number[]; productIds?: readonly number[] }, asOf = chinaToday(), batch = 5000) {
  const products = await productsInForce(trx, scope.productIds);
  const compiled = compileProducts(products);
  const totals = { needs: 0, pairs: 0, eligible: 0, unknown: 0 };
  if (scope.productIds?.length)
    await trx
      .deleteFrom('finance_match')
      .where('product_version_id', 'in', (eb) =>
        eb
          .selectFrom('finance_product_version')
          .select('id')
          .where('product_id', 'in', [...scope.productIds!]),
      )
      .execute();
  let lastId = 0;
  for (;;) {
    let q = trx
      .selectFrom('finance_need')
      .select(['id', 'enterprise_id', 'amount', 'term_months', 'loan_kind', 'collateral'])
      .where('status', '=', 'open')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch);
    if (scope.needIds) {
      if (scope.needIds.length === 0) break;
      q = q.where('id', 'in', [...scope.needIds]);
    }
    const needs = await q.execute();
    if (needs.length === 0) break;
    lastId = needs[needs.length - 1]!.id;
    const ids = needs.map((n) => n.id);
    if (!scope.productIds) await trx.deleteFrom('finance_match').where('need_id', 'in', ids).execute();
    const needsOf = new Map<number, MatchNeed[]>();
    for (const n of needs) {
      const list = needsOf.get(n.enterprise_id) ?? [];
      list.push({ needId: n.id, enterpriseId: n.enterprise_id, terms: needTerms(n) });
      needsOf.set(n.enterprise_id, list);
    }
    const rows: MatchRow[] = [];
    const c = matchBatch(needsOf, await profilesOf(trx, [...needsOf.keys()]), compiled, asOf, (needId, versionId, outcome, fit) =>
      rows.push({ needId, versionId, outcome, fit }),
    );
    totals.needs += needs.length;
    totals.pairs += c.pairs;
    totals.eligible += c.eligible;
    totals.unknown += c.unknown;
    for (let i = 0; i < rows.length; i += 2000)
      await trx
        .insertInto('finance_match')
        .values(rows.slice(i, i + 2000).map((r) => ({ need_id: r.needId, product_version_id: r.versionId, outcome: r.outcome, fit: r.fit })))
        .execute();
    await trx
      .updateTable('finance_need')
      .set({ matched_at: new Date() })
      .where('id', 'in', ids)
      .where('matched_at', 'is', null)
      .where((eb) =>
        eb.exists(eb.selectFrom('finance_match as m').select('m.need_id').whereRef('m.need_id', '=', 'finance_need.id').where('m.outcome', '=', 'eligible')),
      )
      .execute();
    if (needs.length < batch) break;
  }
  return totals;
}

// A firm's profile changed (registry edit or import): its open needs are matched again.
onProfilesChanged(async (db, ids) => {
  const needIds = (await db.selectFrom('finance_need').select('id').where('enterprise_id', 'in', ids).where('status', '=', 'open').execute()).map((r) => r.id);
  if (needIds.length) await db.transaction().execute((trx) => rematch(trx, { needIds }));
});
