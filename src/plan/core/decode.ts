/**
 * Bytes → text for plan documents, and text normalisation. No file system access: callers pass bytes.
 *
 * - `.txt`: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (GBK, GB2312). Valid UTF-8 is
 *   taken as UTF-8; anything else is decoded as GB18030 and then checked to read as text.
 * - `.docx` (a zip, detected by content): the paragraphs' text via mammoth, one paragraph a line.
 * - Binary or garbage input is rejected with a PlanParseError naming the line.
 */
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { checkZip, runInWorker } from '../../files/index.js';
import { InputRejectedError } from '../../shared/index.js';
import { PlanParseError } from './errors.js';

export type PlanSourceKind = 'txt' | 'docx';

export interface DecodedPlan {
  /** Normalised text (see normalizeText), one paragraph a line. */
  text: string;
  kind: PlanSourceKind;
  /** 'utf-8', 'utf-16le', 'utf-16be', 'gb18030' or 'docx'. */
  encoding: string;
}

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** 1-based line of byte offset `at` (counting LF bytes before it). */
function lineOfByte(b: Uint8Array, at: number): number {
  let n = 1;
  for (let i = 0; i < at && i < b.length; i++) if (b[i] === 0x0a) n++;
  return n;
}

/** 1-based line of character offset `at` in text. */
function lineOfChar(text: string, at: number): number {
  let n = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) n++;
  return n;
}

/** Characters that do not belong in a text document: C0/C1 controls (but tab, LF, CR, FF), U+FFFD, private use. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this detects
const BAD_CHAR = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd\ue000-\uf8ff]/;

/** Throws a PlanParseError when text holds characters that do not belong in a text document. */
export function checkReadable(text: string, encoding: string): void {
  const m = BAD_CHAR.exec(text);
  if (m) {
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new PlanParseError(
      lineOfChar(text, m.index),
      `文件含有无法识别的内容（按 ${encoding.toUpperCase()} 解码出现字符 U+${code}），应为 UTF-8 或 GB18030 编码的文本文件或 Word（.docx）文档`,
    );
  }
}

/**
 * GB18030 decodes almost any byte sequence, so "it decodes" proves nothing. Chinese text in GB18030
 * mostly uses punctuation (lead bytes A1–A3) and the 3,755 common characters of GB 2312 level 1
 * (lead bytes B0–D7); random or binary bytes spread over all 126 lead bytes. A line with several
 * two-byte characters of which fewer than half are common is taken as garbage.
 */
function checkGbPlausible(b: Uint8Array): void {
  let line = 1;
  let multi = 0;
  let common = 0;
  const judge = () => {
    if (multi >= 4 && common / multi < 0.5) {
      throw new PlanParseError(line, '文件含有无法识别的内容（既不是 UTF-8 也不是 GB18030 编码的中文文本），可能是二进制文件或已损坏');
    }
  };
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0a) {
      judge();
      line++;
      multi = 0;
      common = 0;
      continue;
    }
    if (c < 0x81 || c === 0xff) continue;
    const t = b[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      i += 3;
      multi++;
      continue;
    } // four-byte sequence: rare characters
    multi++;
    if ((c >= 0xa1 && c <= 0xa3) || (c >= 0xb0 && c <= 0xd7)) common++;
    i++;
  }
  judge();
}

/** Decodes a plain-text plan (UTF-8 / UTF-16 with BOM / GB18030) and normalises it. */
export function decodeTextBytes(bytes: Uint8Array): DecodedPlan {
  if (bytes.length === 0 || bytes.every((c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) {
    throw new PlanParseError(1, '文件为空，应为实施方案文本');
  }
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      throw new PlanParseError(lineOfByte(bytes, nul), '文件含有二进制内容（NUL 字节），不是文本文件或 Word（.docx）文档');
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      checkGbPlausible(bytes);
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
      encoding = 'gb18030';
    }
  }
  checkReadable(text, encoding);
  const normalised = normalizeText(text);
  if (normalised.trim() === '') throw new PlanParseError(1, '文件为空，应为实施方案文本');
  if (!/[\u4e00-\u9fff]/.test(normalised)) {
    throw new PlanParseError(1, `文件中没有中文内容（按 ${encoding.toUpperCase()} 解码），应为中文实施方案`);
  }
  return { text: normalised, kind: 'txt', encoding };
}

/** Extracts the paragraphs of a .docx, one paragraph a line (empty paragraphs dropped). */
export async function decodeDocxBytes(bytes: Uint8Array, fileName = 'plan.docx'): Promise<DecodedPlan> {
  try {
    await checkZip(bytes, fileName); // a zip bomb is refused before mammoth inflates it
  } catch (e) {
    const reason = e instanceof InputRejectedError ? (e.problems[0]?.message ?? e.message) : String(e);
    throw new PlanParseError(1, reason.startsWith('不是有效的 Office 文件') ? '无法读取 Word 文档，文件可能已损坏' : reason);
  }
  let raw: string;
  try {
    // mammoth works for seconds on a large document: in a worker thread, so other requests are answered.
    raw = await runInWorker<string>(new URL(import.meta.url), 'docxRawText', [bytes]);
  } catch (e) {
    throw new PlanParseError(1, `无法读取 Word 文档（${(e as Error).message}），文件可能已损坏`);
  }
  const paragraphs = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (paragraphs.length === 0) throw new PlanParseError(1, 'Word 文档中没有文字，应为实施方案文本');
  const text = normalizeText(paragraphs.join('\n'));
  checkReadable(text, 'docx');
  return { text, kind: 'docx', encoding: 'docx' };
}

/** The raw text of a .docx (mammoth), run in a worker thread by `decodeDocxBytes`. */
export async function docxRawText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
}

/** Decodes a plan file's bytes: .docx by content (zip) or by name, else text. */
export async function decodePlanBytes(bytes: Uint8Array, fileName?: string): Promise<DecodedPlan> {
  if (isZip(bytes)) return decodeDocxBytes(bytes, fileName);
  if (fileName && /\.docx$/i.test(fileName)) {
    throw new PlanParseError(1, '文件扩展名为 .docx，但内容不是 Word（.docx）文档，文件可能已损坏');
  }
  if (fileName && /\.doc$/i.test(fileName)) {
    throw new PlanParseError(1, '不支持旧版 Word（.doc）文件，请另存为 .docx 或 .txt 后导入');
  }
  return decodeTextBytes(bytes);
}

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014';

/**
 * Normalises a plan's text without changing its line count:
 * - line breaks to \n (CR LF, CR, U+2028/2029), BOM removed;
 * - full-width letters and digits to ASCII; ％ to %, ＋ to +, ．to .;
 * - half-width ( ) : , ; ? ! to the full-width Chinese forms （ ） ： ， ； ？ ！, except "," and ":"
 *   between digits (1,000; 10:30);
 * - straight double quotes to “ ” (alternating within a line);
 * - Kangxi radicals / compatibility ideographs (PDF copy artefacts) to the ordinary characters;
 * - whitespace: trimmed, and removed next to Chinese text (kept as one space between Latin words).
 */
export function normalizeText(input: string): string {
  const text = input.replace(/^\ufeff/, '').replace(/\r\n?|\u2028|\u2029|\f/g, '\n');
  return text.split('\n').map(normalizeLine).join('\n');
}

const FULL_KEEP: Record<string, string> = { '(': '（', ')': '）', ':': '：', ',': '，', ';': '；', '?': '？', '!': '！' };

function normalizeLine(line: string): string {
  let s = line.replace(/[\u2f00-\u2fdf\uf900-\ufaff]/g, (c) => c.normalize('NFKC'));
  // Full-width ASCII variants (U+FF01–FF5E) → ASCII; the punctuation we keep full-width is mapped back below.
  s = s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/[\u00a0\u3000\t\u2002-\u200b]/g, ' ');
  s = s.replace(/[(),:;?!]/g, (c, i: number, all: string) => {
    if ((c === ',' || c === ':') && /\d/.test(all[i - 1] ?? '') && /\d/.test(all[i + 1] ?? '')) return c;
    return FULL_KEEP[c];
  });
  let open = true;
  s = s.replace(/"/g, () => {
    const q = open ? '“' : '”';
    open = !open;
    return q;
  });
  s = s.trim().replace(/ {2,}/g, ' ');
  s = s.replace(new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'g'), '');
  return s;
}
