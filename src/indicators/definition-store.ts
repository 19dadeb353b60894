import { advisoryXactLock } from '../db/index.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { BUILTIN_DEFINITIONS, validateDefinition, type IndicatorDefinition, type VersionedDefinition } from './core/index.js';

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as IndicatorDefinition;

/** Stores version 1 of every built-in definition not stored yet (idempotent, cheap). */
const ensured = new WeakSet<object>();
export async function ensureBuiltins(db: Kysely<Database>): Promise<void> {
  if (ensured.has(db)) return;
  await db
    .insertInto('indicator_definition')
    .values(BUILTIN_DEFINITIONS.map((d) => ({ code: d.code, version: 1, definition: JSON.stringify(d), reason: '内置定义', created_by: 'system' })))
    .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
    .execute();
  ensured.add(db);
}

/** The current (latest) version of every definition, in the order of the built-ins (then by code). */
export async function currentDefinitions(db: Kysely<Database>): Promise<VersionedDefinition[]> {
  await ensureBuiltins(db);
  const rows = await db
    .selectFrom('indicator_definition as d')
    .select(['d.code', 'd.version', 'd.definition'])
    .where('d.version', '=', (eb) => eb.selectFrom('indicator_definition as x').select(sql<number>`max(x.version)`.as('v')).whereRef('x.code', '=', 'd.code'))
    .execute();
  const order = new Map(BUILTIN_DEFINITIONS.map((d, i) => [d.code, i]));
  return rows
    .map((r) => ({ ...parse(r.definition), version: r.version }))
    .sort((a, b) => (order.get(a.code) ?? 999) - (order.get(b.code) ?? 999) || a.code.localeCompare(b.code));
}

export async function definitionVersions(
  db: Kysely<Database>,
  code: string,
): Promise<Array<VersionedDefinition & { reason: string; createdBy: string; createdAt: Date }>> {
  await ensureBuiltins(db);
  const rows = await db.selectFrom('indicator_definition').selectAll().where('code', '=', code).orderBy('version', 'desc').execute();
  if (!rows.length) throw new NotFoundError(`指标 ${code}`);
  return rows.map((r) => ({ ...parse(r.definition), version: r.version, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at }));
}

export async function getDefinition(db: Kysely<Database>, code: string, version?: number): Promise<VersionedDefinition> {
  const all = await definitionVersions(db, code);
  const hit = version === undefined ? all[0] : all.find((d) => d.version === version);
  if (!hit) throw new NotFoundError(`指标 ${code} 第${version}版`);
  const { reason: _r, createdBy: _c, createdAt: _t, ...def } = hit;
  return def;
}

/**
 * The office adjusts a definition: the changed fields make a new version (the code and record type
 * stay); results computed with earlier versions keep their version.
 */
export async function adjustDefinition(
  db: Kysely<Database>,
  code: string,
  changes: Record<string, unknown>,
  p: { actor: string; reason: string },
): Promise<VersionedDefinition> {
  const current = await getDefinition(db, code);
  const { version: _v, ...base } = current;
  const next = { ...base, ...changes, code: current.code, recordType: current.recordType, kind: current.kind } as IndicatorDefinition;
  const problems = validateDefinition(next);
  if (problems.length)
    throw new InputRejectedError(
      `指标定义有${problems.length}处问题`,
      problems.map((m) => ({ message: m })),
    );
  if (JSON.stringify(next) === JSON.stringify(base)) return current;
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'indicatorDefinitions');
    const v = await trx.selectFrom('indicator_definition').select(sql<number>`max(version)`.as('v')).where('code', '=', code).executeTakeFirstOrThrow();
    const version = (v.v ?? 0) + 1;
    await trx
      .insertInto('indicator_definition')
      .values({ code, version, definition: JSON.stringify(next), reason: p.reason, created_by: p.actor })
      .execute();
    await recordAudit(trx, {
      actor: p.actor,
      action: 'indicator.definition.adjust',
      entity: 'indicator_definition',
      entityId: `${code}@${version}`,
      before: base,
      after: next,
    });
    return { ...next, version };
  });
}
