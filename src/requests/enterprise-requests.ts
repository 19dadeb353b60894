/**
 * Read API for other capabilities: the requests filed about enterprises in a period (the day filed, category and the
 * department the request went to). The inspections' 风险预警 (measure 33: “同步接入社会咨询投诉……第三方信息”)
 * counts them per object; it never reads request tables itself.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export interface EnterpriseRequest {
  enterpriseId: number;
  filedOn: string;
  category: string;
  unitId: number | null;
}

/** Requests about an enterprise filed in [from, to] (all enterprises, or only `categories` when given). */
export async function requestsAboutEnterprises(
  db: Kysely<Database>,
  p: { from: string; to: string; categories?: readonly string[] },
): Promise<EnterpriseRequest[]> {
  let q = db
    .selectFrom('request_item')
    .select(['enterprise_id', 'filed_on', 'category', 'unit_id'])
    .where('enterprise_id', 'is not', null)
    .where('filed_on', '>=', p.from)
    .where('filed_on', '<=', p.to);
  if (p.categories?.length) q = q.where('category', 'in', p.categories);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ enterpriseId: r.enterprise_id!, filedOn: r.filed_on, category: r.category, unitId: r.unit_id }));
}
