/** The one piece of file I/O of the plan parser: loads a plan file, decodes it and parses it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePlanBytes, type DecodedPlan } from './core/decode.js';
import { PlanParseError } from './core/errors.js';
import { parsePlanText, type ParsePlanOptions } from './core/parse-plan.js';
import type { ParsedPlan } from './core/types.js';

/** Reads a .txt (UTF-8 / GB18030) or .docx plan file into normalised text. */
export async function readPlanFile(file: string): Promise<DecodedPlan & { fileName: string }> {
  const bytes = await readFile(file);
  const fileName = path.basename(file);
  return { ...(await decodePlanBytes(bytes, fileName)), fileName };
}

/** Parses a plan file (.txt in UTF-8 or GB18030, or .docx). Throws PlanParseError. */
export async function parsePlanFile(file: string, opts?: ParsePlanOptions): Promise<ParsedPlan> {
  return parseDecoded(await readPlanFile(file), opts);
}

/** Parses an uploaded plan: .docx by content, else text in UTF-8 or GB18030. Throws PlanParseError. */
export async function parsePlanBytes(bytes: Uint8Array, fileName?: string, opts?: ParsePlanOptions): Promise<ParsedPlan> {
  return parseDecoded(await decodePlanBytes(bytes, fileName), opts);
}

/** Word's automatic numbering (一、 1.) is not part of the paragraphs' text: say so when a .docx has no sections. */
function parseDecoded(decoded: DecodedPlan, opts?: ParsePlanOptions): ParsedPlan {
  try {
    return parsePlanText(decoded.text, opts);
  } catch (e) {
    if (e instanceof PlanParseError && decoded.kind === 'docx' && /未找到(章节标题|编号措施|编号条目)/.test(e.reason)) {
      throw new PlanParseError(e.line, `${e.reason}（若 Word 文档使用了自动编号，编号不会被读取，请先将自动编号转换为文本）`);
    }
    throw e;
  }
}
