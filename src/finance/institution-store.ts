import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountNames, createAccount, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { ConflictError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { bankScope, institutionNames } from './bank-access.js';
import type { FinanceInstitutionKind } from './core/index.js';

type Db = Kysely<Database>;

export interface InstitutionInput {
  name: string;
  kind: FinanceInstitutionKind;
  branch?: string | null;
  parentId?: number | null;
  contact?: string | null;
  active?: boolean;
}

/** Every institution row with its head office's name, staff accounts and products in force. */
export async function listInstitutions(db: Db) {
  const rows = await db.selectFrom('finance_institution').selectAll().orderBy('name').orderBy('parent_id', 'desc').orderBy('id').execute();
  const staff = await db
    .selectFrom('finance_bank_staff')
    .select((eb) => ['institution_id', eb.fn.countAll<number>().as('n')])
    .groupBy('institution_id')
    .execute();
  const products = await db
    .selectFrom('finance_product')
    .select((eb) => ['institution_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .groupBy('institution_id')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const count = (list: Array<{ institution_id: number; n: number }>, id: number) => Number(list.find((x) => x.institution_id === id)?.n ?? 0);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as FinanceInstitutionKind,
    branch: r.branch,
    parentId: r.parent_id,
    parentName: r.parent_id === null ? null : (byId.get(r.parent_id)?.name ?? null),
    displayName: `${r.name}${r.branch ?? ''}`,
    contact: r.contact,
    active: r.active,
    staff: count(staff, r.id),
    products: count(products, r.id),
  }));
}

async function checkInput(db: Db, p: InstitutionInput, selfId?: number): Promise<{ name: string; branch: string | null }> {
  const name = p.name.trim();
  const branch = p.branch?.trim() || null;
  if (!name) throw new InputRejectedError('请填写机构名称', [{ field: '机构名称', message: '必填' }]);
  if (p.parentId !== undefined && p.parentId !== null) {
    if (p.parentId === selfId) throw new InputRejectedError('上级机构不能是本机构', [{ field: '上级机构', message: '不能是本机构' }]);
    const parent = await db.selectFrom('finance_institution').select(['id', 'parent_id']).where('id', '=', p.parentId).executeTakeFirst();
    if (!parent) throw new InputRejectedError('上级机构不存在', [{ field: '上级机构', message: '不存在' }]);
    if (parent.parent_id !== null)
      throw new InputRejectedError('上级机构须为总行（总部），不能是分支机构', [{ field: '上级机构', message: '须为总行（总部）' }]);
    if (!branch) throw new InputRejectedError('分支机构须填写名称，如“渝中支行”', [{ field: '分支机构', message: '必填' }]);
  }
  const same = await db
    .selectFrom('finance_institution')
    .select('id')
    .where('name', '=', name)
    .where((eb) => (branch === null ? eb('branch', 'is', null) : eb('branch', '=', branch)))
    .executeTakeFirst();
  if (same && same.id !== selfId) throw new ConflictError(`机构“${name}${branch ?? ''}”已登记`);
  return { name, branch };
}

/** Registers an institution or a branch (区金融办); audited. */
export async function createInstitution(db: Db, actor: string, p: InstitutionInput, o: { isDemo?: boolean } = {}): Promise<number> {
  const { name, branch } = await checkInput(db, p);
  return db.transaction().execute(async (trx) => {
    const row = {
      name,
      kind: p.kind,
      branch,
      parent_id: p.parentId ?? null,
      contact: p.contact?.trim() || null,
      active: p.active ?? true,
      is_demo: o.isDemo ?? false,
      created_by: actor,
    };
    const { id } = await trx.insertInto('finance_institution').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'finance.institution.create', entity: 'finance_institution', entityId: id, after: row });
    return id;
  });
}

export async function updateInstitution(db: Db, actor: string, id: number, p: InstitutionInput): Promise<void> {
  const before = await db.selectFrom('finance_institution').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new NotFoundError('金融机构');
  const { name, branch } = await checkInput(db, p, id);
  if (p.parentId) {
    const children = await db.selectFrom('finance_institution').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (children) throw new InputRejectedError('该机构下有分支机构，不能再设上级机构', [{ field: '上级机构', message: '该机构下有分支机构' }]);
  }
  await db.transaction().execute(async (trx) => {
    const after = { name, kind: p.kind, branch, parent_id: p.parentId ?? null, contact: p.contact?.trim() || null, active: p.active ?? before.active };
    await trx.updateTable('finance_institution').set(after).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      action: 'finance.institution.update',
      entity: 'finance_institution',
      entityId: id,
      before: { name: before.name, kind: before.kind, branch: before.branch, parent_id: before.parent_id, contact: before.contact, active: before.active },
      after,
    });
  });
}

/**
 * Creates a bank staff account (role `bank`, through auth's `createAccount`: must change its password at the first
 * login; without a password a one-time password is returned once) and links it to one institution row. Two steps,
 * each one transaction with its audit entry (auth owns the account): the institution is checked first.
 */
export async function createBankAccount(db: Db, actor: SessionUser, p: { account: string; name: string; institutionId: number; password?: string }) {
  const inst = await db.selectFrom('finance_institution').select(['id', 'active']).where('id', '=', p.institutionId).executeTakeFirst();
  if (!inst) throw new InputRejectedError('所属机构不存在', [{ field: '所属机构', message: '不存在' }]);
  if (!inst.active) throw new InputRejectedError('所属机构已停用', [{ field: '所属机构', message: '已停用' }]);
  const { user, oneTimePassword } = await createAccount(db, actor, { account: p.account, name: p.name.trim(), role: 'bank', password: p.password });
  await db.transaction().execute(async (trx) => {
    const row = { user_id: user.id, institution_id: p.institutionId, linked_by: actor.account };
    await trx.insertInto('finance_bank_staff').values(row).execute();
    await recordAudit(trx, { actor: actor.account, action: 'finance.bank_staff.link', entity: 'finance_bank_staff', entityId: user.id, after: row });
  });
  return { id: user.id, oneTimePassword };
}

/** Bank staff accounts with their institution (names of people and institutions only). */
export async function listBankAccounts(db: Db) {
  const rows = await db.selectFrom('finance_bank_staff').selectAll().orderBy('institution_id').orderBy('user_id').execute();
  const people = await accountNames(
    db,
    rows.map((r) => r.user_id),
  );
  const insts = await institutionNames(
    db,
    rows.map((r) => r.institution_id),
  );
  return rows.map((r) => ({
    id: r.user_id,
    name: people.get(r.user_id) ?? '',
    institutionId: r.institution_id,
    institution: insts.get(r.institution_id) ?? '',
    linkedAt: r.linked_at,
  }));
}

/** A bank account's own institution and the rows it acts for. */
export async function bankMe(db: Db, user: SessionUser) {
  const scope = await bankScope(db, user);
  const names = await institutionNames(db, scope.institutionIds);
  return {
    institutionId: scope.institutionId,
    institution: names.get(scope.institutionId) ?? '',
    actsFor: scope.institutionIds.map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}
