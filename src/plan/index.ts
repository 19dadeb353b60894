/**
 * The plan parser's public API. The core (src/plan/core) is pure; readPlanFile is its only file I/O.
 *
 *   parsePlanText(text, opts?)        text → ParsedPlan (throws PlanParseError)
 *   parsePlanBytes(bytes, fileName?)  an uploaded .txt (UTF-8 / GB18030) or .docx → ParsedPlan
 *   parsePlanFile(path)               a file on disk → ParsedPlan
 *   canonicalUnit(name), listUnits()  the unit directory
 */
import { decodePlanBytes } from './core/decode.js';
import { parsePlanText, type ParsePlanOptions } from './core/parse-plan.js';
import { readPlanFile } from './read-plan-file.js';
import type { ParsedPlan } from './core/types.js';

export type {
  ParsedPlan, ParsedSection, ParsedSubsection, ParsedMeasure, Target, TargetOp, Deadline, PlanWarning,
} from './core/types.js';
export { PlanParseError } from './core/errors.js';
export { parsePlanText, type ParsePlanOptions } from './core/parse-plan.js';
export { canonicalUnit, lookupUnit, listUnits, createUnitDirectory, type UnitEntry, type UnitKind, type UnitDirectory } from './core/units.js';
export { extractTargets } from './core/targets.js';
export { extractDeadlines } from './core/deadlines.js';
export { decodePlanBytes, normalizeText, type DecodedPlan, type PlanSourceKind } from './core/decode.js';
export { readPlanFile } from './read-plan-file.js';

/** Parses an uploaded plan: .docx by content, else text in UTF-8 or GB18030. */
export async function parsePlanBytes(bytes: Uint8Array, fileName?: string, opts?: ParsePlanOptions): Promise<ParsedPlan> {
  const decoded = await decodePlanBytes(bytes, fileName);
  return parsePlanText(decoded.text, opts);
}

/** Parses a plan file (.txt in UTF-8 or GB18030, or .docx). */
export async function parsePlanFile(file: string, opts?: ParsePlanOptions): Promise<ParsedPlan> {
  const decoded = await readPlanFile(file);
  return parsePlanText(decoded.text, opts);
}
