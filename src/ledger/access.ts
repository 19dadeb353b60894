import type { Kysely } from 'kysely';
import { accountIdsOfUnits, activeAccountIdsByRole, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ForbiddenError, NotFoundError, type ReadDomain } from '../shared/index.js';

/** Who may read the ledger: every government-side role (enterprises may not). */
export const LEDGER_READERS = ['office', 'unit_staff', 'leader', 'admin'] as const;
/** Who may change the ledger at all (unit staff further limited to their units' tasks). */
export const LEDGER_WRITERS = ['office', 'admin', 'unit_staff'] as const;
/** The office's own powers: set up, split, review, supervise, weights. */
export const LEDGER_OFFICE = ['office', 'admin'] as const;

/**
 * What the ledger's staff pages (dashboard, task list, work queue, report list) are built from: the server's
 * read cache keeps each user's answer until one of these changes (`userRead`, src/server/read-cache.ts).
 */
export const LEDGER_READ_DOMAINS: readonly ReadDomain[] = ['ledger', 'plan', 'units', 'accounts', 'calendar', 'requests'];

export function isOffice(u: SessionUser): boolean {
  return u.role === 'office' || u.role === 'admin';
}

export async function taskUnitIds(db: Kysely<Database>, taskId: number): Promise<number[]> {
  const task = await db.selectFrom('ledger_task').select('id').where('id', '=', taskId).executeTakeFirst();
  if (!task) throw new NotFoundError('任务（不存在或已删除）');
  const rows = await db.selectFrom('ledger_task_unit').select('unit_id').where('task_id', '=', taskId).execute();
  return rows.map((r) => r.unit_id);
}

/** Office edits every task; unit staff only tasks their unit leads or is responsible for; leaders nothing. */
export async function assertCanEditTask(db: Kysely<Database>, user: SessionUser, taskId: number): Promise<number[]> {
  const units = await taskUnitIds(db, taskId);
  if (isOffice(user)) return units;
  if (user.role === 'unit_staff' && units.some((u) => user.unitIds.includes(u))) return units;
  throw new ForbiddenError(user.role === 'unit_staff' ? '只能修改本单位牵头或负责的任务' : '无权修改台账');
}

/** Users to notify: the active staff accounts of the given units (auth's read API). */
export async function unitStaffIds(db: Kysely<Database>, unitIds: number[]): Promise<number[]> {
  return accountIdsOfUnits(db, unitIds);
}

/** Users to notify: the active office accounts (auth's read API). */
export async function officeIds(db: Kysely<Database>): Promise<number[]> {
  return activeAccountIdsByRole(db, ['office']);
}

/** The units a user's lists are limited to: unit staff see their units' tasks, reports and figures; others everything (undefined). */
export function unitScope(user: SessionUser): number[] | undefined {
  return user.role === 'unit_staff' ? user.unitIds : undefined;
}

/** Unit staff read only their units' reports (403 otherwise); every other reader reads all. */
export async function assertCanReadTaskOf(db: Kysely<Database>, user: SessionUser, taskId: number): Promise<void> {
  const scope = unitScope(user);
  if (!scope) return;
  const units = await taskUnitIds(db, taskId);
  if (!units.some((u) => scope.includes(u))) throw new ForbiddenError('只能查看本单位牵头或负责任务的进展报告');
}
