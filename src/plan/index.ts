/**
 * The plan capability's public API.
 *
 * Parser (pure core in src/plan/core; read-plan-file.ts is its only file I/O):
 *   parsePlanText(text, opts?)              text → ParsedPlan (throws PlanParseError)
 *   parsePlanBytes(bytes, fileName?, opts?) an uploaded .txt (UTF-8 / GB18030) or .docx → ParsedPlan
 *   parsePlanFile(path, opts?)              a file on disk → ParsedPlan
 * Store: importPlan (plan-store.ts).
 * Read API (plan-read.ts), what other capabilities call instead of querying the plan's tables:
 *   findPlan(db, { year?, orLatest? })      THE plan of a year / the latest plan
 *   getPlan(db, planId)                     a plan by id (NotFoundError)
 *   listPlans(db, { year? })                every plan (of a year)
 *   listMeasures(db, planId, filter?)       measures with lead/responsible units, targets, deadlines
 *   findMeasure(db, measureId)              one measure by id, with its plan id
 *   findMeasures(db, measureIds)            several measures by id (any plans)
 *   listSections(db, planId)                the sections (numbers, titles) of a plan
 *   listPlanTargets(db, planId)             the quantitative targets with their measures
 *   measureLeadUnits(db, planId)            measure number → first lead unit id
 * As-of date (as-of.ts, rule in core/as-of.ts): the one date every page shows a plan's figures as of:
 *   planAsOf(db, planId)                    { asOf, reason, text, setBy, setAt … }
 *   yearAsOf(db, year)                      the as-of date of THE plan of the year (default rule without one)
 *   setPlanAsOf(db, user, planId, asOf|null) the office's choice (audited); onPlanAsOfChanged(fn) listeners
 * Units to confirm (unit-merge.ts, issue 13): planUnitsToConfirm, confirmUnit, mergeUnit (alias + every
 *   reference moved + audit in one transaction; other owners move theirs through onUnitMerge listeners).
 * Uploads (upload.ts): previewUploadedPlan (nothing written), districtParseOptions (the stored directory with
 *   the office's aliases, for the parser; the web upload and `bizenv plan import` use it).
 * The unit directory is src/units (canonicalUnit, listUnits … are no longer exported from here).
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
export { TARGET_OPS, OP_SIGNS } from './core/ops.js';
export { PlanParseError } from './core/errors.js';
export { parsePlanText, type ParsePlanOptions } from './core/parse-plan.js';
export { extractTargets } from './core/targets.js';
export { extractDeadlines } from './core/deadlines.js';
export { decodePlanBytes, normalizeText, type DecodedPlan, type PlanSourceKind } from './core/decode.js';
export { readPlanFile, parsePlanFile, parsePlanBytes } from './read-plan-file.js';
export { importPlan, type ImportPlanParams, type ImportPlanProgress, type ImportPlanResult } from './plan-store.js';
export { planJobs, PLAN_IMPORT_JOB, PLAN_LEDGER_IMPORT_JOB } from './import-job.js';
export {
  findPlan,
  getPlan,
  listPlans,
  listMeasures,
  findMeasure,
  findMeasures,
  listSections,
  listPlanTargets,
  measureLeadUnits,
  type PlanRow,
  type MeasureRow,
  type MeasureUnitRef,
  type MeasureFilter,
  type MeasureRef,
  type PlanSectionRow,
  type PlanTargetRow,
} from './plan-read.js';
export { planRoutes } from './routes.js';
export { onUnitMerge, mergeUnit, confirmUnit, planUnitsToConfirm, type UnitMergeListener, type UnitToConfirm } from './unit-merge.js';
export { districtParseOptions, previewUploadedPlan, type PlanPreview } from './upload.js';
export { planAsOf, yearAsOf, setPlanAsOf, onPlanAsOfChanged, type PlanAsOf } from './as-of.js';
export { defaultAsOf, resolveAsOf, asOfProblem, asOfText, AS_OF_REASONS, AS_OF_REASON_LABELS, type AsOf, type AsOfReason } from './core/as-of.js';
