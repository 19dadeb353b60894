import { sql, type Kysely, type Selectable } from 'kysely';
import type { EnterpriseTable } from '../db/tables/enterprises.js';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import {
  classifySize,
  ENTERPRISE_SORTS,
  type EnterpriseSort,
  industryLabel,
  normaliseEnterprise,
  type EnterpriseInput,
  type QualificationInput,
} from './core/index.js';

/** Called after profiles change (policies re-match the firms and push what they now qualify for). */
type ProfileListener = (db: Kysely<Database>, enterpriseIds: number[], actor: string) => Promise<void>;
const listeners: ProfileListener[] = [];
export function onProfilesChanged(fn: ProfileListener): void {
  if (!listeners.includes(fn)) listeners.push(fn);
}
export async function profilesChanged(db: Kysely<Database>, ids: number[], actor: string): Promise<void> {
  for (const fn of listeners) await fn(db, ids, actor);
}

export interface EnterpriseRecord extends Required<Omit<EnterpriseInput, 'qualifications'>> {
  id: number;
  sizeClass: string | null;
  isDemo: boolean;
  qualifications: Array<Required<QualificationInput>>;
  updatedAt: string;
}

type Row = Selectable<EnterpriseTable>;

function toRecord(r: Row, quals: Array<{ tag: string; valid_from: string | null; valid_to: string | null; certificate_no: string | null }>): EnterpriseRecord {
  return {
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    legalForm: r.legal_form,
    registeredOn: r.registered_on,
    registeredCapital: r.registered_capital,
    street: r.street,
    industryCode: r.industry_code,
    employees: r.employees,
    revenue: r.revenue,
    assets: r.assets,
    rdRatio: r.rd_ratio,
    creditGrade: r.credit_grade,
    sizeClass: r.size_class,
    isDemo: r.is_demo,
    updatedAt: new Date(r.updated_at).toISOString(),
    qualifications: quals.map((q) => ({ tag: q.tag, validFrom: q.valid_from, validTo: q.valid_to, certificateNo: q.certificate_no })),
  };
}

function columns(v: ReturnType<typeof normaliseEnterprise>['value'] & object) {
  return {
    credit_code: v.creditCode,
    name: v.name,
    legal_form: v.legalForm ?? null,
    registered_on: v.registeredOn ?? null,
    registered_capital: v.registeredCapital ?? null,
    street: v.street ?? null,
    industry_code: v.industryCode ?? null,
    employees: v.employees ?? null,
    revenue: v.revenue ?? null,
    assets: v.assets ?? null,
    rd_ratio: v.rdRatio ?? null,
    credit_grade: v.creditGrade ?? null,
    size_class: v.sizeClass,
  };
}

export async function getEnterprises(db: Kysely<Database>, ids: number[]): Promise<EnterpriseRecord[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('enterprise').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const quals = await db.selectFrom('enterprise_qualification').selectAll().where('enterprise_id', 'in', ids).orderBy('id').execute();
  return rows.map((r) =>
    toRecord(
      r,
      quals.filter((q) => q.enterprise_id === r.id),
    ),
  );
}

export async function getEnterprise(db: Kysely<Database>, id: number): Promise<EnterpriseRecord> {
  const [e] = await getEnterprises(db, [id]);
  if (!e) throw new NotFoundError('企业（不存在或已删除）');
  return e;
}

/** Ids of the registered firms among the given credit codes (code → id). */
export async function enterpriseIdsByCreditCode(db: Kysely<Database>, codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < codes.length; i += 5000)
    for (const e of await db
      .selectFrom('enterprise')
      .select(['id', 'credit_code'])
      .where('credit_code', 'in', codes.slice(i, i + 5000))
      .execute())
      out.set(e.credit_code, e.id);
  return out;
}

/**
 * Name and credit code of each of the given firms (id → { name, creditCode }), without loading
 * whole profiles: for lists over many firms. Unknown ids are absent.
 *
 * @example
 *   const names = await enterpriseNames(db, [101, 102]);
 *   names.get(101); // { name: '重庆某某科技有限公司', creditCode: '91500103…' }
 */
export async function enterpriseNames(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, { name: string; creditCode: string }>> {
  const out = new Map<number, { name: string; creditCode: string }>();
  for (let i = 0; i < ids.length; i += 5000)
    for (const e of await db
      .selectFrom('enterprise')
      .select(['id', 'name', 'credit_code'])
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute())
      out.set(e.id, { name: e.name, creditCode: e.credit_code });
  return out;
}

/** How many firms the registry holds (the total of a batch over every firm, e.g. policy matching's progress). */
export async function enterpriseCount(db: Kysely<Database>): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('enterprise')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/**
 * The next `limit` firms after `afterId` with their qualifications, for a pass over every firm (range
 * scans, no long id lists). `updatedAt` is left empty: a pass reads profiles, it does not edit them.
 */
export async function enterprisePage(db: Kysely<Database>, afterId: number, limit: number): Promise<EnterpriseRecord[]> {
  const rows = await db.selectFrom('enterprise').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  if (!rows.length) return [];
  const quals = await db
    .selectFrom('enterprise_qualification')
    .select(['enterprise_id', 'tag', 'valid_from', 'valid_to', 'certificate_no'])
    .where('enterprise_id', '>', afterId)
    .where('enterprise_id', '<=', rows[rows.length - 1]!.id)
    .orderBy('id')
    .execute();
  const byFirm = new Map<number, typeof quals>();
  for (const q of quals) {
    const list = byFirm.get(q.enterprise_id);
    if (list) list.push(q);
    else byFirm.set(q.enterprise_id, [q]);
  }
  return rows.map((r) => ({ ...toRecord(r, byFirm.get(r.id) ?? []), updatedAt: '' }));
}

/** The profile with what the page shows next to it: industry name and the size rule explained. */
export function describeEnterprise(e: EnterpriseRecord) {
  const size = e.industryCode ? classifySize({ industry: e.industryCode, employees: e.employees, revenue: e.revenue, assets: e.assets }) : null;
  return { ...e, industryLabel: industryLabel(e.industryCode), sizeExplanation: size?.explanation ?? '未填写行业代码，无法划分规模' };
}

export interface EnterpriseListFilter {
  q?: string;
  street?: string;
  size?: string;
  /** A key of ENTERPRISE_SORTS, `-` in front for descending; default: registration order (id). */
  sort?: string;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The staff's enterprise list, filtered, sorted and paged in SQL (a district has tens of thousands of firms).
 * Names sort by code point (`collate "C"`), the same on PGlite and every PostgreSQL server; sizes from 大型 to
 * 微型; empty values last; ties by id, so pages never overlap.
 */
function filteredEnterprises(db: Kysely<Database>, o: EnterpriseListFilter) {
  let q = db.selectFrom('enterprise');
  const text = o.q?.trim();
  if (text) q = q.where((eb) => eb.or([eb('name', 'like', likePattern(text)), eb('credit_code', '=', text.toUpperCase())]));
  if (o.street) q = q.where('street', '=', o.street);
  if (o.size) q = q.where('size_class', '=', o.size);
  return q;
}

const SORT_SQL: Record<EnterpriseSort, ReturnType<typeof sql>> = {
  name: sql`name collate "C"`,
  creditCode: sql`credit_code collate "C"`,
  street: sql`street collate "C"`,
  industry: sql`industry_code collate "C"`,
  size: sql`array_position(array['大型', '中型', '小型', '微型']::text[], size_class)`,
  registeredOn: sql`registered_on`,
};

function sortedEnterprises(db: Kysely<Database>, o: EnterpriseListFilter) {
  const desc = !!o.sort?.startsWith('-');
  const key = (o.sort ?? '').replace(/^-/, '');
  let q = filteredEnterprises(db, o).select(['id', 'credit_code', 'name', 'street', 'industry_code', 'size_class', 'registered_on', 'is_demo']);
  if ((ENTERPRISE_SORTS as readonly string[]).includes(key))
    q = q.orderBy(sql`${SORT_SQL[key as EnterpriseSort]} ${sql.raw(desc ? 'desc' : 'asc')} nulls last`);
  return q.orderBy('id');
}

type ListedRow = {
  id: number;
  credit_code: string;
  name: string;
  street: string | null;
  industry_code: string | null;
  size_class: string | null;
  registered_on: string | null;
  is_demo: boolean;
};
const listItem = (r: ListedRow) => ({
  id: r.id,
  creditCode: r.credit_code,
  name: r.name,
  street: r.street,
  industryCode: r.industry_code,
  industryLabel: industryLabel(r.industry_code),
  sizeClass: r.size_class,
  registeredOn: r.registered_on,
  isDemo: r.is_demo,
});
export type EnterpriseListItem = ReturnType<typeof listItem>;

export async function listEnterprises(db: Kysely<Database>, o: EnterpriseListFilter & { limit?: number; offset?: number } = {}) {
  const total = Number(
    (
      await filteredEnterprises(db, o)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await sortedEnterprises(db, o)
    .limit(o.limit ?? 50)
    .offset(o.offset ?? 0)
    .execute();
  return { total, items: rows.map(listItem) };
}

/** Every firm of the list's query in the list's order (the Excel export), at most `max`. */
export async function allListedEnterprises(db: Kysely<Database>, o: EnterpriseListFilter, max: number) {
  const total = Number(
    (
      await filteredEnterprises(db, o)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (total > max)
    throw new InputRejectedError(`符合条件的企业有 ${total} 家，超过导出上限 ${max} 家，请缩小筛选范围`, [{ field: 'q', message: '请缩小筛选范围' }]);
  return (await sortedEnterprises(db, o).execute()).map(listItem);
}

async function writeQualifications(trx: Kysely<Database>, id: number, qs: QualificationInput[]) {
  await trx.deleteFrom('enterprise_qualification').where('enterprise_id', '=', id).execute();
  if (qs.length)
    await trx
      .insertInto('enterprise_qualification')
      .values(
        qs.map((q) => ({
          enterprise_id: id,
          tag: q.tag,
          valid_from: q.validFrom ?? null,
          valid_to: q.validTo ?? null,
          certificate_no: q.certificateNo ?? null,
        })),
      )
      .execute();
}

function rejectProblems(problems: Array<{ field: string; message: string }>): never {
  throw new InputRejectedError(
    `企业信息有误：${problems.map((p) => `${p.field}${p.message}`).join('；')}`,
    problems.map((p) => ({ field: p.field, message: p.message })),
  );
}

export async function createEnterprise(
  db: Kysely<Database>,
  input: EnterpriseInput,
  actor: string,
  opts: { isDemo?: boolean } = {},
): Promise<EnterpriseRecord> {
  const { value, problems } = normaliseEnterprise(input);
  if (!value) rejectProblems(problems);
  const id = await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('enterprise').select('id').where('credit_code', '=', value.creditCode).executeTakeFirst();
    if (exists) throw new ConflictError(`统一社会信用代码 ${value.creditCode} 已登记（企业 ${exists.id}）`);
    const { id } = await trx
      .insertInto('enterprise')
      .values({ ...columns(value), is_demo: opts.isDemo ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeQualifications(trx, id, value.qualifications ?? []);
    await recordAudit(trx, { actor, action: 'enterprise.create', entity: 'enterprise', entityId: id, after: value });
    return id;
  });
  await profilesChanged(db, [id], actor);
  return getEnterprise(db, id);
}

/** Replaces the profile; `keep` lists fields the caller may not change (kept from the stored profile). */
export async function updateEnterprise(
  db: Kysely<Database>,
  id: number,
  input: EnterpriseInput,
  actor: string,
  keep: Array<keyof EnterpriseInput> = [],
): Promise<EnterpriseRecord> {
  const before = await getEnterprise(db, id);
  const merged = { ...input } as EnterpriseInput & Record<string, unknown>;
  for (const k of keep) merged[k] = before[k as keyof EnterpriseRecord] as never;
  const { value, problems } = normaliseEnterprise(merged);
  if (!value) rejectProblems(problems);
  await db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('enterprise').select('id').where('credit_code', '=', value.creditCode).where('id', '<>', id).executeTakeFirst();
    if (clash) throw new ConflictError(`统一社会信用代码 ${value.creditCode} 已属于企业 ${clash.id}`);
    await trx
      .updateTable('enterprise')
      .set({ ...columns(value), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await writeQualifications(trx, id, value.qualifications ?? []);
    await recordAudit(trx, { actor, action: 'enterprise.update', entity: 'enterprise', entityId: id, before, after: value });
  });
  await profilesChanged(db, [id], actor);
  return getEnterprise(db, id);
}

/** Staff see every firm; an enterprise account sees only its own (anything else is "forbidden"). */
export function assertCanSee(user: SessionUser, enterpriseId: number): void {
  if (user.role === 'enterprise' && user.enterpriseId !== enterpriseId) throw new ForbiddenError('企业账号只能查看本企业的信息');
}

/** The firm of an enterprise account (403 when the account has none). */
export function ownEnterpriseId(user: SessionUser): number {
  if (!user.enterpriseId) throw new ForbiddenError('该企业账号未关联企业');
  return user.enterpriseId;
}

/** A profile edited by a person: an enterprise only its own, and not its credit code or credit grade. */
export async function updateEnterpriseAs(db: Kysely<Database>, user: SessionUser, id: number, input: EnterpriseInput): Promise<EnterpriseRecord> {
  assertCanSee(user, id);
  const keep: Array<keyof EnterpriseInput> = user.role === 'enterprise' ? ['creditCode', 'creditGrade'] : [];
  return updateEnterprise(db, id, input, user.account, keep);
}

/** Comparable form of a profile (import idempotence). */
export function profileKey(e: EnterpriseInput): string {
  const q = [...(e.qualifications ?? [])]
    .sort((a, b) => a.tag.localeCompare(b.tag))
    .map((x) => [x.tag, x.validFrom ?? null, x.validTo ?? null, x.certificateNo ?? null]);
  return JSON.stringify([
    e.creditCode,
    e.name,
    e.legalForm ?? null,
    e.registeredOn ?? null,
    e.registeredCapital ?? null,
    e.street ?? null,
    e.industryCode ?? null,
    e.employees ?? null,
    e.revenue ?? null,
    e.assets ?? null,
    e.rdRatio ?? null,
    e.creditGrade ?? null,
    q,
  ]);
}

/**
 * Writes validated profiles keyed by credit code in one transaction: new codes are created, changed
 * profiles updated, identical ones left alone (so importing the same file twice changes nothing).
 */
export async function upsertEnterprises(
  db: Kysely<Database>,
  rows: EnterpriseInput[],
  actor: string,
  opts: {
    isDemo?: boolean;
    source?: string;
    /** Rows written so far (every 200 rows; a background import's progress bar). */
    progress?: (done: number) => void;
    /** Throws to stop (a cancelled job): the transaction rolls back, nothing is written. */
    checkCancelled?: () => void;
  } = {},
) {
  const normalised = rows.map((r) => normaliseEnterprise(r).value!);
  const changedIds: number[] = [];
  let created = 0,
    updated = 0,
    unchanged = 0;
  await db.transaction().execute(async (trx) => {
    const codes = normalised.map((v) => v.creditCode);
    const existing = new Map<string, number>();
    for (let i = 0; i < codes.length; i += 5000) {
      for (const r of await trx
        .selectFrom('enterprise')
        .select(['id', 'credit_code'])
        .where('credit_code', 'in', codes.slice(i, i + 5000))
        .execute())
        existing.set(r.credit_code, r.id);
    }
    const current = new Map((await getEnterprises(trx, [...existing.values()])).map((e) => [e.creditCode, e]));
    for (const [i, v] of normalised.entries()) {
      if (i % 200 === 0) {
        opts.progress?.(i);
        opts.checkCancelled?.();
      }
      const id = existing.get(v.creditCode);
      if (id === undefined) {
        const r = await trx
          .insertInto('enterprise')
          .values({ ...columns(v), is_demo: opts.isDemo ?? false })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeQualifications(trx, r.id, v.qualifications ?? []);
        changedIds.push(r.id);
        created++;
      } else if (profileKey(current.get(v.creditCode)!) !== profileKey(v)) {
        await trx
          .updateTable('enterprise')
          .set({ ...columns(v), updated_at: sql<Date>`now()` })
          .where('id', '=', id)
          .execute();
        await writeQualifications(trx, id, v.qualifications ?? []);
        changedIds.push(id);
        updated++;
      } else unchanged++;
    }
    if (created + updated > 0)
      await recordAudit(trx, { actor, action: 'enterprise.import', entity: 'enterprise', after: { source: opts.source ?? null, created, updated, unchanged } });
    opts.checkCancelled?.();
  });
  opts.progress?.(rows.length);
  if (changedIds.length) await profilesChanged(db, changedIds, actor);
  return { rows: rows.length, created, updated, unchanged, changedIds };
}
