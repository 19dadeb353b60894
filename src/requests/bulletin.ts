/**
 * 诉求办理通报: the figures of a period written up as a bulletin (web page and .docx in the official layout of
 * GB/T 9704-2012 through the one Word helper, `docxKit` of src/files, like the ledger's bulletins). Computed for a
 * period as of a data date, not stored: the same period and date give the same document (dated with the data date).
 * Units are ranked by 按时办结率, then 按时签收率, then received; a unit is named as lagging (需改进) when its
 * 按时办结率 or 按时签收率 is under 90 % or its 满意率 under 80 % (thresholds of this bulletin, stated in it).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { docxKit } from '../files/index.js';
import { FIGURE_DEFINITIONS, type Period, rateText } from './core/index.js';
import { requestFigures, type FigureRow, type RequestFigures } from './figures-store.js';

const { body, centred, chineseDate, ER_HAO, heading, ISSUING_OFFICE, packDocument, right, run, table, XBS } = docxKit;

export const LAGGING = { answerOnTime: 90, signOnTime: 90, satisfied: 80 } as const;

export interface RequestBulletin {
  title: string;
  issuer: string;
  asOf: string;
  period: Period;
  paragraphs: string[];
  units: FigureRow[];
  lagging: Array<{ unit: string; reasons: string }>;
  hotCategories: RequestFigures['hotCategories'];
  risingKeywords: RequestFigures['risingKeywords'];
  definitions: typeof FIGURE_DEFINITIONS;
}

const cmp = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const d = Math.round((now - before) * 100) / 100;
  return d === 0 ? '，与上期持平' : `，较上期${d > 0 ? '上升' : '下降'} ${Math.abs(d).toFixed(2)} 个百分点`;
}

export function bulletinOf(f: RequestFigures): RequestBulletin {
  const d = f.district;
  const p = f.districtPrevious;
  const units = f.units
    .filter((u) => u.key !== 'none' && u.received > 0)
    .sort((a, b) => cmp(a.answerOnTime, b.answerOnTime) || cmp(a.signOnTime, b.signOnTime) || b.received - a.received);
  const lagging = units.flatMap((u) => {
    const r: string[] = [];
    if (u.answerOnTime !== null && u.answerOnTime < LAGGING.answerOnTime) r.push(`按时办结率 ${rateText(u.answerOnTime)}`);
    if (u.signOnTime !== null && u.signOnTime < LAGGING.signOnTime) r.push(`按时签收率 ${rateText(u.signOnTime)}`);
    if (u.satisfied !== null && u.satisfied < LAGGING.satisfied) r.push(`满意率 ${rateText(u.satisfied)}`);
    return r.length ? [{ unit: u.label, reasons: r.join('，') }] : [];
  });
  const waiting = f.units.find((u) => u.key === 'none')?.received ?? 0;
  const paragraphs = [
    `${f.period.label}，全区共受理企业诉求 ${d.received} 件${p.received ? `（上期 ${p.received} 件）` : ''}，其中${f.categories
      .filter((c) => c.received > 0)
      .map((c) => `${c.label} ${c.received} 件`)
      .join('、')}${waiting ? `；尚待派单 ${waiting} 件` : ''}。`,
    `按时签收率 ${rateText(d.signOnTime)}${change(d.signOnTime, p.signOnTime)}；按时办结率 ${rateText(d.answerOnTime)}${change(d.answerOnTime, p.answerOnTime)}；办结率 ${rateText(d.closed)}；满意率 ${rateText(d.satisfied)}${change(d.satisfied, p.satisfied)}；重办率 ${rateText(d.reopened)}；退单率 ${rateText(d.returned)}；平均答复用时 ${d.avgAnswerDays === null ? '—' : `${d.avgAnswerDays.toFixed(2)} 个工作日`}。`,
  ];
  return {
    title: `${f.period.label}企业诉求办理通报`,
    issuer: ISSUING_OFFICE,
    asOf: f.asOf,
    period: f.period,
    paragraphs,
    units,
    lagging,
    hotCategories: f.hotCategories,
    risingKeywords: f.risingKeywords,
    definitions: FIGURE_DEFINITIONS,
  };
}

export async function requestBulletin(db: Kysely<Database>, period: Period, asOf: string): Promise<RequestBulletin> {
  return bulletinOf(await requestFigures(db, period, asOf));
}

export async function requestBulletinDocx(b: RequestBulletin): Promise<Buffer> {
  let n = 0;
  const numerals = ['一', '二', '三', '四', '五', '六', '七'];
  const h = (t: string) => heading(`${numerals[n++]}、${t}`);
  const children = [
    centred([run(b.title, { font: XBS, size: ER_HAO })], { before: 400, after: 560 }),
    body(`现将${b.period.label}（${b.period.from} 至 ${b.period.to}）全区企业诉求办理情况通报如下。`),
    h('总体情况'),
    ...b.paragraphs.map(body),
    h('各单位办理情况'),
    b.units.length
      ? table(
          ['排名', '单位', '受理', '按时签收率', '按时办结率', '满意率', '重办率', '退单率'],
          b.units.map((u, i) => [
            String(i + 1),
            u.label,
            String(u.received),
            rateText(u.signOnTime),
            rateText(u.answerOnTime),
            rateText(u.satisfied),
            rateText(u.reopened),
            rateText(u.returned),
          ]),
        )
      : body('本期无派单到单位的诉求。'),
    h('需改进的单位'),
    body(
      b.lagging.length
        ? `按时办结率或按时签收率低于 ${LAGGING.answerOnTime}%、满意率低于 ${LAGGING.satisfied}% 的单位：${b.lagging.map((l) => `${l.unit}（${l.reasons}）`).join('；')}。请上述单位分析原因、限期整改。`
        : `本期各单位按时办结率、按时签收率均不低于 ${LAGGING.answerOnTime}%，满意率均不低于 ${LAGGING.satisfied}%。`,
    ),
    h('诉求热点'),
    body(`按事项类别（派单目录）：${b.hotCategories.map((c) => `${c.category} ${c.count} 件（上期 ${c.previous} 件）`).join('，')}。`),
    body(
      b.risingKeywords.length
        ? `上升较快的关键词：${b.risingKeywords.map((k) => `“${k.word}”${k.count} 件（上期 ${k.previous} 件）`).join('，')}。`
        : '本期无明显上升的关键词。',
    ),
    h('指标说明'),
    ...b.definitions.map((d) => body(`${d.label}：${d.definition}`)),
    right(b.issuer, 560),
    right(chineseDate(b.asOf)),
    body(`（数据截至${chineseDate(b.asOf)}）`),
  ];
  return packDocument({ creator: b.issuer, title: b.title, description: `${b.period.label}企业诉求办理情况`, date: b.asOf }, children);
}
