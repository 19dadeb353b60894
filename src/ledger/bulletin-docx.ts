import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chineseDate, sectionNumeral, type Bulletin } from './bulletin.js';

/**
 * The bulletin as a Word document in the official layout of GB/T 9704-2012《党政机关公文格式》: red issuer
 * mark, 文号 line and red rule, title in 小标宋 二号 (22 pt) centred, body in 仿宋 三号 (16 pt) with a
 * two-character first-line indent, first-level headings "一、" in 黑体, A4 with 37/35/28/26 mm margins, the
 * issuer and date at the end. Tables carry the lists. Deterministic: the zip entries and the document
 * properties carry the bulletin's own date, not the time of generation.
 */
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const XBS = '方正小标宋简体';
const mm = (v: number) => Math.round((v / 25.4) * 1440);

const body = (text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' as never },
    children: [new TextRun({ text, font: FANGSONG, size: 32 })],
  });
const heading = (text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' as never }, children: [new TextRun({ text, font: HEITI, size: 32 })] });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: FANGSONG, size: 24, bold })] })] });
function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

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
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 200 },
      children: [new TextRun({ text: `${b.issuer}文件`, font: XBS, size: 64, color: 'E00000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: b.docNumber, font: FANGSONG, size: 32 })],
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E00000', space: 8 } },
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 560, after: 560 }, children: [new TextRun({ text: b.title, font: XBS, size: 44 })] }),
    new Paragraph({ children: [new TextRun({ text: '各专项小组、区级有关部门：', font: FANGSONG, size: 32 })] }),
    ...b.paragraphs.map(body),
  ];
  let n = 0;
  const h = (t: string) => heading(`${sectionNumeral(++n)}、${t}`);
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
  children.push(h('下步工作要求'));
  children.push(
    body(
      '各牵头单位要对照改革台账，逐条逐项抓好落实；对滞后任务要分析原因、明确措施、限期整改；对督办事项要按期反馈办理情况。区优化营商环境领导小组办公室将持续跟踪督查，并将推进情况纳入年度目标考核。',
    ),
  );
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 560 }, children: [new TextRun({ text: b.issuer, font: FANGSONG, size: 32 })] }),
  );
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: chineseDate(b.asOf), font: FANGSONG, size: 32 })] }));
  if (auditHead) {
    children.push(
      new Paragraph({
        spacing: { before: 560 },
        children: [
          new TextRun({
            text: `审计链锚点：生成本通报时平台操作记录共 ${auditHead.count} 条，末条哈希 ${auditHead.hash.slice(0, 16)}…（可用 bizenv audit verify 核对）`,
            font: FANGSONG,
            size: 20,
            color: '808080',
          }),
        ],
      }),
    );
  }

  const doc = new Document({
    creator: b.issuer,
    title: b.title,
    description: `${b.planTitle} ${b.cycleLabel}`,
    sections: [
      { properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } }, children },
    ],
  });
  return deterministic(await Packer.toBuffer(doc), `${b.asOf}T00:00:00Z`);
}

/** Rewrites the package with fixed timestamps: core properties and every zip entry dated `at`. */
function deterministic(buf: Buffer, at: string): Buffer {
  const files = unzipSync(new Uint8Array(buf));
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${at.replace('.000', '')}$2`));
  }
  const mtime = new Date(at);
  const names = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  const out: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const n of names) out[n] = [files[n]!, { mtime, level: 6 }];
  return Buffer.from(zipSync(out));
}
