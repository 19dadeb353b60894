/**
 * Demo requests for `bizenv demo`: a year of plausible enterprise requests (labelled: `is_demo`, subjects ending
 * （演示）, descriptions starting 【演示数据】), reproducible from the seed, filed on the working days of the plan year up
 * to its as-of date, spread over the units that handle each topic, every category and channel. Most are signed and
 * answered on time and rated 满意; some are signed or answered late, returned and re-routed (退单), rated 不满意 and
 * reopened (重办), a few reopened three times (问题工单), and the latest ones are still open (some overdue).
 * Written set-based into the requests' own tables in one transaction with one audit entry (thousands of requests:
 * the notices of live work would mean nothing for a past year). A year that already has demo requests is left as is.
 */
import type { Insertable, Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import { listEnterprises } from '../enterprises/index.js';
import { seededRandom } from '../shared/index.js';
import { ensureUnits } from '../units/index.js';
import { DEFAULT_LIMITS, requestNumber, type Rating, type RequestCategory, type RequestChannel } from './core/index.js';

/**
 * Topics: the unit that handles them, the 派单目录 topic they are routed under when the catalogue has it (none: routed
 * without a topic), subjects, and the months they peak in (rising keywords).
 */
const TOPICS: Array<{ unit: string; topic?: string; subjects: string[]; peak?: number[]; weight: number }> = [
  {
    unit: '区市场监管局',
    topic: '开办企业',
    subjects: ['营业执照变更登记进度', '食品经营许可证延续办理', '企业名称登记驳回原因', '个体工商户转企业咨询'],
    weight: 14,
  },
  { unit: '区税务局', topic: '纳税', subjects: ['增值税留抵退税申请进度', '电子发票申领额度不足', '研发费用加计扣除政策咨询'], peak: [4, 5, 6], weight: 12 },
  { unit: '区人力社保局', topic: '用工社保', subjects: ['稳岗返还资金未到账', '社保补贴申领材料咨询', '以工代训补贴申请'], peak: [7, 8, 9], weight: 10 },
  { unit: '区住房城市建设委', topic: '工程建设审批', subjects: ['施工许可审批时间过长', '竣工联合验收预约', '燃气报装进度慢'], weight: 8 },
  { unit: '区规划自然资源局', topic: '不动产登记', subjects: ['建设工程规划许可咨询', '不动产登记办理进度'], weight: 6 },
  { unit: '区财政局', topic: '政府采购', subjects: ['政府采购合同款项支付迟缓', '政府采购预付款比例咨询', '中小企业采购预留份额咨询'], weight: 8 },
  { unit: '区金融办', topic: '融资', subjects: ['首贷融资对接需求', '创业担保贷款贴息申请', '融资担保费用补贴咨询'], peak: [2, 3], weight: 9 },
  { unit: '区城管局', subjects: ['门店招牌设置审批', '占道施工影响门店经营', '夜间施工噪声投诉'], weight: 9 },
  { unit: '区政务服务办', topic: '政务服务', subjects: ['一网通办系统无法提交', '企业开办一窗综合受理咨询', '帮办代办服务申请'], weight: 10 },
  { unit: '区发展改革委', topic: '招标投标', subjects: ['招标文件设置不合理条件', '项目备案流程咨询', '惠企政策兑现进度'], weight: 7 },
  { unit: '区经济信息委', topic: '惠企政策', subjects: ['专精特新企业申报咨询', '技术改造补助申报', '数字化转型项目资金拨付'], peak: [10, 11], weight: 7 },
];

const CATEGORY_WEIGHTS: Array<[RequestCategory, number]> = [
  ['咨询', 35],
  ['求决', 40],
  ['投诉举报', 15],
  ['建议', 10],
];
const CHANNEL_WEIGHTS: Array<[RequestChannel, number]> = [
  ['网上', 45],
  ['电话', 25],
  ['来访', 10],
  ['座谈会', 7],
  ['监督员', 8],
  ['信函', 5],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';

function weighted<T>(r: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface RequestDemoResult {
  year: number;
  requests: number;
  skipped: boolean;
}

/** Demo requests of `year` filed up to `asOf` (about `perWorkingDay` a working day), reproducible from `seed`. */
export async function seedRequestDemo(
  db: Kysely<Database>,
  p: { year: number; asOf: string; seed: number; actor: string; perWorkingDay?: number },
): Promise<RequestDemoResult> {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const firms = (await listEnterprises(db, { q: '演示', limit: 300 })).items.map((e) => e.id);
  const end = p.asOf < `${p.year}-12-31` ? p.asOf : `${p.year}-12-31`;
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'requestNumber', p.year);
    const existing = await trx.selectFrom('request_item').select('id').where('year', '=', p.year).where('is_demo', '=', true).limit(1).execute();
    if (existing.length) return { year: p.year, requests: 0, skipped: true };
    const units = await ensureUnits(
      trx,
      TOPICS.map((t) => t.unit),
    );
    const r = seededRandom(p.seed * 7919 + p.year);
    const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
    const wd = (d: string, n: number) => calendar.addWorkingDays(d, n);
    const last = await trx
      .selectFrom('request_item')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('year', '=', p.year)
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    const items: Array<Insertable<Database['request_item']>> = [];
    const topicNames: Array<string | undefined> = [];
    const events: Array<Array<{ action: string; stage: string; unit_id: number | null; note: string | null; on_day: string }>> = [];
    const perDay = p.perWorkingDay ?? 12;
    for (let day = `${p.year}-01-01`; day <= end; day = nextDay(day)) {
      if (!calendar.isWorkday(day)) continue;
      const month = Number(day.slice(5, 7));
      const n = Math.round(perDay * (0.6 + r() * 0.8));
      for (let i = 0; i < n; i++) {
        const topic = weighted(
          r,
          TOPICS.map((t) => [t, t.weight * (t.peak?.includes(month) ? 3 : 1)] as [(typeof TOPICS)[number], number]),
        );
        const category = weighted(r, CATEGORY_WEIGHTS);
        const channel = weighted(r, CHANNEL_WEIGHTS);
        const limit = DEFAULT_LIMITS[category];
        const unitId = units.get(topic.unit)!;
        const subject = `${pick(topic.subjects)}（演示）`;
        const ev: (typeof events)[number] = [{ action: 'file', stage: '受理', unit_id: null, note: `渠道：${channel}`, on_day: day }];
        const row: Insertable<Database['request_item']> = {
          number: requestNumber(p.year, ++seq),
          year: p.year,
          seq,
          category,
          channel,
          subject,
          description: `【演示数据】${subject.replace('（演示）', '')}，请相关部门协调办理。`,
          contact_name: `${pick([...SURNAMES])}${pick(['先生', '女士', '经理'])}`,
          contact_phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
          enterprise_id: firms.length ? pick(firms) : null,
          filed_by: 'demo',
          filed_on: day,
          stage: '受理',
          is_demo: true,
        };
        items.push(row);
        topicNames.push(topic.topic);
        events.push(ev);
        const dues = (on: string) => ({ sign_due: wd(on, limit.signDays), answer_due: wd(on, limit.answerDays) });
        // 派单 the same day (most) or the next working day; stop at the data date.
        let routed = r() < 0.8 ? day : wd(day, 1);
        if (routed > end) continue;
        let transfers = 0;
        if (r() < 0.05) {
          // A misrouted request: another unit returns it the next working day, the office re-routes it.
          const wrong = units.get(pick(TOPICS.filter((t) => t.unit !== topic.unit)).unit)!;
          ev.push({ action: 'route', stage: '派单', unit_id: wrong, note: null, on_day: routed });
          const back = wd(routed, 1);
          if (back > end) {
            Object.assign(row, { stage: '派单', unit_id: wrong, routed_on: routed, ...dues(routed) });
            continue;
          }
          ev.push({ action: 'return', stage: '受理', unit_id: wrong, note: '不属本单位职责，请重新派单', on_day: back });
          transfers = 1;
          row.returned_by = [wrong];
          routed = back;
        }
        const due = dues(routed);
        Object.assign(row, { stage: '派单', unit_id: unitId, routed_on: routed, transfers, ...due });
        ev.push({ action: 'route', stage: '派单', unit_id: unitId, note: null, on_day: routed });
        const signed = r() < 0.93 ? (r() < 0.6 ? routed : due.sign_due) : wd(due.sign_due, 1 + Math.floor(r() * 2));
        if (signed > end) continue;
        Object.assign(row, { stage: '办理', signed_on: signed });
        ev.push({ action: 'sign', stage: '办理', unit_id: unitId, note: null, on_day: signed });
        let answerDue = due.answer_due;
        let reopens = 0;
        // Answer, rate; 不满意 reopens with the full answer limit from the day of rating.
        let start = signed;
        for (;;) {
          // Most within the limit (any day from the start up to the deadline), about one in eleven 1–5 working days late.
          const answered =
            r() < 0.09
              ? wd(answerDue, 1 + Math.floor(r() * 5))
              : (() => {
                  const d = wd(start, Math.floor(r() * (limit.answerDays + 1)));
                  return d <= answerDue ? d : start > answerDue ? start : answerDue;
                })();
          if (answered > end) break;
          Object.assign(row, { stage: '答复', answered_on: answered, answer: `【演示数据】已按规定办理并答复企业。`, answer_due: answerDue });
          if (reopens === 0) row.first_answered_on = answered;
          ev.push({ action: 'answer', stage: '答复', unit_id: unitId, note: '【演示数据】已按规定办理并答复企业。', on_day: answered });
          const rated = wd(answered, Math.floor(r() * 3));
          // About one firm in 25 never rates the answer (the request stays 已答复).
          if (rated > end || row.enterprise_id === null || r() < 0.04) break;
          const x = r();
          const threeTimes = reopens > 0 && reopens < 3 && r() < 0.12;
          const rating: Rating = threeTimes || (reopens === 0 && x < 0.1) ? '不满意' : x < 0.8 ? '满意' : '基本满意';
          Object.assign(row, { rating, rated_on: rated, rating_comment: rating === '不满意' ? '【演示数据】问题未实际解决' : null });
          if (rating !== '不满意') {
            Object.assign(row, { stage: '办结', closed_on: rated });
            ev.push({ action: 'rate', stage: '办结', unit_id: unitId, note: rating, on_day: rated });
            break;
          }
          reopens++;
          start = rated;
          answerDue = wd(rated, limit.answerDays);
          Object.assign(row, { stage: '办理', reopens, answer_due: answerDue, answered_on: null });
          ev.push({ action: 'rate', stage: '办理', unit_id: unitId, note: '不满意：【演示数据】问题未实际解决', on_day: rated });
          ev.push({ action: 'reopen', stage: '办理', unit_id: unitId, note: `第 ${reopens} 次重办，答复期限 ${answerDue}`, on_day: rated });
          if (reopens >= 3) row.escalated_on = rated;
        }
      }
    }
    // The two channels of systems, on their own stream (the sequence above stays as it was): about a third of the phone
    // requests came in as work orders of the city's 12345 platform (with its work-order number), and a few online ones
    // through 区政务服务办's 一网通办 system (Open311, channel 接口).
    const rc = seededRandom(p.seed * 7919 + p.year + 1);
    const gov = (await ensureUnits(trx, ['区政务服务办'])).get('区政务服务办')!;
    for (const [i, row] of items.entries()) {
      if (row.channel === '电话' && rc() < 0.35) {
        row.channel = '12345';
        row.external_id = `YZ${row.filed_on.replaceAll('-', '')}${String(row.seq).padStart(5, '0')}`;
        events[i]![0]!.note = `渠道：12345（转办工单 ${row.external_id}）`;
      } else if (row.channel === '网上' && rc() < 0.05) {
        row.channel = '接口';
        row.source_unit_id = gov;
        events[i]![0]!.note = '渠道：接口（区政务服务办系统提交）';
      }
    }
    const ids: number[] = [];
    for (let i = 0; i < items.length; i += 500) {
      const rows = await trx
        .insertInto('request_item')
        .values(items.slice(i, i + 500))
        .returning('id')
        .execute();
      ids.push(...rows.map((x) => x.id));
    }
    const flat = events.flatMap((evs, i) => evs.map((e) => ({ ...e, request_id: ids[i]!, actor: 'demo' })));
    for (let i = 0; i < flat.length; i += 1000)
      await trx
        .insertInto('request_event')
        .values(flat.slice(i, i + 1000))
        .execute();
    // The 派单目录 topic each routed request was routed under, when the catalogue has it (`bizenv demo` seeds it first).
    const topicIds = new Map((await trx.selectFrom('request_topic').select(['id', 'name']).execute()).map((t) => [t.name, t.id]));
    const routings = items.flatMap((row, i) => {
      const topicId = topicNames[i] === undefined ? undefined : topicIds.get(topicNames[i]!);
      return row.routed_on && topicId !== undefined ? [{ request_id: ids[i]!, suggestion: '[]', topic_id: topicId }] : [];
    });
    for (let i = 0; i < routings.length; i += 1000)
      await trx
        .insertInto('request_routing')
        .values(routings.slice(i, i + 1000))
        .execute();
    await recordAudit(trx, { actor: p.actor, action: 'requests.demo', entity: 'request_item', after: { year: p.year, requests: items.length, seed: p.seed } });
    return { year: p.year, requests: items.length, skipped: false };
  });
}
