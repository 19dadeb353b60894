import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ForbiddenError } from '../shared/index.js';
import { findUnitsByName } from '../units/index.js';
import { FINANCE_DESK_UNIT } from './core/labels.js';

export { FINANCE_DESK_UNIT };

/**
 * Who may do what in 渝中融 (the route × role matrix test checks it; decisions in README.md, "Access").
 *
 * 区金融办 is not a role: it is the office (营商办) and the admin, and the unit staff of the unit 区金融办 (the unit
 * directory's 区金融办, aliases 区金融工作办公室, 区金融服务中心, 区地方金融监管局). Routes for 区金融办 admit
 * `FINANCE_DESK_ROLES` and the handler calls `assertFinanceDesk`, which refuses unit staff of other units.
 */
export const FINANCE_DESK_ROLES = ['office', 'admin', 'unit_staff'] as const;
/** Everyone on the government side who reads all of 渝中融 (leaders read, change nothing). */
export const FINANCE_READER_ROLES = ['office', 'admin', 'unit_staff', 'leader'] as const;

/** Whether the user acts for 区金融办: office, admin, or unit staff of the unit 区金融办. */
export async function isFinanceDesk(db: Kysely<Database>, user: SessionUser): Promise<boolean> {
  if (user.role === 'office' || user.role === 'admin') return true;
  if (user.role !== 'unit_staff') return false;
  const [unit] = await findUnitsByName(db, [FINANCE_DESK_UNIT]);
  return unit !== undefined && user.unitIds.includes(unit.id);
}

export async function assertFinanceDesk(db: Kysely<Database>, user: SessionUser): Promise<void> {
  if (!(await isFinanceDesk(db, user))) throw new ForbiddenError(`只有${FINANCE_DESK_UNIT}、营商办和系统管理员可以办理`);
}

/** Readers of everything: 区金融办 and leaders. */
export async function assertFinanceReader(db: Kysely<Database>, user: SessionUser): Promise<void> {
  if (user.role === 'leader') return;
  await assertFinanceDesk(db, user);
}
