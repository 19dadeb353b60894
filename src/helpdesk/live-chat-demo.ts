/**
 * A month of demo live chats (labelled demo): most accepted, answered by the office's demo staff (some with a canned
 * FAQ answer) and closed; one transferred to a unit; two still waiting, so the console shows a queue. Idempotent: skipped
 * when demo chats exist. Handed-off questions of the question log are helpb1's (the log table is its).
 */
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import { accountNames, activeAccountIdsByRole, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { findUnitsByName } from '../units/index.js';
import { acceptChat, startChat, staffClose, staffReply, transferChat } from './live-chat-store.js';

const CHATS: Array<{ name: string; question: string; reply: string; faqCode?: string; followUp?: string }> = [
  { name: '陈女士', question: '用水报装具体要准备哪些材料？', reply: '您好，用水报装只需提供用水报装申请表和用水人身份证明，可在线提交。', faqCode: 'M010' },
  { name: '刘先生', question: '我想注册一家餐饮公司，多久能拿到执照？', reply: '您好，企业开办全程1个工作日内办结，材料齐全可当场领取营业执照。' },
  {
    name: '王经理',
    question: '研发投入补助今年什么时候申报？',
    reply: '您好，申报时间以区科技局通知为准，您可先用政策计算器查看是否符合条件。',
    followUp: '好的，谢谢',
  },
  { name: '访客', question: '不动产登记能不能网上办？', reply: '可以，一般登记业务可通过“渝快办”在线申请。' },
  { name: '张会计', question: '社保登记和税务登记可以一起办吗？', reply: '可以，企业开办时社保登记与税务登记同步办理。' },
  { name: '李女士', question: '办理施工许可需要多长时间？', reply: '您好，社会投资简易低风险项目施工许可5个工作日内办结。' },
  { name: '赵先生', question: '我们的诉求提交后多久有人联系？', reply: '一般诉求1个工作日内联系，5个工作日内答复。' },
  { name: '周经理', question: '首贷续贷中心在哪里？', reply: '请到区政务服务中心一楼渝中融服务窗口，或在线提交融资需求。' },
  { name: '吴女士', question: '获得电力报装低压需要几天？', reply: '低压小微企业用电报装3个工作日内接电。' },
  { name: '郑先生', question: '投诉举报可以匿名吗？', reply: '可以匿名反映，但留下联系方式便于我们回访。' },
];

export async function seedLiveChatDemo(db: Kysely<Database>): Promise<number> {
  const have = await db.selectFrom('helpdesk_chat').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (have) return 0;
  const ids = await activeAccountIdsByRole(db, ['office']);
  if (!ids.length) return 0;
  const names = await accountNames(db, ids);
  const staff: SessionUser[] = ids.slice(0, 2).map((id) => ({
    id,
    account: 'demo',
    name: names.get(id) ?? '营商办工作人员',
    role: 'office',
    unitIds: [],
    enterpriseId: null,
    mustChangePassword: false,
  }));
  const [unit] = await findUnitsByName(db, ['区城管局']);
  const today = chinaToday();
  let n = 0;
  // Two chats a weekday over the last month (China dates), at office hours (China time).
  for (let day = 30; day >= 1; day--) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) - day * 86_400_000).toISOString().slice(0, 10);
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    for (const k of [0, 1]) {
      const c = CHATS[(day * 2 + k) % CHATS.length]!;
      const at = (h: number, m: number) => new Date(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);
      const by = staff[(day + k) % staff.length]!;
      const { poll } = await startChat(db, { party: { kind: 'visitor' }, name: c.name, question: c.question, now: at(9 + k * 5, 10), isDemo: true });
      await acceptChat(db, by, poll.chat.id, at(9 + k * 5, 12));
      await staffReply(db, by, poll.chat.id, { body: c.reply, faqCode: c.faqCode ?? null, since: 0, at: at(9 + k * 5, 14) });
      await staffClose(db, by, poll.chat.id, at(9 + k * 5, 20));
      n++;
    }
  }
  // Now: one being served after a transfer to a unit, two waiting.
  const served = await startChat(db, { party: { kind: 'visitor' }, name: '孙先生', question: '占道施工审批找哪个部门？', isDemo: true });
  await acceptChat(db, staff[0]!, served.poll.chat.id);
  if (unit) await transferChat(db, staff[0]!, served.poll.chat.id, { accountId: null, unitId: unit.id });
  await startChat(db, { party: { kind: 'visitor' }, name: '何女士', question: '个体户变更经营范围怎么办？', isDemo: true });
  await startChat(db, { party: { kind: 'visitor' }, name: '访客', question: '残疾人就业保障金可以减免吗？', isDemo: true });
  return n + 3;
}
