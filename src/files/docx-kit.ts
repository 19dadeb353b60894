import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, type ParagraphChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The one helper for Word documents (the ledger's bulletin and supervision order, the requests' 诉求办理通报), after GB/T 9704-2012
 * 《党政机关公文格式》: A4 with 37/35/28/26 mm margins (5.2.1, 5.2.2), title in 小标宋 二号 (22 pt), body in
 * 仿宋_GB2312 三号 (16 pt) with a 28.95 pt line (22 lines a page, 5.2.3), first-level headings "一、" in 黑体.
 * Every document is deterministic: the zip entries and core properties carry a date of the document itself.
 */
export const FANGSONG = '仿宋_GB2312';
export const HEITI = '黑体';
export const XBS = '方正小标宋简体';
/** Half-points: 三号 16 pt, 四号 14 pt, 小四 12 pt, 二号 22 pt. */
export const SAN_HAO = 32;
export const SI_HAO = 28;
export const XIAO_SI = 24;
export const ER_HAO = 44;
export const RED = 'E00000';
/** The organ that issues the bulletins and supervision orders (plan section 五: 区优化营商环境领导小组办公室). */
export const ISSUING_OFFICE = '区优化营商环境领导小组办公室';

export const mm = (v: number) => Math.round((v / 25.4) * 1440);
const EXACT_LINE = { line: 560, lineRule: 'exact' as never };

export const run = (text: string, o: { font?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: o.font ?? FANGSONG, size: o.size ?? SAN_HAO, bold: o.bold, color: o.color });

/** A body paragraph: 三号仿宋, two-character first-line indent. */
export const body = (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: EXACT_LINE, children: [run(text)] });
/** A first-level heading "一、…" in 黑体. */
export const heading = (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: EXACT_LINE, children: [run(text, { font: HEITI })] });
export const centred = (children: ParagraphChild[], spacing?: { before?: number; after?: number }) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing, children });
export const right = (text: string, before?: number) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before }, children: [run(text)] });

export const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: XIAO_SI, bold })] })] });

/** A data table with a repeated header row. */
export function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/**
 * A form table of labelled boxes (a 督办单's rows): each row is [label, content lines, min height in mm]; a
 * row may span the label over the whole width (label only). Labels in 黑体 四号, content in 仿宋 四号.
 */
export function formTable(rows: Array<{ label: string; lines: string[]; minHeightMm?: number; labelWidth?: number }>): Table {
  const labelCell = (label: string) =>
    new TableCell({
      width: { size: 20, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(label, { font: HEITI, size: SI_HAO })] })],
    });
  const contentCell = (lines: string[]) =>
    new TableCell({
      width: { size: 80, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      children: (lines.length ? lines : ['']).map((l) => new Paragraph({ spacing: { before: 60, after: 60 }, children: [run(l, { size: SI_HAO })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r) =>
        new TableRow({
          height: r.minHeightMm ? { value: mm(r.minHeightMm), rule: 'atLeast' as never } : undefined,
          cantSplit: true,
          children: [labelCell(r.label), contentCell(r.lines)],
        }),
    ),
  });
}

/** "2021年10月14日" from 2021-10-14. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An A4 document in the official margins, packed deterministically as of `date` (YYYY-MM-DD). */
export async function packDocument(
  meta: { creator: string; title: string; description: string; date: string },
  children: Array<Paragraph | Table>,
): Promise<Buffer> {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    description: meta.description,
    sections: [
      { properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } }, children },
    ],
  });
  return deterministic(await Packer.toBuffer(doc), `${meta.date}T00:00:00Z`);
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
