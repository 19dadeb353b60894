/**
 * Consents (数据授权) and the bank's view of an enterprise's data. A bank reads the items of its applications'
 * enterprise only while a consent of that enterprise to the application's institution covers them (expired or
 * withdrawn: 403 with the reason). Every view is recorded (`finance_data_view`, shown to the enterprise) and audited;
 * every withdrawal is audited (the grant is audited when the application is made, `application-store.ts`).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNames, type SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames, getEnterprise, industryLabel } from '../enterprises/index.js';
import { creditHistory } from '../inspections/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/index.js';
import { applicationScope, inScope } from './application-access.js';
import { consentStatus, coveredItems, DATA_ITEM_INFO, DATA_ITEMS, refusalReason, type ConsentStatus, type DataItem } from './core/index.js';

type Db = Kysely<Database>;

export interface ConsentItem {
  id: number;
  applicationId: number;
  institutionId: number;
  institutionName: string;
  enterpriseId: number;
  enterpriseName: string;
  productName: string;
  items: Array<{ item: DataItem; label: string }>;
  grantedOn: string;
  validUntil: string;
  status: ConsentStatus;
  statusLabel: string;
  withdrawnAt: string | null;
  /** How many times the bank opened the data under this consent's application. */
  views: number;
}

const STATUS_LABEL: Record<ConsentStatus, string> = { active: '有效', expired: '已过期', withdrawn: '已撤回' };
const knownItems = (items: readonly string[]) => items.filter((i): i is DataItem => Object.hasOwn(DATA_ITEM_INFO, i));

/** Consents of one application, or of one enterprise (newest first). */
export async function consentItems(db: Db, f: { applicationId?: number; enterpriseId?: number }, today: string): Promise<ConsentItem[]> {
  let q = db.selectFrom('finance_consent').selectAll();
  if (f.applicationId !== undefined) q = q.where('application_id', '=', f.applicationId);
  if (f.enterpriseId !== undefined) q = q.where('enterprise_id', '=', f.enterpriseId);
  const rows = await q.orderBy('id', 'desc').limit(500).execute();
  if (!rows.length) return [];
  const appIds = [...new Set(rows.map((r) => r.application_id))];
  const apps = await db
    .selectFrom('finance_application as a')
    .innerJoin('finance_product_version as v', 'v.id', 'a.product_version_id')
    .select(['a.id', 'v.name'])
    .where('a.id', 'in', appIds)
    .execute();
  const product = new Map(apps.map((a) => [a.id, a.name]));
  const views = await db
    .selectFrom('finance_data_view')
    .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('application_id', 'in', appIds)
    .groupBy('application_id')
    .execute();
  const viewCount = new Map(views.map((v) => [v.application_id, Number(v.n)]));
  const insts = await db
    .selectFrom('finance_institution')
    .select(['id', 'name', 'branch'])
    .where('id', 'in', [...new Set(rows.map((r) => r.institution_id))])
    .execute();
  const iName = new Map(insts.map((i) => [i.id, i.branch ? `${i.name}${i.branch}` : i.name]));
  const firms = await enterpriseNames(db, [...new Set(rows.map((r) => r.enterprise_id))]);
  return rows.map((r) => {
    const items = knownItems(r.items);
    const status = consentStatus({ items, validUntil: r.valid_until, withdrawnAt: r.withdrawn_at }, today);
    return {
      id: r.id,
      applicationId: r.application_id,
      institutionId: r.institution_id,
      institutionName: iName.get(r.institution_id) ?? '',
      enterpriseId: r.enterprise_id,
      enterpriseName: firms.get(r.enterprise_id)?.name ?? '',
      productName: product.get(r.application_id) ?? '',
      items: items.map((item) => ({ item, label: DATA_ITEM_INFO[item].label })),
      grantedOn: r.granted_on,
      validUntil: r.valid_until,
      status,
      statusLabel: STATUS_LABEL[status],
      withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
      views: viewCount.get(r.application_id) ?? 0,
    };
  });
}

/** The enterprise's own consents. */
export async function listConsents(db: Db, user: SessionUser, today = chinaToday()): Promise<ConsentItem[]> {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以查看本企业的数据授权');
  return consentItems(db, { enterpriseId: user.enterpriseId }, today);
}

/** The enterprise withdraws a consent (from now on the bank cannot open the data it covered). Audited. */
export async function withdrawConsent(db: Db, user: SessionUser, id: number, today = chinaToday()): Promise<ConsentItem> {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以撤回数据授权');
  const row = await db.selectFrom('finance_consent').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('数据授权不存在');
  if (row.enterprise_id !== user.enterpriseId) throw new ForbiddenError('只能撤回本企业的数据授权');
  if (row.withdrawn_at !== null) throw new ConflictError('该数据授权已撤回');
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await trx.updateTable('finance_consent').set({ withdrawn_at: at, withdrawn_by: user.account }).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.consent.withdraw',
      entity: 'finance_consent',
      entityId: id,
      before: { validUntil: row.valid_until, items: row.items },
      after: { withdrawnAt: at },
    });
  });
  return (await consentItems(db, { applicationId: row.application_id }, today)).find((c) => c.id === id)!;
}

export interface EnterpriseDataView {
  applicationId: number;
  enterpriseName: string;
  /** The items shown (covered by an active consent), each with its fields as label/value pairs. */
  sections: Array<{ item: DataItem; label: string; fields: Array<{ label: string; value: string }> }>;
  /** Items the enterprise did not (or no longer) consent to share. */
  notCovered: Array<{ item: DataItem; label: string }>;
  validUntil: string;
}

const text = (v: string | number | null | undefined, unit = '') => (v === null || v === undefined || v === '' ? '未登记' : `${v}${unit}`);

/**
 * The enterprise's data for the bank of an application: only the items an active consent of the enterprise to the
 * application's institution covers. Refused (403) for any other role, another bank's application, or without an
 * active consent. Each view is recorded and audited.
 */
export async function enterpriseDataFor(db: Db, user: SessionUser, applicationId: number, today = chinaToday()): Promise<EnterpriseDataView> {
  if (user.role !== 'bank') throw new ForbiddenError('只有受理银行可以在授权范围内查看企业数据');
  const scope = await applicationScope(db, user);
  const app = await db.selectFrom('finance_application').selectAll().where('id', '=', applicationId).executeTakeFirst();
  if (!app) throw new NotFoundError('融资申请不存在');
  if (!inScope(scope, app)) throw new ForbiddenError('这份融资申请不是提交给本机构的，无权查看企业数据');
  const consents = await db
    .selectFrom('finance_consent')
    .selectAll()
    .where('enterprise_id', '=', app.enterprise_id)
    .where('institution_id', '=', app.institution_id)
    .execute();
  const states = consents.map((c) => ({ items: knownItems(c.items), validUntil: c.valid_until, withdrawnAt: c.withdrawn_at }));
  const refusal = refusalReason(states, today);
  if (refusal) throw new ForbiddenError(refusal);
  const covered = coveredItems(states, today);
  const validUntil = states
    .filter((s) => consentStatus(s, today) === 'active')
    .map((s) => s.validUntil)
    .sort()
    .at(-1)!;
  const firm = await getEnterprise(db, app.enterprise_id);
  const sections: EnterpriseDataView['sections'] = [];
  for (const item of DATA_ITEMS) {
    if (!covered.has(item)) continue;
    let fields: Array<{ label: string; value: string }> = [];
    if (item === 'profile')
      fields = [
        { label: '企业名称', value: firm.name },
        { label: '统一社会信用代码', value: firm.creditCode },
        { label: '组织形式', value: text(firm.legalForm) },
        { label: '成立日期', value: text(firm.registeredOn) },
        { label: '注册资本', value: text(firm.registeredCapital, ' 万元') },
        { label: '所在街道', value: text(firm.street) },
        { label: '行业', value: text(industryLabel(firm.industryCode)) },
      ];
    else if (item === 'size')
      fields = [
        { label: '企业规模', value: text(firm.sizeClass) },
        { label: '从业人员', value: text(firm.employees, ' 人') },
        { label: '营业收入', value: text(firm.revenue, ' 万元') },
        { label: '资产总额', value: text(firm.assets, ' 万元') },
      ];
    else if (item === 'creditGrade') fields = [{ label: '信用等级', value: text(firm.creditGrade) }];
    else {
      const h = await creditHistory(db, firm.id, today);
      const current = h.records.find((r) => r.classCode === h.currentClass && r.effectiveOn <= today);
      fields = [
        { label: '信用风险分类', value: current ? `${current.classCode} ${current.className}` : '未分类' },
        { label: '生效日期', value: text(current?.effectiveOn) },
      ];
    }
    sections.push({ item, label: DATA_ITEM_INFO[item].label, fields });
  }
  await db.transaction().execute(async (trx) => {
    const items = sections.map((s) => s.item);
    await trx
      .insertInto('finance_data_view')
      .values({ application_id: app.id, enterprise_id: app.enterprise_id, institution_id: app.institution_id, items, viewed_by: user.account })
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'finance.data.view',
      entity: 'finance_application',
      entityId: app.id,
      after: { enterpriseId: app.enterprise_id, institutionId: app.institution_id, items },
    });
  });
  return {
    applicationId: app.id,
    enterpriseName: firm.name,
    sections,
    notCovered: DATA_ITEMS.filter((i) => !covered.has(i)).map((item) => ({ item, label: DATA_ITEM_INFO[item].label })),
    validUntil,
  };
}

/** Who opened the enterprise's data (the enterprise's own record of the banks' views). */
export async function dataViewsOf(db: Db, user: SessionUser): Promise<Array<{ at: string; institutionName: string; viewer: string; items: string[] }>> {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以查看本企业数据的查看记录');
  const rows = await db
    .selectFrom('finance_data_view as d')
    .innerJoin('finance_institution as i', 'i.id', 'd.institution_id')
    .select(['d.viewed_at', 'd.viewed_by', 'd.items', 'i.name', 'i.branch'])
    .where('d.enterprise_id', '=', user.enterpriseId)
    .orderBy('d.id', 'desc')
    .limit(100)
    .execute();
  const names = await actorNames(
    db,
    rows.map((r) => r.viewed_by),
  );
  return rows.map((r) => ({
    at: new Date(r.viewed_at).toISOString(),
    institutionName: r.branch ? `${r.name}${r.branch}` : r.name,
    viewer: names.get(r.viewed_by) ?? r.viewed_by,
    items: knownItems(r.items).map((i) => DATA_ITEM_INFO[i].label),
  }));
}
