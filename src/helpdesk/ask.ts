/**
 * Answering a question: a working-day question (./core/question.ts) is answered by the calendar capability, with its
 * explanation (the days skipped and why, the rules applied); any other by the knowledge index (./core/knowledge.ts).
 * `answer` is pure given the index and the calendar (the evaluation and the benchmark call it without a database);
 * `ask` is the service behind `POST /api/helpdesk/ask` and `bizenv helpdesk ask`.
 */
import type { Kysely } from 'kysely';
import { CalendarDataMissingError, chinaToday, loadCalendar, type WorkingCalendar } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { answerQuestion, KIND_LABELS, MAX_ANSWERS, parseCalendarQuestion, type Answer, type Knowledge } from './core/index.js';
import { helpdeskKnowledge } from './knowledge-cache.js';

export interface CalendarAnswer {
  kind: 'add' | 'between';
  start: string;
  end: string;
  /** Working or calendar days. */
  n: number;
  unit: 'workday' | 'day';
  summary: string;
  /** The days skipped (weekends, holidays) with the reason. */
  skipped: Array<{ date: string; weekday: string; reason: string }>;
  rules: string[];
}

export interface AskResult {
  question: string;
  confident: boolean;
  answers: Answer[];
  calendar: CalendarAnswer | null;
}

const CALENDAR_SOURCE = { label: '国务院办公厅节假日安排（工作日与期限）', document: null, article: null, link: '/calendar' };

function calendarAnswer(cal: WorkingCalendar, question: string, today: string): CalendarAnswer | null {
  const q = parseCalendarQuestion(question, today);
  if (!q) return null;
  try {
    if (q.kind === 'add') {
      const e = cal.explainAdd(q.start, q.n, q.unit);
      return {
        kind: 'add',
        start: e.start,
        end: e.due,
        n: q.n,
        unit: q.unit,
        summary: e.summary,
        skipped: e.skipped.map((s) => ({ date: s.date, weekday: s.weekday, reason: s.reason })),
        rules: e.rules,
      };
    }
    const n = cal.workingDaysBetween(q.from, q.to);
    const e = cal.explainAdd(q.from, n, 'workday');
    return {
      kind: 'between',
      start: q.from,
      end: q.to,
      n,
      unit: 'workday',
      summary: `${q.from}（不计当日）至${q.to}共有${n}个工作日。`,
      skipped: e.skipped.filter((s) => s.date <= q.to).map((s) => ({ date: s.date, weekday: s.weekday, reason: s.reason })),
      rules: ['民法典第二百零一条：开始的当日不计入，自下一日开始计算'],
    };
  } catch (err) {
    if (err instanceof CalendarDataMissingError) return null;
    throw err;
  }
}

/** The answer to a question from an index and a calendar (pure: no database). */
export function answer(k: Knowledge, cal: WorkingCalendar, question: string, today = chinaToday()): AskResult {
  const c = calendarAnswer(cal, question, today);
  const r = answerQuestion(k, question, c ? MAX_ANSWERS - 1 : MAX_ANSWERS);
  if (!c) return { question, ...r, calendar: null };
  const skippedText = c.skipped.length ? `期间不计：${c.skipped.map((s) => `${s.date}（${s.weekday}，${s.reason}）`).join('；')}。` : '';
  const first: Answer = {
    key: 'calendar',
    kind: 'calendar',
    kindLabel: KIND_LABELS.calendar,
    title: c.kind === 'add' ? `${c.start}起${c.n}个${c.unit === 'workday' ? '工作日' : '自然日'}` : `${c.start}至${c.end}的工作日`,
    text: `${c.summary}${/[。.！？]$/u.test(c.summary) ? '' : '。'}${skippedText}`,
    score: 1,
    coverage: 1,
    source: CALENDAR_SOURCE,
    followUp: { label: '用期限计算器查看每一天', link: '/calendar' },
    unitName: null,
    isDemo: false,
  };
  return { question, confident: true, answers: [first, ...r.answers], calendar: c };
}

/** Answers a question with the current index of the database and the calendar in use (office-loaded years included). */
export async function ask(db: Kysely<Database>, question: string): Promise<AskResult> {
  const [k, cal] = await Promise.all([helpdeskKnowledge(db), loadCalendar(db)]);
  return answer(k, cal, question);
}
