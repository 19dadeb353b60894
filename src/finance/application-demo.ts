/**
 * Demo data of 渝中融's second part for `bizenv demo` (labelled: `is_demo`, purposes ending （演示）): a year of
 * financing needs of the demo enterprises, applications to the demo banks' products with consents, the banks' steps
 * within (mostly) or after the deadlines counted with the working-day calendar, outcomes in 万元 at 3–6 % a year,
 * 首贷 and 无还本续贷, decline reasons, and 银企对接 events. Reproducible from the seed; written set-based into the
 * finance tables in one transaction with one audit entry (notices of a past year's work would mean nothing). A year
 * that already has demo applications is left as is. Needs the demo banks and products of the first part (`is_demo`).
 */
import type { Insertable, Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { FinanceApplicationTable } from '../db/tables/finance-applications.js';
import { enterprisePage, resolveIndustry } from '../enterprises/index.js';
import { seededRandom } from '../shared/index.js';
import { DATA_ITEMS, DEFAULT_FINANCE_LIMITS, type DeclineReason, type GuaranteeKind } from './core/index.js';

const PURPOSES = ['流动资金周转', '采购原材料', '支付货款', '设备更新改造', '研发投入', '扩大经营场所', '发放工资', '订单生产备货'];
const DECLINE_WEIGHTS: Array<[DeclineReason, number]> = [
  ['credit_record', 2],
  ['finance_weak', 4],
  ['collateral_short', 4],
  ['outside_policy', 2],
  ['materials_missing', 3],
  ['need_mismatch', 2],
  ['enterprise_gave_up', 1],
  ['other', 1],
];
const DECLINE_NOTES: Record<DeclineReason, string> = {
  credit_record: '征信报告显示近两年有逾期记录',
  finance_weak: '近一年营业收入下降明显，负债率偏高',
  collateral_short: '抵押物评估价值不足以覆盖申请金额',
  outside_policy: '企业所属行业暂不在本产品准入范围',
  materials_missing: '补充财务报表未在约定时间内提交',
  need_mismatch: '申请期限超出产品最长期限',
  enterprise_gave_up: '企业已通过其他渠道解决资金需求',
  other: '综合评估后暂不予授信',
};
const GUARANTEE_BY_TYPE: Record<string, GuaranteeKind> = {
  信用贷: '信用',
  银税互动: '信用',
  首贷: '信用',
  抵押贷: '抵押',
  知识产权质押: '质押',
  担保贷: '担保公司担保',
  供应链: '质押',
};

export interface FinanceDemoResult {
  skipped: boolean;
  needs: number;
  applications: number;
  disbursed: number;
  events: number;
}

export async function seedFinanceApplicationDemo(
  db: Kysely<Database>,
  p: { year: number; asOf: string; seed: number; actor: string },
): Promise<FinanceDemoResult> {
  const none = { needs: 0, applications: 0, disbursed: 0, events: 0 };
  const existing = await db
    .selectFrom('finance_application')
    .select('id')
    .where('is_demo', '=', true)
    .where('submitted_on', '>=', `${p.year}-01-01`)
    .where('submitted_on', '<=', `${p.year}-12-31`)
    .executeTakeFirst();
  if (existing) return { skipped: true, ...none };
  const products = await db
    .selectFrom('finance_product as pr')
    .innerJoin('finance_product_version as v', 'v.id', 'pr.current_version_id')
    .select(['pr.id', 'pr.institution_id', 'v.id as version_id', 'v.type', 'v.rate_min', 'v.rate_max'])
    .where('pr.status', '=', 'published')
    .where('pr.is_demo', '=', true)
    .orderBy('pr.id')
    .execute();
  const firms = (await enterprisePage(db, 0, 1000)).filter((e) => e.isDemo);
  if (!products.length || !firms.length) return { skipped: true, ...none };
  const rnd = seededRandom(p.seed * 7 + 16);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T>(xs: Array<[T, number]>): T => {
    let r = rnd() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[0]![0];
  };
  const cal = provisionalWorkingDays(await loadCalendar(db));
  const first = cal.addWorkingDays(`${p.year - 1}-12-31`, 1);
  const days: string[] = [];
  for (let d = first; d <= p.asOf && d <= `${p.year}-12-31`; d = cal.addWorkingDays(d, 1)) days.push(d);
  if (!days.length) return { skipped: true, ...none };
  const limits = DEFAULT_FINANCE_LIMITS;
  const after = (d: string, n: number) => cal.addWorkingDays(d, n);
  const round = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
  let needs = 0;
  let applications = 0;
  let disbursed = 0;
  let events = 0;
  await db.transaction().execute(async (trx) => {
    const needCount = Math.max(40, Math.round((days.length / 250) * 260));
    for (let i = 0; i < needCount; i++) {
      const firm = pick(firms);
      const postedOn = pick(days);
      const loanKind = weighted<'首贷' | '续贷' | '其他'>([
        ['首贷', 30],
        ['续贷', 25],
        ['其他', 45],
      ]);
      const amount = round(30 + rnd() ** 2 * 1970, 10);
      const term = pick([6, 12, 12, 12, 24, 36]);
      const matched = rnd() < 0.86;
      const need = await trx
        .insertInto('finance_need')
        .values({
          enterprise_id: firm.id,
          amount,
          term_months: term,
          purpose: `${pick(PURPOSES)}（演示）`,
          collateral: rnd() < 0.35 ? ['房产'] : [],
          collateral_note: null,
          loan_kind: loanKind,
          urgency: weighted([
            ['一般', 6],
            ['较急', 3],
            ['紧急', 1],
          ]),
          posted_on: postedOn,
          matched_at: matched ? `${postedOn}T02:00:00Z` : null,
          is_demo: true,
          created_by: p.actor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      needs++;
      if (!matched || rnd() < 0.15) continue;
      const chosen = new Set([pick(products)]);
      if (rnd() < 0.3) chosen.add(pick(products));
      let closed = false;
      for (const prod of chosen) {
        const submittedOn = after(postedOn, Math.floor(rnd() * 3));
        if (submittedOn > p.asOf) continue;
        const acceptDue = after(submittedOn, limits.acceptDays);
        const section = firm.industryCode ? resolveIndustry(firm.industryCode) : null;
        const row: Insertable<FinanceApplicationTable> = {
          need_id: need.id,
          enterprise_id: firm.id,
          product_id: prod.id,
          product_version_id: prod.version_id,
          institution_id: prod.institution_id,
          product_type: prod.type,
          amount,
          term_months: term,
          industry_section: section && !('error' in section) ? section.section.code : null,
          size_class: firm.sizeClass,
          first_loan_declared: loanKind === '首贷',
          status: 'submitted',
          submitted_on: submittedOn,
          accept_due: acceptDue,
          is_demo: true,
          created_by: p.actor,
        };
        const steps: Array<{ action: string; status: string; note: string | null; on_day: string }> = [
          { action: 'submit', status: 'submitted', note: null, on_day: submittedOn },
        ];
        // 受理: mostly within the limit, one in ten late.
        const acceptedOn = after(submittedOn, rnd() < 0.9 ? 1 + Math.floor(rnd() * limits.acceptDays) : limits.acceptDays + 1 + Math.floor(rnd() * 3));
        const fate = rnd();
        if (fate < 0.05 && acceptedOn <= p.asOf) {
          Object.assign(row, {
            status: 'declined',
            decided_on: after(submittedOn, 1),
            decline_reason: 'materials_missing',
            decline_note: DECLINE_NOTES.materials_missing,
          });
          steps.push({ action: 'decline', status: 'declined', note: `不予受理：${DECLINE_NOTES.materials_missing}`, on_day: after(submittedOn, 1) });
        } else if (acceptedOn <= p.asOf) {
          const decideDue = after(acceptedOn, limits.decideDays);
          Object.assign(row, { status: 'accepted', accepted_on: acceptedOn, decide_due: decideDue });
          steps.push({ action: 'accept', status: 'accepted', note: null, on_day: acceptedOn });
          const decidedOn = after(acceptedOn, rnd() < 0.92 ? 2 + Math.floor(rnd() * (limits.decideDays - 1)) : limits.decideDays + 1 + Math.floor(rnd() * 4));
          if (decidedOn <= p.asOf) {
            if (fate < 0.72) {
              const credit = round(amount * (0.6 + rnd() * 0.4), 10);
              const rate = Math.round((Number(prod.rate_min) + rnd() * (Number(prod.rate_max) - Number(prod.rate_min))) * 100) / 100;
              const renewal = loanKind === '续贷' ? (rnd() < 0.5 ? 'no_repayment_renewal' : 'renewal') : 'none';
              Object.assign(row, {
                status: 'approved',
                decided_on: decidedOn,
                credit_amount: credit,
                rate: Math.min(6, Math.max(3, rate)),
                guarantee: GUARANTEE_BY_TYPE[prod.type] ?? '保证',
                approved_term_months: term,
                first_loan_confirmed: loanKind === '首贷' && rnd() < 0.85,
                renewal_kind: renewal,
              });
              steps.push({ action: 'approve', status: 'approved', note: null, on_day: decidedOn });
              const paidOn = after(decidedOn, 1 + Math.floor(rnd() * 5));
              if (rnd() < 0.9 && paidOn <= p.asOf) {
                Object.assign(row, { status: 'disbursed', disbursed_amount: rnd() < 0.8 ? credit : round(credit * 0.7, 10), disbursed_on: paidOn });
                steps.push({ action: 'disburse', status: 'disbursed', note: null, on_day: paidOn });
                disbursed++;
                closed = true;
              }
            } else if (fate < 0.95) {
              const reason = weighted(DECLINE_WEIGHTS);
              Object.assign(row, { status: 'declined', decided_on: decidedOn, decline_reason: reason, decline_note: DECLINE_NOTES[reason] });
              steps.push({ action: 'decline', status: 'declined', note: `${DECLINE_NOTES[reason]}`, on_day: decidedOn });
            } else {
              Object.assign(row, { status: 'withdrawn', withdrawn_on: decidedOn });
              steps.push({ action: 'withdraw', status: 'withdrawn', note: '企业已通过其他渠道解决资金需求', on_day: decidedOn });
            }
          }
        }
        const app = await trx.insertInto('finance_application').values(row).returning('id').executeTakeFirstOrThrow();
        applications++;
        await trx
          .insertInto('finance_application_step')
          .values(steps.map((s) => ({ application_id: app.id, ...s, actor: p.actor })))
          .execute();
        const until = new Date(Date.parse(`${submittedOn}T00:00:00Z`) + 89 * 86_400_000).toISOString().slice(0, 10);
        await trx
          .insertInto('finance_consent')
          .values({
            application_id: app.id,
            enterprise_id: firm.id,
            institution_id: prod.institution_id,
            items: rnd() < 0.6 ? [...DATA_ITEMS] : ['profile', 'size'],
            granted_on: submittedOn,
            valid_until: until,
            granted_by: p.actor,
          })
          .execute();
      }
      if (closed) await trx.updateTable('finance_need').set({ status: 'closed', closed_reason: '已获得贷款（演示）' }).where('id', '=', need.id).execute();
    }
    // 银企对接 events: one every other month, half of them 培训.
    const banks = [...new Set(products.map((x) => x.institution_id))];
    for (let m = 3; m <= 12; m += 2) {
      const heldOn = days.find((d) => d >= `${p.year}-${String(m).padStart(2, '0')}-15`);
      if (!heldOn) break;
      const kind = m % 4 === 1 ? 'training' : 'matchmaking';
      const invited = [...new Set(Array.from({ length: 12 + Math.floor(rnd() * 10) }, () => pick(firms).id))];
      const present = invited.filter(() => rnd() < 0.75);
      const eventBanks = banks.filter(() => rnd() < 0.7);
      const ev = await trx
        .insertInto('finance_event')
        .values({
          kind,
          title: kind === 'training' ? `“获得信贷”专题培训（${m}月，演示）` : `银企融资对接专项活动（${m}月，演示）`,
          held_on: heldOn,
          place: '渝中区政务服务中心（演示）',
          note: null,
          institution_ids: eventBanks.length ? eventBanks : banks.slice(0, 1),
          needs_raised: kind === 'training' ? Math.floor(rnd() * 4) : 5 + Math.floor(rnd() * 10),
          is_demo: true,
          created_by: p.actor,
        })
        .returning(['id', 'institution_ids'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('finance_event_enterprise')
        .values(invited.map((id) => ({ event_id: ev.id, enterprise_id: id, invited: true, present: present.includes(id) })))
        .execute();
      const deals = kind === 'training' ? [] : present.filter(() => rnd() < 0.3);
      if (deals.length)
        await trx
          .insertInto('finance_event_deal')
          .values(deals.map((id) => ({ event_id: ev.id, enterprise_id: id, institution_id: pick(ev.institution_ids), amount: round(50 + rnd() * 950, 10) })))
          .execute();
      events++;
    }
    // A target for the ledger's signal (按时审批率 ≥ 95 %), unless the office has set the limits already.
    await trx
      .insertInto('finance_limit')
      .values({ id: 1, accept_days: limits.acceptDays, decide_days: limits.decideDays, accept_target: null, decide_target: 95, updated_by: p.actor })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await recordAudit(trx, {
      actor: p.actor,
      action: 'finance.demo.seed',
      entity: 'finance_application',
      after: { year: p.year, needs, applications, disbursed, events },
    });
  });
  return { skipped: false, needs, applications, disbursed, events };
}
