import { AlignmentType, BorderStyle, Paragraph, type Table } from 'docx';
import { sectionNumeral, type Bulletin } from './bulletin.js';
import { body, centred, chineseDate, ER_HAO, heading, packDocument, RED, right, run, SAN_HAO, table, XBS } from './docx-kit.js';

/**
 * The bulletin as a Word document in the official layout of GB/T 9704-2012《党政机关公文格式》 (helpers in
 * `docx-kit.ts`): red issuer mark, 文号 line and red rule, title in 小标宋 二号 centred, 主送, body in 仿宋 三号,
 * first-level headings "一、" in 黑体, tables for the lists, the issuer and date at the end. A draft shows
 * 草稿 instead of its number. Deterministic: dated with the issue date (a draft with its data date).
 */

/** A text bar for a percentage (Word tables as charts: deterministic, no images). */
export function bar(pct: number): string {
  const n = Math.round(Math.max(0, Math.min(100, pct)) / 10);
  return `${'█'.repeat(n)}${'░'.repeat(10 - n)}`;
}

/**
 * The bulletin as a Word document. `auditHead`, when given, is printed at the end: the audit chain's
 * head at the time the document was produced (also signed into a checkpoint), so anyone holding the
 * document can check later that no earlier change was removed (`bizenv audit verify`).
 */
export async function bulletinDocx(b: Bulletin, auditHead?: { count: number; hash: string }): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    centred([run(`${b.issuer}文件`, { font: XBS, size: 64, color: RED })], { before: 400, after: 200 }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(b.docNumber)],
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
    }),
    centred([run(b.title, { font: XBS, size: ER_HAO })], { before: 560, after: 560 }),
    new Paragraph({ children: [run(`${b.texts.recipients}：`)] }),
    body(b.paragraphs[0] ?? ''),
  ];
  let n = 0;
  const h = (t: string) => heading(`${sectionNumeral(++n)}、${t}`);
  children.push(h('总体情况'));
  for (const p of b.paragraphs.slice(1)) children.push(body(p));
  for (const p of paragraphsOf(b.texts.overview)) children.push(body(p));
  children.push(h('分领域推进情况'));
  children.push(
    table(
      ['领域', '任务数', '已完成', '进度（%）', '进度图'],
      b.sections.map((s) => [`${sectionNumeral(s.number)}、${s.title}`, String(s.tasks), String(s.done), String(s.progress ?? '—'), bar(s.progress ?? 0)]),
    ),
  );
  children.push(
    table(
      ['状态', '任务数', '占比图'],
      b.overall.byStatus.map((s) => [s.label, String(s.count), bar(b.overall.tasks ? (s.count / b.overall.tasks) * 100 : 0)]),
    ),
  );
  children.push(h('本期完成的任务'));
  if (b.completed.length)
    children.push(
      table(
        ['编号', '任务', '牵头单位', '完成日期'],
        b.completed.map((t) => [t.code, t.title, t.units, t.completedOn]),
      ),
    );
  else children.push(body('本期无新完成的任务。'));
  children.push(h('滞后任务'));
  if (b.lagging.length)
    children.push(
      table(
        ['编号', '任务', '牵头单位', '灯号', '情况'],
        b.lagging.map((t) => [t.code, t.title, t.units, t.light, t.reasons]),
      ),
    );
  else children.push(body('本期无滞后任务。'));
  children.push(h('进展报送情况'));
  children.push(body(`本期应报送${b.reporting.owed}份，按时报送${b.reporting.onTime}份。`));
  if (b.reporting.late.length) children.push(body(`逾期报送的单位：${b.reporting.late.map((u) => `${u.unit}（任务${u.tasks.join('、')}）`).join('；')}。`));
  if (b.reporting.missing.length) children.push(body(`未报送的单位：${b.reporting.missing.map((u) => `${u.unit}（任务${u.tasks.join('、')}）`).join('；')}。`));
  if (!b.reporting.late.length && !b.reporting.missing.length) children.push(body('各单位均按时报送。'));
  children.push(h('督办事项'));
  if (b.openOrders.length)
    children.push(
      table(
        ['督办单号', '被督办单位', '任务', '阶段', '反馈期限'],
        b.openOrders.map((o) => [o.number, o.unit, o.task, o.stage, `${o.replyDue ?? '—'}${o.overdue ? '（已逾期）' : ''}`]),
      ),
    );
  else children.push(body('目前无未办结的督办事项。'));
  const problems = paragraphsOf(b.texts.problems);
  if (problems.length) {
    children.push(h('存在问题'));
    for (const p of problems) children.push(body(p));
  }
  children.push(h('下步工作要求'));
  for (const p of paragraphsOf(b.texts.requirements)) children.push(body(p));
  const date = b.issue?.issuedOn ?? b.asOf;
  children.push(right(b.issuer, 560));
  children.push(right(chineseDate(date)));
  children.push(body(`（数据截至${chineseDate(b.asOf)}）`));
  if (b.issue)
    children.push(new Paragraph({ spacing: { before: 560 }, children: [run(`签发：${b.issue.issuerName}（${b.issue.issuerUnit}）`, { size: SAN_HAO - 4 })] }));
  if (auditHead) {
    children.push(
      new Paragraph({
        spacing: { before: 560 },
        children: [
          run(`审计链锚点：生成本通报时平台操作记录共 ${auditHead.count} 条，末条哈希 ${auditHead.hash.slice(0, 16)}…（可用 bizenv audit verify 核对）`, {
            size: 20,
            color: '808080',
          }),
        ],
      }),
    );
  }
  return packDocument({ creator: b.issuer, title: b.title, description: `${b.planTitle} ${b.cycleLabel}`, date }, children);
}

/** The paragraphs of a free text (blank lines and line breaks separate them). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
