/**
 * The plan capability's public API.
 *
 * Parser (pure core in src/plan/core; read-plan-file.ts is its only file I/O):
 *   parsePlanText(text, opts?)              text → ParsedPlan (throws PlanParseError)
 *   parsePlanBytes(bytes, fileName?, opts?) an uploaded .txt (UTF-8 / GB18030) or .docx → ParsedPlan
 *   parsePlanFile(path, opts?)              a file on disk → ParsedPlan
 *   canonicalUnit(name), listUnits()        the unit directory
 * Store: importPlan (plan-store.ts).
 */
export type {
  ParsedPlan,
  ParsedSection,
  ParsedSubsection,
  ParsedMeasure,
  Target,
  TargetOp,
  Deadline,
  PlanWarning,
} from './core/types.js';
export { PlanParseError } from './core/errors.js';
export { parsePlanText, type ParsePlanOptions } from './core/parse-plan.js';
export { canonicalUnit, lookupUnit, listUnits, createUnitDirectory, type UnitEntry, type UnitKind, type UnitDirectory } from './core/units.js';
export { extractTargets } from './core/targets.js';
export { extractDeadlines } from './core/deadlines.js';
export { decodePlanBytes, normalizeText, type DecodedPlan, type PlanSourceKind } from './core/decode.js';
export { readPlanFile, parsePlanFile, parsePlanBytes } from './read-plan-file.js';
export { importPlan, type ImportPlanParams, type ImportPlanResult } from './plan-store.js';
export { planRoutes } from './routes.js';
