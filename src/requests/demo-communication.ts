/**
 * Demo 政企沟通 and 回访 (measures 51, 52) for `bizenv demo`, after the demo requests of the same year
 * (`seedRequestDemo`): registered 营商环境监督员 and 咨询专家 (accounts through `registerReporter`, i.e. auth's
 * `createAccount`), 政企座谈会 with their participants and minutes, key investment firms (重点招商企业) with the unit in
 * charge, quarterly visit plans and visits with the needs found. Everything is labelled (names and titles carry
 * （演示）, texts 【演示数据】) and reproducible from the seed; days are working days of the year up to its as-of date.
 *
 * The demo requests of the year are the issues and reports: the 监督员-channel requests become the reports of the
 * registered 监督员 (some of them the 专家's, channel 专家), 座谈会-channel requests filed on a meeting's day or the
 * working days after become its issues (their firms and units attend), and some 电话/来访 requests filed just after a
 * visit become the need the firm raised on it (channel 走访). A year that already has demo meetings is left as is.
 */
import type { Insertable, Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { changePassword, findAccountId, type SessionUser } from '../auth/index.js';
import { loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { listEnterprises } from '../enterprises/index.js';
import { seededRandom } from '../shared/index.js';
import { ensureUnits, lookupUnit } from '../units/index.js';
import { periodRange, type ReporterKind, type VisitMethod } from './core/index.js';
import { registerReporter } from './reporter-store.js';

/** The people registered (names clearly demo); account `demo-jdy<n>` / `demo-zj<n>`. */
const REPORTERS: Array<{ kind: ReporterKind; name: string; organisation: string; expertise: string | null }> = [
  { kind: '监督员', name: '陈静（演示）', organisation: '渝中区工商联（演示）', expertise: null },
  { kind: '监督员', name: '刘卫东（演示）', organisation: '解放碑商圈企业联合会（演示）', expertise: null },
  { kind: '监督员', name: '王晓燕（演示）', organisation: '渝中区个体劳动者协会（演示）', expertise: null },
  { kind: '监督员', name: '张建国（演示）', organisation: '重庆市渝中区律师协会（演示）', expertise: null },
  { kind: '监督员', name: '李娜（演示）', organisation: '渝中区餐饮行业协会（演示）', expertise: null },
  { kind: '监督员', name: '赵明辉（演示）', organisation: '渝中区女企业家协会（演示）', expertise: null },
  { kind: '专家', name: '黄志远（演示）', organisation: '重庆大学经济与工商管理学院（演示）', expertise: '营商环境评价' },
  { kind: '专家', name: '周丽（演示）', organisation: '西南政法大学行政法学院（演示）', expertise: '行政审批与法治政府' },
  { kind: '专家', name: '吴海峰（演示）', organisation: '重庆市金融学会（演示）', expertise: '中小企业融资' },
];

/** Meetings: host, place, month and day aimed at (moved to the next working day). */
const MEETINGS: Array<{ title: (y: number) => string; host: string; place: string; on: string; theme: string }> = [
  { title: (y) => `${y}年一季度民营企业政企座谈会（演示）`, host: '区发展改革委', place: '区政府3号会议室', on: '03-16', theme: '惠企政策兑现和审批服务' },
  { title: () => '金融支持小微企业政企座谈会（演示）', host: '区金融办', place: '解放碑企业服务中心2楼会议室', on: '04-20', theme: '首贷续贷和融资担保' },
  { title: () => '楼宇经济企业服务座谈会（演示）', host: '区商务委', place: '解放碑商务楼宇服务站', on: '05-18', theme: '楼宇企业服务和商圈环境' },
  { title: (y) => `${y}年二季度民营企业政企座谈会（演示）`, host: '区发展改革委', place: '区政府3号会议室', on: '06-22', theme: '政府采购和招标投标' },
  { title: () => '稳岗就业政策落实座谈会（演示）', host: '区人力社保局', place: '区人力社保局1楼会议室', on: '08-17', theme: '稳岗返还和社保补贴' },
  { title: (y) => `${y}年三季度民营企业政企座谈会（演示）`, host: '区发展改革委', place: '区政府3号会议室', on: '09-14', theme: '工程建设审批和水电气报装' },
  { title: () => '重点招商企业服务座谈会（演示）', host: '区招商局', place: '区招商局会议室', on: '10-19', theme: '招商落地企业的发展需求' },
  { title: (y) => `${y}年四季度民营企业政企座谈会（演示）`, host: '区发展改革委', place: '区政府3号会议室', on: '12-14', theme: '全年营商环境评价和明年工作' },
];

/** Units in charge of key firms (measure 52: 区招商局 leads, the industry departments take part) and their share. */
const KEY_FIRM_UNITS: Array<[string, number]> = [
  ['区招商局', 10],
  ['区商务委', 5],
  ['区经济信息委', 5],
  ['区科技局', 3],
  ['区金融办', 3],
];
/** Visitors' names; a plan or visit names one or two, labelled once: 周明、孙立（演示）. */
const VISITORS = ['周明', '孙立', '郑洁', '冯涛', '何欣', '罗刚', '高原', '林芳'];
const FINDINGS = [
  '企业生产经营正常，二期项目已开工建设。',
  '企业已完成注册落地，正在办理施工许可相关手续。',
  '企业营业收入同比增长，计划年内申报规模以上企业。',
  '企业新办公场地已装修完毕，员工陆续到岗。',
  '企业签约投资已到位六成，其余资金计划下季度到位。',
  '企业反映招聘高端人才难，已介绍区人才政策。',
  '企业经营稳定，对区内服务表示满意。',
  '企业正在筹备区域总部认定材料。',
];
const NEEDS = [
  '希望协调解决员工子女入学',
  '申请兑现招商协议约定的入驻奖励',
  '办公楼宇停车位紧张，希望协调周边车位',
  '希望对接银行解决流动资金贷款',
  '希望加快高新技术企业认定辅导',
  '希望帮助对接本地上下游配套企业',
  '咨询人才公寓申请条件',
  '希望简化二期项目环评审批手续',
];
const METHODS: Array<[VisitMethod, number]> = [
  ['上门', 60],
  ['电话', 25],
  ['视频', 15],
];

function weighted<T>(r: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

export interface CommunicationDemoResult {
  year: number;
  reporters: number;
  reports: number;
  meetings: number;
  issues: number;
  keyFirms: number;
  plans: number;
  visits: number;
  needs: number;
  skipped: boolean;
}

/** Demo 政企沟通 and 回访 of `year` up to `asOf`, reproducible from `seed` (run after `seedRequestDemo`). */
export async function seedCommunicationDemo(
  db: Kysely<Database>,
  /** `password`: the demo password the 监督员 and 专家 accounts get (omitted: they keep their one-time password). */
  p: { year: number; asOf: string; seed: number; actor: string; password?: string },
): Promise<CommunicationDemoResult> {
  const y = p.year;
  const none = { year: y, reporters: 0, reports: 0, meetings: 0, issues: 0, keyFirms: 0, plans: 0, visits: 0, needs: 0 };
  const existing = await db
    .selectFrom('request_meeting')
    .select('id')
    .where('held_on', '>=', `${y}-01-01`)
    .where('held_on', '<=', `${y}-12-31`)
    .where('title', 'like', '%（演示）')
    .limit(1)
    .execute();
  if (existing.length) return { ...none, skipped: true };
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const end = p.asOf < `${y}-12-31` ? p.asOf : `${y}-12-31`;
  const workday = (d: string) => (calendar.isWorkday(d) ? d : calendar.addWorkingDays(d, 1));
  // One stream per part, so that each part is reproducible on its own (a rerun after removing meetings and visits).
  const stream = (part: number) => seededRandom(p.seed * 104_729 + y * 10 + part);
  let r = stream(1);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const phone = () => `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
  const firms = (await listEnterprises(db, { q: '演示', limit: 300 })).items;
  if (!firms.length) return { ...none, skipped: true };

  // 1. 监督员 and 专家: registered through the register (auth's createAccount makes the account), on the year's first working day.
  const registeredOn = workday(`${y}-01-04`);
  const actor: SessionUser = { id: 0, account: p.actor, name: p.actor, role: 'admin', unitIds: [], enterpriseId: null, mustChangePassword: false };
  const reporters: Array<{ account: string; kind: ReporterKind; name: string; phone: string }> = [];
  let jdy = 0;
  let zj = 0;
  for (const rep of REPORTERS) {
    const account = rep.kind === '监督员' ? `demo-jdy${++jdy}` : `demo-zj${++zj}`;
    const tel = phone();
    if ((await findAccountId(db, account)) === undefined) {
      // Registered as the office does (a one-time password), then the person's first login sets the demo password.
      const reg = await registerReporter(
        db,
        actor,
        { account, name: rep.name, kind: rep.kind, organisation: rep.organisation, expertise: rep.expertise, phone: tel },
        registeredOn,
      );
      if (reg.oneTimePassword && p.password) await changePassword(db, { userId: reg.id, currentPassword: reg.oneTimePassword, newPassword: p.password });
    }
    const row = await db.selectFrom('request_reporter').select(['kind', 'phone']).where('account', '=', account).executeTakeFirst();
    if (row) reporters.push({ account, kind: row.kind as ReporterKind, name: rep.name, phone: row.phone });
  }

  return db.transaction().execute(async (trx) => {
    const demoRequests = await trx
      .selectFrom('request_item')
      .select(['id', 'channel', 'filed_on', 'unit_id', 'enterprise_id', 'subject'])
      .where('year', '=', y)
      .where('is_demo', '=', true)
      .where('filed_by', '=', 'demo')
      .where('channel', 'in', ['监督员', '座谈会', '电话', '来访'])
      .orderBy('id')
      .execute();
    const setChannel = async (ids: number[], channel: string, note: (id: number) => string) => {
      for (const id of ids) {
        await trx
          .updateTable('request_event')
          .set({ note: note(id) })
          .where('request_id', '=', id)
          .where('action', '=', 'file')
          .execute();
      }
      if (ids.length) await trx.updateTable('request_item').set({ channel }).where('id', 'in', ids).execute();
    };

    // 2. Reports: the 监督员-channel requests filed after registration are the registered people's (one in four an expert's).
    r = stream(2);
    const supervisors = reporters.filter((x) => x.kind === '监督员');
    const experts = reporters.filter((x) => x.kind === '专家');
    let reports = 0;
    for (const q of demoRequests.filter((x) => x.channel === '监督员' && x.filed_on >= registeredOn)) {
      const who = experts.length && r() < 0.25 ? pick(experts) : supervisors.length ? pick(supervisors) : undefined;
      if (!who) break;
      await trx.updateTable('request_item').set({ filed_by: who.account, contact_name: who.name, contact_phone: who.phone }).where('id', '=', q.id).execute();
      if (who.kind === '专家') await setChannel([q.id], '专家', () => '渠道：专家');
      reports++;
    }

    // 3. 政企座谈会: the 座谈会-channel requests filed on the day or the working days after are its issues.
    r = stream(3);
    const units = await ensureUnits(trx, [...new Set([...MEETINGS.map((m) => m.host), ...KEY_FIRM_UNITS.map(([u]) => u), '区政务服务办'])]);
    const used = new Set<number>();
    let meetings = 0;
    let issues = 0;
    for (const m of MEETINGS) {
      const heldOn = workday(`${y}-${m.on}`);
      if (heldOn > end) continue;
      // Registered on the day or within two working days; at least three when the channel has them within ten.
      const within = (n: number) => {
        const until = calendar.addWorkingDays(heldOn, n);
        return demoRequests.filter((x) => x.channel === '座谈会' && x.filed_on >= heldOn && x.filed_on <= until && !used.has(x.id));
      };
      const soon = within(2);
      const raised = soon.length >= 3 ? soon.slice(0, 6) : within(10).slice(0, 3);
      for (const x of raised) used.add(x.id);
      const hostId = units.get(m.host)!;
      const unitIds = [...new Set([hostId, units.get('区政务服务办')!, ...raised.flatMap((x) => (x.unit_id === null ? [] : [x.unit_id]))])];
      const firmIds = new Set(raised.flatMap((x) => (x.enterprise_id === null ? [] : [x.enterprise_id])));
      while (firmIds.size < Math.min(firms.length, raised.length + 4)) firmIds.add(pick(firms).id);
      const title = m.title(y);
      const meeting = await trx
        .insertInto('request_meeting')
        .values({
          title,
          held_on: heldOn,
          place: m.place,
          host_unit_id: hostId,
          minutes: `【演示数据】${m.host}主持召开座谈会，${firmIds.size}家企业代表和${unitIds.length}个部门参会，围绕${m.theme}听取企业意见建议。${
            raised.length
              ? `会上企业提出问题${raised.length}个，已登记为企业诉求并派单办理，办理结果由${m.host}跟踪反馈。`
              : '会上企业未提出需要登记办理的问题。'
          }`,
          created_by: 'demo',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('request_meeting_unit')
        .values(unitIds.map((unit_id) => ({ meeting_id: meeting.id, unit_id })))
        .execute();
      await trx
        .insertInto('request_meeting_enterprise')
        .values([...firmIds].map((enterprise_id) => ({ meeting_id: meeting.id, enterprise_id })))
        .execute();
      if (raised.length) {
        await trx
          .insertInto('request_meeting_issue')
          .values(raised.map((x) => ({ meeting_id: meeting.id, request_id: x.id })))
          .execute();
        await setChannel(
          raised.map((x) => x.id),
          '座谈会',
          () => `渠道：座谈会（${heldOn} ${title}）`,
        );
      }
      meetings++;
      issues += raised.length;
    }

    // 4. Key firms: about one demo firm in eight (at least 12), most flagged at the start of the year, some later.
    r = stream(4);
    const keyCount = Math.min(firms.length, Math.max(12, Math.round(firms.length / 8)));
    const shuffled = [...firms].sort((a, b) => a.id - b.id);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const keyFirms = shuffled.slice(0, keyCount).map((f, i) => {
      const since = i % 5 === 4 ? workday(`${y}-${pick(['04-01', '07-01'])}`) : registeredOn;
      return {
        enterprise_id: f.id,
        unit_id: units.get(weighted(r, KEY_FIRM_UNITS))!,
        since,
        note: `【演示数据】${since.slice(0, 4)}年签约落地项目`,
        set_by: 'demo',
      };
    });
    const keyRows = keyFirms.filter((k) => k.since <= end);
    if (keyRows.length)
      await trx
        .insertInto('request_key_firm')
        .values(keyRows)
        .onConflict((oc) => oc.column('enterprise_id').doNothing())
        .execute();

    // 5. Plans per quarter and the visits: most firms visited about the planned day, a few not in the quarter.
    const plans: Array<Insertable<Database['request_visit_plan']>> = [];
    const visits: Array<{ row: Insertable<Database['request_visit']>; needs: string[] }> = [];
    const walkIns = demoRequests.filter((x) => (x.channel === '电话' || x.channel === '来访') && !used.has(x.id));
    const becameRequest = new Map<number, { requestId: number; text: string }>(); // visit index → request
    for (let quarter = 1; quarter <= 4; quarter++) {
      const period = `${y}Q${quarter}`;
      const range = periodRange(period);
      if (range.start > end) break;
      const days: string[] = [];
      for (let d = range.start; d <= range.end; d = calendar.addWorkingDays(d, 1)) if (calendar.isWorkday(d)) days.push(d);
      for (const k of keyRows.filter((x) => x.since <= range.end)) {
        const plannedOn = pick(days.filter((d) => d >= k.since));
        const a = pick(VISITORS);
        const b = pick(VISITORS);
        const visitors = `${a === b ? a : `${a}、${b}`}（演示）`;
        plans.push({ period, enterprise_id: k.enterprise_id, unit_id: k.unit_id, planned_on: plannedOn, visitors, created_by: 'demo' });
        if (r() < 0.12) continue; // not visited this quarter
        const shift = Math.floor(r() * 5) - 2;
        let on = shift >= 0 ? calendar.addWorkingDays(plannedOn, shift) : plannedOn;
        if (on > range.end || on > end) on = plannedOn;
        if (on > end) continue;
        const needs = Array.from({ length: r() < 0.5 ? 0 : r() < 0.7 ? 1 : 2 }, () => pick(NEEDS)).filter((n, i, a) => a.indexOf(n) === i);
        // A need the unit turned into a request: a phone or visit request filed on the day or the two working days after.
        if (r() < 0.3) {
          const until = calendar.addWorkingDays(on, 2);
          const q = walkIns.find((x) => x.filed_on >= on && x.filed_on <= until && !used.has(x.id));
          if (q) {
            used.add(q.id);
            const text = q.subject.replace('（演示）', '');
            needs.push(text);
            becameRequest.set(visits.length, { requestId: q.id, text });
          }
        }
        visits.push({
          row: {
            enterprise_id: k.enterprise_id,
            unit_id: k.unit_id,
            visited_on: on,
            method: weighted(r, METHODS),
            visitors,
            contact_name: `${pick([...'王李张刘陈杨黄赵吴周'])}${pick(['总', '经理', '主任'])}（演示）`,
            contact_phone: phone(),
            findings: `【演示数据】${pick(FINDINGS)}`,
            created_by: 'demo',
          },
          needs,
        });
      }
    }
    for (let i = 0; i < plans.length; i += 500)
      await trx
        .insertInto('request_visit_plan')
        .values(plans.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['period', 'enterprise_id']).doNothing())
        .execute();
    let needCount = 0;
    for (const [i, v] of visits.entries()) {
      const row = await trx.insertInto('request_visit').values(v.row).returning('id').executeTakeFirstOrThrow();
      const linked = becameRequest.get(i);
      if (v.needs.length)
        await trx
          .insertInto('request_visit_need')
          .values(v.needs.map((text) => ({ visit_id: row.id, text, request_id: linked && linked.text === text ? linked.requestId : null })))
          .execute();
      needCount += v.needs.length;
      if (linked) {
        // The request is the firm's, its contact the person met, channel 走访 (as `needToRequest` files it).
        await trx
          .updateTable('request_item')
          .set({ enterprise_id: v.row.enterprise_id, contact_name: v.row.contact_name, contact_phone: v.row.contact_phone })
          .where('id', '=', linked.requestId)
          .execute();
        await setChannel([linked.requestId], '走访', () => `渠道：走访（${v.row.visited_on} 回访重点招商企业）`);
      }
    }
    const result = {
      year: y,
      reporters: reporters.length,
      reports,
      meetings,
      issues,
      keyFirms: keyRows.length,
      plans: plans.length,
      visits: visits.length,
      needs: needCount,
    };
    await recordAudit(trx, { actor: p.actor, action: 'requests.communication-demo', entity: 'request_meeting', after: { ...result, seed: p.seed } });
    return { ...result, skipped: false };
  });
}

/** Every unit the communication demo names is a unit of the built-in directory (checked by the demo's test). */
export const COMMUNICATION_DEMO_UNITS = [...new Set([...MEETINGS.map((m) => m.host), ...KEY_FIRM_UNITS.map(([u]) => u), '区政务服务办'])];
export const communicationDemoUnitsKnown = () => COMMUNICATION_DEMO_UNITS.every((u) => lookupUnit(u)?.name === u);
