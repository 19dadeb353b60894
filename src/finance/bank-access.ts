import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ForbiddenError } from '../shared/index.js';
import { actsFor } from './core/access.js';

export interface BankScope {
  /** The institution row the account is linked to (head office or branch). */
  institutionId: number;
  /** Every institution row it acts for (its own, and a head office's branches). */
  institutionIds: number[];
}

/**
 * The institutions a `bank` account acts for; ForbiddenError for any other role or an unlinked account. Other parts
 * of 渝中融 (applications, figures) scope a bank's reads and changes with it.
 */
export async function bankScope(db: Kysely<Database>, user: SessionUser): Promise<BankScope> {
  if (user.role !== 'bank') throw new ForbiddenError('只有金融机构账号可以办理');
  const link = await db.selectFrom('finance_bank_staff').select('institution_id').where('user_id', '=', user.id).executeTakeFirst();
  if (!link) throw new ForbiddenError('该金融机构账号尚未关联机构，请联系区金融办');
  const rows = await db
    .selectFrom('finance_institution')
    .select(['id', 'parent_id'])
    .where((eb) => eb.or([eb('id', '=', link.institution_id), eb('parent_id', '=', link.institution_id)]))
    .execute();
  return { institutionId: link.institution_id, institutionIds: actsFor(link.institution_id, new Map(rows.map((r) => [r.id, r.parent_id]))) };
}

/** Display names of institution rows: “重庆农村商业银行渝中支行” (name and branch). */
export async function institutionNames(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('finance_institution')
    .select(['id', 'name', 'branch'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.name}${r.branch ?? ''}`]));
}
