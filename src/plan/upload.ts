import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { InputRejectedError } from '../shared/index.js';
import { listUnits, storedUnitEntries } from '../units/index.js';
import { PlanParseError } from './core/errors.js';
import type { ParsePlanOptions } from './core/parse-plan.js';
import type { ParsedPlan } from './core/types.js';
import { parsePlanBytes } from './read-plan-file.js';
import { importPlan, planIdentity, type ImportPlanProgress, type ImportPlanResult } from './plan-store.js';

export interface UploadedPlan {
  fileName: string;
  buffer: Buffer;
}

/**
 * The parser's options for a document of this district: the stored unit directory (built-in units, the
 * units earlier imports added and the aliases the office recorded by merging units), so that a name the
 * office merged into a unit maps to that unit.
 */
export async function districtParseOptions(db: Kysely<Database>): Promise<ParsePlanOptions> {
  return { units: await storedUnitEntries(db) };
}

/** Parses an uploaded plan document against the district's directory; a parse error names the file and line. */
export async function parseUploaded(db: Kysely<Database>, p: UploadedPlan): Promise<{ plan: ParsedPlan; kind: 'txt' | 'docx' }> {
  const ext = path.extname(p.fileName).toLowerCase();
  if (ext !== '.txt' && ext !== '.docx')
    throw new InputRejectedError(`${p.fileName}：只支持 .txt 和 .docx 文件`, [{ file: p.fileName, message: '文件类型不支持' }]);
  try {
    return { plan: await parsePlanBytes(p.buffer, p.fileName, await districtParseOptions(db)), kind: ext === '.docx' ? 'docx' : 'txt' };
  } catch (e) {
    if (e instanceof PlanParseError) throw new InputRejectedError(`${p.fileName}：${e.message}`, [{ file: p.fileName, row: e.line, message: e.reason }]);
    throw e;
  }
}

/** Parses an uploaded plan document and imports it; a parse error names the file and line. */
export async function importUploadedPlan(
  db: Kysely<Database>,
  p: UploadedPlan & { actor: string },
  hooks: ImportPlanProgress = {},
): Promise<ImportPlanResult & { docNumber: string | null; title: string; warnings: number; measures: number }> {
  const { plan, kind } = await parseUploaded(db, p);
  const r = await importPlan(db, { plan, sourceName: p.fileName, sourceKind: kind, actor: p.actor }, hooks);
  const measures = plan.sections.reduce((n, s) => n + s.subsections.reduce((k, ss) => k + ss.measures.length, 0), 0);
  return { ...r, docNumber: plan.docNumber, title: plan.title, warnings: plan.warnings.length, measures };
}

export interface PlanPreview {
  fileName: string;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  year: number | null;
  sections: number;
  measures: number;
  targets: number;
  deadlines: number;
  /** The parser's warnings (`PlanWarning` of core/types.ts), each with its line. */
  warnings: Array<{ line: number; code: string; message: string }>;
  /** Names the import would add as new units for the office to confirm or merge, or stored units still waiting. */
  unitsToConfirm: Array<{ name: string; measures: number[]; waiting: boolean }>;
  /** The stored plan of the same 文号 (or title), which the import would revise; null for a new plan. */
  existingPlan: { planId: number; title: string; revision: number } | null;
}

/**
 * What an import of this document would bring, without writing anything: metadata, counts, the parser's
 * warnings and the units to confirm (names neither in the stored directory nor in the built-in one, and
 * stored units the office has not confirmed yet).
 *
 * @example
 *   const preview = await previewUploadedPlan(db, { fileName: 'plan.txt', buffer }); // { title, warnings, unitsToConfirm … }
 */
export async function previewUploadedPlan(db: Kysely<Database>, p: UploadedPlan): Promise<PlanPreview> {
  const { plan } = await parseUploaded(db, p);
  const measures = plan.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
  const byName = new Map<string, number[]>();
  const note = (name: string, measure?: number) => {
    const list = byName.get(name) ?? [];
    if (measure !== undefined && !list.includes(measure)) list.push(measure);
    byName.set(name, list);
  };
  for (const s of plan.sections)
    for (const ss of s.subsections) {
      for (const u of [...ss.leadUnits, ...ss.responsibleUnits]) note(u);
      for (const m of ss.measures) for (const u of [...m.leadUnits, ...m.responsibleUnits]) note(u, m.number);
    }
  const stored = new Map(
    (
      await db
        .selectFrom('unit')
        .select(['name', 'confirmed'])
        .where('name', 'in', byName.size ? [...byName.keys()] : [''])
        .execute()
    ).map((u) => [u.name, u.confirmed]),
  );
  const builtIn = new Set(listUnits().map((u) => u.name));
  const unitsToConfirm = [...byName]
    .filter(([name]) => (stored.has(name) ? stored.get(name) === false : !builtIn.has(name)))
    .map(([name, ms]) => ({ name, measures: ms.sort((a, b) => a - b), waiting: stored.has(name) }));
  const identity = planIdentity(plan);
  const existing = await db.selectFrom('plan').select(['id', 'title', 'current_revision']).where('doc_number', '=', identity).executeTakeFirst();
  return {
    fileName: p.fileName,
    title: plan.title,
    docNumber: plan.docNumber,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    year: plan.year ?? null,
    sections: plan.sections.length,
    measures: measures.length,
    targets: measures.reduce((n, m) => n + m.targets.length, 0),
    deadlines: measures.reduce((n, m) => n + m.deadlines.length, 0),
    warnings: plan.warnings.map((w) => ({ line: w.line, code: w.code, message: w.message })),
    unitsToConfirm,
    existingPlan: existing ? { planId: existing.id, title: existing.title, revision: existing.current_revision } : null,
  };
}
