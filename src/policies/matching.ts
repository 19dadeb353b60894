import { advisoryXactLock } from '../db/index.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { notifiedUsers, notify } from '../inbox/index.js';
import { enterpriseAccountIds, enterpriseIdsOfAccounts, type SessionUser } from '../auth/index.js';
import { assertCanSee, getEnterprise, getEnterprises, enterpriseNames, onProfilesChanged, type EnterpriseRecord } from '../enterprises/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import {
  compile,
  computeAmount,
  describe as describeCondition,
  describeAmount,
  evaluate,
  prepare,
  runRuleTests,
  T,
  U,
  validateCondition,
  type AmountRule,
  type Condition,
  type Evaluation,
  type Outcome,
  type Profile,
  type RuleTestCase,
  type RuleTestResult,
} from './core/index.js';
import { getPolicy, setPolicyStatus, toRuleVersion, type RuleVersion } from './policy-store.js';
import { dropMatchState, matchAllFirms } from './batch-match.js';
import { chinaToday } from '../calendar/index.js';

/** Today in China (the calendar's function). */
export const today = (): string => chinaToday();

export function toProfile(e: EnterpriseRecord): Profile {
  return {
    street: e.street,
    industryCode: e.industryCode,
    sizeClass: (e.sizeClass as Profile['sizeClass']) ?? null,
    registeredOn: e.registeredOn,
    registeredCapital: e.registeredCapital,
    revenue: e.revenue,
    employees: e.employees,
    assets: e.assets,
    rdRatio: e.rdRatio,
    creditGrade: e.creditGrade,
    legalForm: e.legalForm,
    qualifications: e.qualifications.map((q) => ({ tag: q.tag, validFrom: q.validFrom, validTo: q.validTo })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rule versions and their test cases

export async function getItem(db: Kysely<Database>, itemId: number) {
  const it = await db
    .selectFrom('policy_item')
    .innerJoin('policy', 'policy.id', 'policy_item.policy_id')
    .select([
      'policy_item.id',
      'policy_item.name',
      'policy_item.policy_id',
      'policy_item.test_cases',
      'policy_item.amount_text',
      'policy.title',
      'policy.status',
      'policy.doc_number',
    ])
    .where('policy_item.id', '=', itemId)
    .executeTakeFirst();
  if (!it) throw new NotFoundError('政策事项（不存在或已删除）');
  return it;
}

export interface RuleDraft {
  condition: Condition;
  amount?: AmountRule | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

function checkRule(r: RuleDraft): void {
  const problems = validateCondition(r.condition);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom)) problems.push('生效日期须为 YYYY-MM-DD');
  if (r.effectiveTo && r.effectiveTo < r.effectiveFrom) problems.push('失效日期早于生效日期');
  if (r.amount) {
    const a = r.amount;
    if (a.kind === 'fixed' && !(a.amount >= 0)) problems.push('定额须为非负数');
    if (a.kind === 'rate' && !(a.rate > 0)) problems.push('比例须为正数');
    if (a.kind === 'tiered' && !a.tiers?.length) problems.push('分档金额至少一档');
  }
  if (problems.length)
    throw new InputRejectedError(
      `规则有误：${problems.join('；')}`,
      problems.map((message) => ({ message })),
    );
}

/** Adds a draft version (the next number); published versions are never changed. */
export async function addRuleVersion(db: Kysely<Database>, itemId: number, r: RuleDraft, actor: string): Promise<RuleVersion> {
  checkRule(r);
  await getItem(db, itemId);
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'policyMatch', itemId);
    const last = await trx
      .selectFrom('policy_rule_version')
      .select(['version', 'status', 'id'])
      .where('item_id', '=', itemId)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    // An unpublished draft is replaced rather than piling up drafts.
    if (last && last.status === 'draft') await trx.deleteFrom('policy_rule_version').where('id', '=', last.id).execute();
    const version = last ? (last.status === 'draft' ? last.version : last.version + 1) : 1;
    const row = await trx
      .insertInto('policy_rule_version')
      .values({
        item_id: itemId,
        version,
        condition: JSON.stringify(r.condition),
        amount: r.amount ? JSON.stringify(r.amount) : null,
        effective_from: r.effectiveFrom,
        effective_to: r.effectiveTo ?? null,
        created_by: actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'policy.rule.draft', entity: 'policy_item', entityId: itemId, after: { version, ...r } });
    return toRuleVersion(row);
  });
}

export async function setTestCases(db: Kysely<Database>, itemId: number, cases: RuleTestCase[], actor: string): Promise<void> {
  for (const [i, c] of cases.entries()) {
    if (!c.name || !/^\d{4}-\d{2}-\d{2}$/.test(c.asOf) || !['eligible', 'not_eligible', 'unknown'].includes(c.expected))
      throw new InputRejectedError(`测试用例${i + 1}：须有名称、日期（YYYY-MM-DD）和期望结果`);
  }
  await db.transaction().execute(async (trx) => {
    const before = await getItem(trx, itemId);
    await trx
      .updateTable('policy_item')
      .set({ test_cases: JSON.stringify(cases) })
      .where('id', '=', itemId)
      .execute();
    await recordAudit(trx, { actor, action: 'policy.rule.tests', entity: 'policy_item', entityId: itemId, before: before.test_cases, after: cases });
  });
}

export class RuleTestsFailedError extends ConflictError {
  constructor(public readonly results: RuleTestResult[]) {
    super(
      results.length
        ? `有 ${results.filter((r) => !r.passed).length} 个测试用例未通过，不能发布：${results
            .filter((r) => !r.passed)
            .map((r) => `${r.name}（${r.message}）`)
            .join('；')}`
        : '规则至少要有一个测试用例才能发布',
    );
  }
}

/**
 * Publishes a draft version: all the item's test cases must pass (and there must be at least one
 * case with each of "符合" and "不符合"). A published version stays as it is; the previous one ends
 * the day before the new one takes effect. Then the firms that qualify are notified.
 */
export async function publishRuleVersion(
  db: Kysely<Database>,
  versionId: number,
  actor: string,
): Promise<{ version: RuleVersion; tests: RuleTestResult[]; pushed: number }> {
  const v = await db.selectFrom('policy_rule_version').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!v) throw new NotFoundError('规则版本（不存在或已删除）');
  if (v.status === 'published') throw new ConflictError('该版本已发布，修改规则请新建版本');
  const item = await getItem(db, v.item_id);
  const cases = item.test_cases as RuleTestCase[];
  const tests = runRuleTests({ condition: v.condition as Condition, amount: v.amount as AmountRule | null }, cases);
  const outcomes = new Set(cases.map((c) => c.expected));
  if (!cases.length || tests.some((t) => !t.passed)) throw new RuleTestsFailedError(tests);
  if (!outcomes.has('eligible') || !outcomes.has('not_eligible')) throw new ConflictError('测试用例须至少包含一个“符合”和一个“不符合”的例子');
  const published = await db.transaction().execute(async (trx) => {
    const prev = await trx
      .selectFrom('policy_rule_version')
      .select(['id', 'effective_to'])
      .where('item_id', '=', v.item_id)
      .where('status', '=', 'published')
      .where('version', '<', v.version)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (prev && (!prev.effective_to || prev.effective_to >= v.effective_from)) {
      await sql`update policy_rule_version set effective_to = (${v.effective_from}::date - 1) where id = ${prev.id}`.execute(trx);
    }
    const row = await trx
      .updateTable('policy_rule_version')
      .set({ status: 'published', published_at: new Date(), test_results: JSON.stringify(tests) })
      .where('id', '=', versionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'policy.rule.publish',
      entity: 'policy_item',
      entityId: v.item_id,
      after: { version: v.version, tests: tests.length },
    });
    return toRuleVersion(row);
  });
  const r = item.status === 'published' ? await matchAndPush(db, { itemIds: [v.item_id] }) : { notified: 0 };
  return { version: published, tests, pushed: r.notified };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface ActiveRule {
  itemId: number;
  itemName: string;
  policyId: number;
  policyTitle: string;
  docNumber: string | null;
  issuer: string;
  publishedOn: string | null;
  kind: string;
  amountText: string | null;
  version: RuleVersion;
}

/** The rule version in force on `asOf` of every item of the published policies valid on that date. */
export async function activeRules(db: Kysely<Database>, asOf: string, itemIds?: number[]): Promise<ActiveRule[]> {
  let q = db
    .selectFrom('policy_rule_version as v')
    .innerJoin('policy_item as i', 'i.id', 'v.item_id')
    .innerJoin('policy as p', 'p.id', 'i.policy_id')
    .selectAll('v')
    .select(['i.name as item_name', 'i.kind', 'i.amount_text', 'p.id as policy_id', 'p.title', 'p.doc_number', 'p.issuer', 'p.published_on'])
    .where('p.status', '=', 'published')
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', asOf)
    .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>=', asOf)]))
    .where((eb) => eb.or([eb('p.valid_from', 'is', null), eb('p.valid_from', '<=', asOf)]))
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', asOf)]))
    .orderBy('v.item_id')
    .orderBy('v.version', 'desc');
  if (itemIds) q = q.where('v.item_id', 'in', itemIds.length ? itemIds : [0]);
  const rows = await q.execute();
  const seen = new Set<number>();
  const out: ActiveRule[] = [];
  for (const r of rows) {
    if (seen.has(r.item_id)) continue;
    seen.add(r.item_id);
    out.push({
      itemId: r.item_id,
      itemName: r.item_name,
      policyId: r.policy_id,
      policyTitle: r.title,
      docNumber: r.doc_number,
      issuer: r.issuer,
      publishedOn: r.published_on,
      kind: r.kind,
      amountText: r.amount_text,
      version: toRuleVersion(r),
    });
  }
  return out;
}

export interface CalculatorResult extends Evaluation {
  itemId: number;
  itemName: string;
  kind: string;
  amountStated: string | null;
  policyId: number;
  policyTitle: string;
  docNumber: string | null;
  issuer: string;
  ruleVersion: number;
  ruleVersionId: number;
  conditionText: string;
}

const ORDER: Record<Outcome, number> = { eligible: 0, unknown: 1, not_eligible: 2 };

/** 政策计算器: every active item evaluated for a profile, eligible first (larger amounts first), then cannot tell, then not eligible. */
export async function calculate(db: Kysely<Database>, profile: Profile, asOf = today()): Promise<CalculatorResult[]> {
  const rules = await activeRules(db, asOf);
  return rules
    .map((r) => ({
      ...evaluate({ condition: r.version.condition, amount: r.version.amount }, profile, asOf),
      itemId: r.itemId,
      itemName: r.itemName,
      kind: r.kind,
      amountStated: r.amountText,
      policyId: r.policyId,
      policyTitle: r.policyTitle,
      docNumber: r.docNumber,
      issuer: r.issuer,
      ruleVersion: r.version.version,
      ruleVersionId: r.version.id,
      conditionText: r.version.conditionText,
    }))
    .sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome] || (b.amount ?? -1) - (a.amount ?? -1) || a.missing.length - b.missing.length || a.itemId - b.itemId);
}

/**
 * The calculator for a person: an enterprise account sees its own firm (whatever it asks for),
 * staff the firm they choose.
 */
export async function calculateFor(db: Kysely<Database>, user: SessionUser, q: { enterpriseId?: number; asOf?: string }) {
  const enterpriseId = user.role === 'enterprise' ? user.enterpriseId : q.enterpriseId;
  if (!enterpriseId) throw new ForbiddenError(user.role === 'enterprise' ? '该企业账号未关联企业' : '请选择企业');
  assertCanSee(user, enterpriseId);
  const e = await getEnterprise(db, enterpriseId);
  const asOf = q.asOf ?? today();
  return { enterprise: { id: e.id, name: e.name, sizeClass: e.sizeClass }, asOf, results: await calculate(db, toProfile(e), asOf) };
}

/** Tries a rule (not yet saved) on example profiles and on stored firms (the builder's "试算"). */
export async function previewRule(
  db: Kysely<Database>,
  rule: { condition: Condition; amount?: AmountRule | null },
  p: { asOf: string; enterpriseIds?: number[]; profiles?: Profile[] },
) {
  const problems = validateCondition(rule.condition);
  if (problems.length)
    throw new InputRejectedError(
      `规则有误：${problems.join('；')}`,
      problems.map((message) => ({ message })),
    );
  const firms = await getEnterprises(db, (p.enterpriseIds ?? []).slice(0, 50));
  return {
    conditionText: describeCondition(rule.condition),
    amountText: describeAmount(rule.amount),
    results: [
      ...firms.map((e) => ({ enterpriseId: e.id, name: e.name, profile: toProfile(e), ...evaluate(rule, toProfile(e), p.asOf) })),
      ...(p.profiles ?? []).slice(0, 50).map((pr, i) => ({ enterpriseId: null, name: `示例${i + 1}`, profile: pr, ...evaluate(rule, pr, p.asOf) })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Matching and push

export interface MatchSummary {
  enterprises: number;
  items: number;
  evaluations: number;
  eligible: number;
  unknown: number;
  notified: number;
  seconds: number;
}

/** A long batch's hooks (the background job): firms matched so far after each batch; a cancel check before each batch and before the push. */
export interface MatchSteps {
  progress?: (firmsDone: number) => void;
  /** Throws to stop: the batches already written keep their results; nothing is pushed. */
  checkCancelled?: () => void;
}

/**
 * Evaluates firms against the active rules (all, or only the given items or firms), records the
 * eligible results with the rule version used, and sends each qualifying enterprise account one
 * inbox message per item and rule version (dedupe key `policy:<itemId>:v<version>`).
 */
export async function matchAndPush(
  db: Kysely<Database>,
  o: { itemIds?: number[]; enterpriseIds?: number[]; asOf?: string; push?: boolean; record?: boolean; batch?: number } = {},
  steps: MatchSteps = {},
): Promise<MatchSummary> {
  const t0 = performance.now();
  const asOf = o.asOf ?? today();
  const rules = await activeRules(db, asOf, o.itemIds);
  const compiled = rules.map((r) => ({ r, f: compile(r.version.condition) }));
  let enterprises = 0,
    evaluations = 0,
    eligible = 0,
    unknown = 0,
    notified = 0;
  const collect = o.push !== false && o.record !== false;
  const perFirm = compiled.map(() => [] as number[]);
  // Per rule, the eligible firms' ids (the bulk path gives typed arrays).
  let eligibleByRule: Array<ArrayLike<number>> = perFirm;
  if (!o.enterpriseIds) {
    // Every firm: the bulk path (keyset batches, discrete facts keyed, only changed results written).
    const r = await matchAllFirms(
      db,
      rules.map((x) => ({ versionId: x.version.id, itemId: x.itemId, condition: x.version.condition, amount: x.version.amount })),
      { asOf, record: o.record !== false, collect, batch: o.batch ?? 10_000, full: !o.itemIds, steps },
    );
    ({ enterprises, evaluations, eligible, unknown } = r);
    if (r.eligibleByRule) eligibleByRule = r.eligibleByRule;
  } else if (rules.length) {
    // The given firms (a profile change): read whole, evaluated with the compiled rules, their results rewritten.
    const firms = await getEnterprises(db, o.enterpriseIds);
    const ids = firms.map((e) => e.id);
    enterprises += firms.length;
    const rows: Array<{ enterprise_id: number; rule_version_id: number; item_id: number; outcome: string; amount: number | null; as_of: string }> = [];
    for (const e of firms) {
      const profile = toProfile(e);
      const prepared = prepare(profile, asOf);
      for (let k = 0; k < compiled.length; k++) {
        const { r, f } = compiled[k]!;
        evaluations++;
        const res = f(prepared);
        if (res === T) {
          eligible++;
          if (o.record !== false)
            rows.push({
              enterprise_id: e.id,
              rule_version_id: r.version.id,
              item_id: r.itemId,
              outcome: 'eligible',
              amount: computeAmount(r.version.amount, profile, asOf).amount,
              as_of: asOf,
            });
          if (collect) perFirm[k]!.push(e.id);
        } else if (res === U) unknown++;
      }
    }
    if (o.record !== false && ids.length)
      await db.transaction().execute(async (trx) => {
        const versionIds = compiled.map((c) => c.r.version.id);
        // The kept per-firm text of bulk matching no longer says what these firms hold.
        await dropMatchState(trx, { enterpriseIds: ids });
        for (let i = 0; i < ids.length; i += 5000) {
          await trx
            .deleteFrom('policy_match')
            .where('rule_version_id', 'in', versionIds)
            .where('enterprise_id', 'in', ids.slice(i, i + 5000))
            .execute();
        }
        for (let i = 0; i < rows.length; i += 2000)
          await trx
            .insertInto('policy_match')
            .values(rows.slice(i, i + 2000))
            .execute();
      });
    steps.progress?.(enterprises);
  }
  steps.checkCancelled?.();
  if (collect) {
    for (const [k, { r }] of compiled.entries()) {
      const firmIds = eligibleByRule[k];
      if (!firmIds?.length) continue;
      const users = await enterpriseAccountIds(db, Array.from(firmIds));
      notified += await notify(db, {
        userIds: users,
        kind: 'policy',
        title: `政策推送：${r.itemName}（${r.docNumber || r.policyTitle}）`,
        body: `根据贵企业档案，贵企业可能符合《${r.policyTitle}》${r.docNumber ? `（${r.docNumber}）` : ''}中的“${r.itemName}”${r.amountText ? `（${r.amountText}）` : ''}。适用条件：${r.version.conditionText}。请在“政策计算器”中查看逐条说明并及时申报。`,
        link: `/policies/calculator?item=${r.itemId}`,
        dedupeKey: `policy:${r.itemId}:v${r.version.version}`,
      });
    }
  }
  return { enterprises, items: rules.length, evaluations, eligible, unknown, notified, seconds: (performance.now() - t0) / 1000 };
}

/** Publishes a policy and pushes its items to the firms that qualify. */
export async function publishPolicy(db: Kysely<Database>, id: number, actor: string) {
  await setPolicyStatus(db, id, 'published', actor);
  const p = await getPolicy(db, id, { staff: true });
  return { ...p, match: await matchAndPush(db, { itemIds: p.items.map((i) => i.id) }) };
}

onProfilesChanged(async (db, ids) => {
  await matchAndPush(db, { enterpriseIds: ids });
});

// ---------------------------------------------------------------------------------------------
// 应享尽享: applications and the funnel

export async function recordApplication(
  db: Kysely<Database>,
  p: {
    enterpriseId: number;
    itemId: number;
    status: 'applied' | 'granted' | 'rejected';
    appliedOn?: string | null;
    grantedOn?: string | null;
    grantedAmount?: number | null;
  },
  actor: string,
): Promise<void> {
  await getItem(db, p.itemId);
  await getEnterprise(db, p.enterpriseId); // 404 for an unknown firm
  await db.transaction().execute(async (trx) => {
    const v = {
      status: p.status,
      applied_on: p.appliedOn ?? null,
      granted_on: p.grantedOn ?? null,
      granted_amount: p.grantedAmount ?? null,
      recorded_by: actor,
      updated_at: new Date(),
    };
    await trx
      .insertInto('policy_application')
      .values({ enterprise_id: p.enterpriseId, item_id: p.itemId, ...v })
      .onConflict((oc) => oc.columns(['enterprise_id', 'item_id']).doUpdateSet(v))
      .execute();
    await recordAudit(trx, { actor, action: `policy.application.${p.status}`, entity: 'policy_item', entityId: p.itemId, after: p });
  });
}

/** eligible → notified → read → applied → granted for one item, with the firms that qualify but have not applied. */
export async function funnel(db: Kysely<Database>, itemId: number) {
  const item = await getItem(db, itemId);
  // The firms that qualify, each with the amount of the latest rule version it qualified under.
  const elig = await sql<{ enterprise_id: number; amount: number | null; version: number }>`
    select distinct on (m.enterprise_id) m.enterprise_id, m.amount, v.version
    from policy_match m join policy_rule_version v on v.id = m.rule_version_id
    where m.item_id = ${itemId} and m.outcome = 'eligible'
    order by m.enterprise_id, v.version desc`.execute(db);
  const firms = await enterpriseNames(
    db,
    elig.rows.map((r) => r.enterprise_id),
  );
  // Reached: a firm one of whose accounts got this item's push (any version); read if any of them read it.
  const notifiedUserMap = await notifiedUsers(db, `policy:${itemId}:v`);
  const firmOf = await enterpriseIdsOfAccounts(db, [...notifiedUserMap.keys()]);
  const reach = new Map<number, { read: boolean }>();
  for (const [userId, { read }] of notifiedUserMap) {
    const firm = firmOf.get(userId);
    if (firm === undefined) continue;
    const seen = reach.get(firm);
    reach.set(firm, { read: read || (seen?.read ?? false) });
  }
  const apps = await db.selectFrom('policy_application').select(['enterprise_id', 'status']).where('item_id', '=', itemId).execute();
  const statusOf = new Map(apps.map((a) => [a.enterprise_id, a.status]));
  const list = elig.rows.flatMap((r) => {
    const firm = firms.get(r.enterprise_id);
    if (!firm) return [];
    const msg = reach.get(r.enterprise_id);
    return [
      {
        enterprise_id: r.enterprise_id,
        name: firm.name,
        credit_code: firm.creditCode,
        amount: r.amount,
        notified: msg !== undefined,
        read: msg?.read ?? false,
        status: statusOf.get(r.enterprise_id) ?? null,
        version: r.version,
      },
    ];
  });
  return {
    itemId,
    itemName: item.name,
    policyTitle: item.title,
    stages: [
      { stage: 'eligible' as const, label: '符合条件', count: list.length },
      { stage: 'notified' as const, label: '已推送', count: list.filter((r) => r.notified).length },
      { stage: 'read' as const, label: '已阅读', count: list.filter((r) => r.read).length },
      { stage: 'applied' as const, label: '已申报', count: apps.filter((a) => a.status === 'applied' || a.status === 'granted').length },
      { stage: 'granted' as const, label: '已兑现', count: apps.filter((a) => a.status === 'granted').length },
    ],
    notApplied: list
      .filter((r) => !r.status)
      .map((r) => ({
        enterpriseId: r.enterprise_id,
        name: r.name,
        creditCode: r.credit_code,
        amount: r.amount,
        notified: r.notified,
        read: r.read,
        ruleVersion: r.version,
      })),
    reached: list.filter((r) => r.notified).map((r) => ({ enterpriseId: r.enterprise_id, name: r.name, read: r.read })),
  };
}

/** Per item: eligible, applied and granted counts (the platform-wide 应享尽享 table). */
export async function funnelSummary(db: Kysely<Database>) {
  const r = await sql<{ item_id: number; item_name: string; policy_id: number; title: string; eligible: number; applied: number; granted: number }>`
    select i.id as item_id, i.name as item_name, p.id as policy_id, p.title,
      (select count(distinct m.enterprise_id)::int from policy_match m where m.item_id = i.id and m.outcome = 'eligible') as eligible,
      (select count(*)::int from policy_application a where a.item_id = i.id and a.status in ('applied', 'granted')) as applied,
      (select count(*)::int from policy_application a where a.item_id = i.id and a.status = 'granted') as granted
    from policy_item i join policy p on p.id = i.policy_id where p.status = 'published' order by p.id, i.seq`.execute(db);
  return r.rows;
}
