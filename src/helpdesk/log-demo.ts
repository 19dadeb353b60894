/**
 * `bizenv demo`'s month of chat-window conversations (the question log, labelled demo): for each of the last 30 China
 * days (`chinaToday()`), a few conversations on a working day and fewer on a rest day, each with 1–3 questions from
 * the lists below. Every question is answered by the real index (`ask`), so the answers shown and whether the platform
 * was confident are what it would say now; then, reproducibly from the seed, the asker opens the first answer's source
 * (clicked), rates 👍/👎 and, after an answer the platform was not sure of, sometimes starts a live chat (hand-off kind
 * `live`). The misses page then has groups to show (unanswered wordings of the same need, and 👎 answers).
 * Idempotent: skipped when demo conversations exist.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { chinaToday, loadCalendar } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { LoggedAnswer } from '../db/tables/helpdesk-log.js';
import { seededRandom } from '../shared/index.js';
import { ask } from './ask.js';

/** What people ask that the platform's content answers. */
const ANSWERABLE = [
  '用水报装要多长时间？',
  '开办企业需要几天',
  '开公司要准备什么材料',
  '社保登记在哪里办',
  '不动产登记要多少个工作日',
  '获得电力需要哪些材料',
  '企业诉求多久答复',
  '投诉举报怎么提交',
  '研发投入有什么补助',
  '施工许可办理时限',
  '纳税缴费可以网上办吗',
  '首贷续贷有哪些支持',
  '9月30日申请，5个工作日后是哪天',
  '低压用电报装几天能接电',
  '办理营业执照要多久',
  '工程建设项目审批要多少天',
];

/** Answered, but the asker often rates 👎 (the answer is right but not what was wanted). */
const OFTEN_DISLIKED = new Set(['研发投入有什么补助', '首贷续贷有哪些支持', '社保登记在哪里办']);

/** Needs the content does not cover, each asked in several wordings, the first most often (the misses page groups them). */
const UNANSWERED: string[][] = [
  ['营业执照丢了怎么补办', '营业执照丢了如何补办', '营业执照丢失怎么补办', '营业执照丢了在哪补办'],
  ['网上卖食品需要办什么许可证', '网上卖食品要办什么证', '网上卖食品需要什么许可'],
  ['人才公寓怎么申请', '人才公寓申请条件是什么', '青年人才公寓在哪里申请'],
  ['政务服务中心停车收费吗', '政务服务中心停车要收费吗', '政务服务中心哪里停车'],
  ['商标注册在哪里办理', '注册商标在哪里办理'],
  ['最近有没有招聘会', '区里最近有没有招聘会', '渝中区最近有招聘会吗'],
  ['个体户可以开发票吗', '个体户怎么开发票', '个体户能不能开发票'],
];

const DAYS = 30;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An instant of a China date at hh:mm. */
const chinaInstant = (iso: string, minutes: number) =>
  new Date(`${iso}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`);

export async function seedQuestionLogDemo(db: Kysely<Database>, seed = 2021): Promise<{ conversations: number; questions: number }> {
  const have = await db.selectFrom('helpdesk_conversation').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (have) return { conversations: 0, questions: 0 };
  const random = seededRandom(seed * 17 + 1700);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  /** A wording of a need: its first one half the time. */
  // Each wording of an uncovered need in turn, so that every one is asked (the misses page groups them) whatever the
  // days the month holds.
  const turns = new Map<string[], number>();
  const wording = (g: string[]) => {
    const n = turns.get(g) ?? 0;
    turns.set(g, n + 1);
    return g[n % g.length]!;
  };
  const cal = await loadCalendar(db);
  const isWorkday = (iso: string) => {
    try {
      return cal.isWorkday(iso);
    } catch {
      const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
      return wd !== 0 && wd !== 6;
    }
  };
  // Each distinct question answered once by the real index, before the transaction (the index reads the database:
  // on embedded PGlite, one connection, a read outside the open transaction would wait for it forever).
  const answers = new Map<string, { confident: boolean; answers: LoggedAnswer[] }>();
  for (const q of [...ANSWERABLE, ...UNANSWERED.flat()]) {
    const r = await ask(db, q);
    answers.set(q, { confident: r.confident, answers: r.answers.map((x) => ({ key: x.key, title: x.title, coverage: Math.round(x.coverage * 1000) / 1000 })) });
  }
  const answered = (q: string) => answers.get(q)!;

  const today = chinaToday();
  let conversations = 0;
  let questions = 0;
  await db.transaction().execute(async (trx) => {
    for (let d = DAYS; d >= 1; d--) {
      const day = addDays(today, -d);
      const count = isWorkday(day) ? 5 + Math.floor(random() * 7) : 1 + Math.floor(random() * 3);
      for (let c = 0; c < count; c++) {
        let minute = 8 * 60 + Math.floor(random() * 13 * 60); // 08:00–21:00
        const asked: string[] = [];
        const n = random() < 0.55 ? 1 : random() < 0.7 ? 2 : 3;
        for (let i = 0; i < n; i++) asked.push(random() < 0.72 ? pick(ANSWERABLE) : wording(pick(UNANSWERED)));
        const rows = [];
        let unsure = false;
        for (const q of asked) {
          const a = answered(q);
          unsure ||= !a.confident;
          const first = a.answers[0];
          const disliked = a.confident && random() < (OFTEN_DISLIKED.has(q) ? 0.5 : 0.05);
          rows.push({
            question: q,
            confident: a.confident,
            answers: JSON.stringify(a.answers),
            clicked_key: first && a.confident && random() < 0.45 ? first.key : null,
            rating: disliked ? ('down' as const) : a.confident && random() < 0.4 ? ('up' as const) : !a.confident && random() < 0.3 ? ('down' as const) : null,
            asked_at: chinaInstant(day, Math.min(minute, 23 * 60 + 59)),
          });
          minute += 1 + Math.floor(random() * 3);
        }
        // After an answer it was not sure of, one asker in three starts a live chat (during office hours).
        const live = unsure && minute >= 9 * 60 && minute <= 17 * 60 && isWorkday(day) && random() < 0.35;
        const conv = await trx
          .insertInto('helpdesk_conversation')
          .values({
            token: crypto.randomUUID(),
            enterprise_id: null,
            started_at: rows[0]!.asked_at,
            is_demo: true,
            ...(live ? { handoff_kind: 'live', handoff_at: chinaInstant(day, minute) } : {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('helpdesk_question')
          .values(rows.map((r) => ({ ...r, conversation_id: conv.id })))
          .execute();
        conversations++;
        questions += rows.length;
      }
    }
  });
  return { conversations, questions };
}
