import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { exportFileName, type ListColumn, writeListXlsx } from '../files/index.js';
import { ENTERPRISE_SORT_LABELS, ENTERPRISE_SORTS, type EnterpriseSort } from './core/index.js';
import { allListedEnterprises, type EnterpriseListFilter, type EnterpriseListItem } from './enterprise-store.js';

/** At most this many firms in one export (a file people still open in Excel). */
export const EXPORT_MAX_ENTERPRISES = 100_000;

const COLUMNS: Array<ListColumn<EnterpriseListItem>> = [
  { header: '企业名称', width: 36, value: (e) => e.name },
  { header: '统一社会信用代码', width: 22, value: (e) => e.creditCode },
  { header: '街道', width: 14, value: (e) => e.street },
  { header: '行业', width: 30, value: (e) => e.industryLabel },
  { header: '规模', width: 8, value: (e) => e.sizeClass },
  { header: '成立日期', width: 12, kind: 'date', value: (e) => e.registeredOn },
  { header: '数据', width: 8, value: (e) => (e.isDemo ? '演示数据' : '正式') },
];

/** The enterprise list as the staff's page shows it (same filters and sort), every page, as .xlsx. */
export async function exportEnterprisesXlsx(db: Kysely<Database>, f: EnterpriseListFilter) {
  const rows = await allListedEnterprises(db, f, EXPORT_MAX_ENTERPRISES);
  const key = (f.sort ?? '').replace(/^-/, '');
  const sort = (ENTERPRISE_SORTS as readonly string[]).includes(key)
    ? `排序：${ENTERPRISE_SORT_LABELS[key as EnterpriseSort]}${f.sort?.startsWith('-') ? '（降序）' : ''}`
    : '排序：登记顺序';
  const filters = [...(f.q?.trim() ? [`搜索：${f.q.trim()}`] : []), ...(f.street ? [`街道：${f.street}`] : []), ...(f.size ? [`规模：${f.size}`] : []), sort];
  const buffer = await writeListXlsx({ sheet: '企业库', title: '企业库', filters, columns: COLUMNS, rows });
  return { buffer, fileName: exportFileName('企业库') };
}
