import { Paragraph, TabStopPosition, TabStopType, type Table } from 'docx';
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { ISSUING_OFFICE, centred, chineseDate, ER_HAO, formTable, packDocument, RED, right, run, SI_HAO, XBS, XIAO_SI } from './docx-kit.js';
import { getOrder } from './order-store.js';
import { getTask } from './task-store.js';

/** What a 督办单 prints. */
export interface OrderSheet {
  number: string;
  /** The date printed on the sheet: the day of issue (下发), else the day it was drawn up (立项). */
  date: string;
  issued: boolean;
  task: { code: string; title: string };
  /** The addressed unit (主办) and the task's other lead and responsible units (协办), by name. */
  unit: string;
  coUnits: string[];
  reason: string;
  requirement: string;
  replyDays: number;
  replyDue: string | null;
  signedOn: string | null;
  reply: string | null;
  repliedOn: string | null;
  escalations: number;
}

/** The sheet of an order as it stands (stage, signing and reply as recorded so far). */
export async function orderSheet(db: Kysely<Database>, orderId: number, asOf?: string): Promise<OrderSheet> {
  const o = await getOrder(db, orderId, asOf);
  const task = await getTask(db, o.taskId, asOf);
  const coUnits = [...task.leadUnits, ...task.responsibleUnits].map((u) => u.name).filter((n, i, all) => n !== o.unitName && all.indexOf(n) === i);
  const created = o.events.find((e) => e.action === 'create');
  const signed = o.events.find((e) => e.action === 'sign');
  return {
    number: o.number,
    date: o.issuedOn ?? chinaToday(created ? new Date(created.at) : new Date()),
    issued: o.issuedOn !== null,
    task: { code: task.code, title: task.title },
    unit: o.unitName,
    coUnits,
    reason: o.reason,
    requirement: o.requirement,
    replyDays: o.replyDays,
    replyDue: o.replyDue,
    signedOn: signed ? chinaToday(new Date(signed.at)) : null,
    reply: o.reply,
    repliedOn: o.repliedOn,
    escalations: o.escalations,
  };
}

const BLANK = '　';

/**
 * The supervision order as a Word form (营商环境督办通知单) in the usual layout of 督办通知单: the supervising
 * organ in red and the title, 编号 and date, then a form of labelled boxes — 督办事项, 承办单位 (主办 and 协办: the
 * addressed unit reports for all, as joint 督办 matters are answered by the lead), 督办依据及问题描述, 督办要求,
 * 办理时限 (working days from the day of issue, with the date), 签收 and 办理反馈 boxes with room for signatures
 * and seals — and 督办单位 with its date. Helpers and page layout (GB/T 9704-2012 A4 margins) from `docx-kit.ts`;
 * deterministic (dated with the sheet's own date).
 */
export async function orderDocx(s: OrderSheet): Promise<Buffer> {
  const deadline = s.replyDue
    ? `自下发之日起${s.replyDays}个工作日内反馈，即${chineseDate(s.replyDue)}前（不含法定节假日）`
    : `自下发之日起${s.replyDays}个工作日内反馈（下发时按工作日历计算具体日期）`;
  const children: Array<Paragraph | Table> = [
    centred([run(ISSUING_OFFICE, { font: XBS, size: 40, color: RED })], { before: 200, after: 120 }),
    centred([run('营商环境督办通知单', { font: XBS, size: ER_HAO })], { after: 240 }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
      spacing: { after: 120 },
      children: [run(`编号：${s.number}`, { size: SI_HAO }), run(`\t${s.issued ? '下发' : '立项'}日期：${chineseDate(s.date)}`, { size: SI_HAO })],
    }),
    formTable([
      { label: '督办事项', lines: [`改革任务 ${s.task.code}：${s.task.title}`], minHeightMm: 14 },
      { label: '承办单位', lines: [`主办：${s.unit}`, `协办：${s.coUnits.length ? s.coUnits.join('、') : '无'}`], minHeightMm: 14 },
      { label: '督办依据及问题描述', lines: s.reason.split(/\r?\n/), minHeightMm: 28 },
      { label: '督办要求', lines: s.requirement.split(/\r?\n/), minHeightMm: 24 },
      { label: '办理时限', lines: [deadline, ...(s.escalations ? [`已提级督办${s.escalations}次`] : [])], minHeightMm: 14 },
      {
        label: '签收',
        lines: [
          `签收人（签字）：${BLANK.repeat(8)}签收时间：${s.signedOn ? chineseDate(s.signedOn) : `${BLANK.repeat(3)}年${BLANK.repeat(2)}月${BLANK.repeat(2)}日`}`,
        ],
        minHeightMm: 14,
      },
      {
        label: '办理反馈',
        lines: [
          ...(s.reply ? s.reply.split(/\r?\n/) : ['', '', '']),
          ...(s.repliedOn ? [`反馈日期：${chineseDate(s.repliedOn)}`] : []),
          `承办单位负责人（签字）：${BLANK.repeat(8)}（承办单位盖章）`,
        ],
        minHeightMm: 50,
      },
    ]),
    new Paragraph({
      spacing: { before: 120 },
      children: [run('注：请承办单位在办理时限内以单位名义书面反馈办理情况；两个以上单位共同办理的，由主办单位汇总反馈。', { size: XIAO_SI })],
    }),
    right(`督办单位：${ISSUING_OFFICE}（盖章）`, 480),
    right(chineseDate(s.date)),
  ];
  return packDocument({ creator: ISSUING_OFFICE, title: `营商环境督办通知单 ${s.number}`, description: `${s.unit} ${s.task.code}`, date: s.date }, children);
}
