import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { exportFileName, type ListColumn, writeListXlsx } from '../files/index.js';
import { funnel } from './matching.js';

type NotApplied = Awaited<ReturnType<typeof funnel>>['notApplied'][number];

const COLUMNS: Array<ListColumn<NotApplied>> = [
  { header: '企业', width: 36, value: (r) => r.name },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '可享金额（万元）', width: 16, kind: 'number', value: (r) => r.amount },
  { header: '推送', width: 8, value: (r) => (r.notified ? '已推送' : '未推送') },
  { header: '阅读', width: 8, value: (r) => (r.read ? '已读' : '未读') },
  { header: '规则版本', width: 8, kind: 'number', value: (r) => r.ruleVersion },
];

/** 应享尽享: the firms eligible for one policy item that have not applied, as the funnel page lists them. */
export async function notAppliedXlsx(db: Kysely<Database>, itemId: number) {
  const f = await funnel(db, itemId);
  const buffer = await writeListXlsx({
    sheet: '未申报企业',
    title: `符合条件但未申报的企业：${f.itemName}`,
    filters: [`政策：${f.policyTitle}`, `事项：${f.itemName}`, '符合条件且未登记申报'],
    columns: COLUMNS,
    rows: f.notApplied,
  });
  return { buffer, fileName: exportFileName(`未申报企业-${f.itemName}`) };
}
