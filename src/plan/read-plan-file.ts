/** The one piece of file I/O of the plan parser: loads a plan file and decodes it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePlanBytes, type DecodedPlan } from './core/decode.js';

/** Reads a .txt (UTF-8 / GB18030) or .docx plan file into normalised text. */
export async function readPlanFile(file: string): Promise<DecodedPlan & { fileName: string }> {
  const bytes = await readFile(file);
  const fileName = path.basename(file);
  return { ...(await decodePlanBytes(bytes, fileName)), fileName };
}
