/**
 * Who sees which applications (README, "Applications, consent, deadlines"): an enterprise its own; a bank account the
 * applications addressed to the institution rows it acts for (a head office's account: the head office and its
 * branches; a branch's account: that branch); 区金融办 (office, admin, unit staff of 区金融办) and leaders all.
 * Unit staff of other units and supervisors: none.
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ForbiddenError } from '../shared/index.js';
import { isFinanceDesk } from './access.js';
import { bankScope } from './bank-access.js';

export type ApplicationScope = { kind: 'all' } | { kind: 'enterprise'; enterpriseId: number } | { kind: 'bank'; institutionIds: number[] };

/** The scope of the user's reading, or a 403 naming who may read. */
export async function applicationScope(db: Kysely<Database>, user: SessionUser): Promise<ApplicationScope> {
  if (user.role === 'enterprise') {
    if (user.enterpriseId === null) throw new ForbiddenError('企业账号未关联企业，无法查看融资申请');
    return { kind: 'enterprise', enterpriseId: user.enterpriseId };
  }
  if (user.role === 'bank') {
    return { kind: 'bank', institutionIds: (await bankScope(db, user)).institutionIds };
  }
  if (user.role === 'leader' || (await isFinanceDesk(db, user))) return { kind: 'all' };
  throw new ForbiddenError('只有区金融办、营商办、领导、申请企业和受理银行可以查看融资申请');
}

export function inScope(scope: ApplicationScope, a: { enterprise_id: number; institution_id: number }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'enterprise') return a.enterprise_id === scope.enterpriseId;
  return scope.institutionIds.includes(a.institution_id);
}
