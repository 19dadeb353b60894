import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** What bulk policy matching reads of a firm: its rule facts and the qualification tags valid on a date. */
export interface MatchProfileRow {
  id: number;
  street: string | null;
  industryCode: string | null;
  sizeClass: string | null;
  creditGrade: string | null;
  legalForm: string | null;
  registeredOn: string | null;
  registeredCapital: number | null;
  revenue: number | null;
  employees: number | null;
  assets: number | null;
  rdRatio: number | null;
  /** Tags of the qualifications valid on `asOf` (valid_from ≤ asOf ≤ valid_to, open ends allowed), sorted. */
  quals: string[];
}

/**
 * The next `limit` firms after `afterId` (keyset, by id) with only the columns policy matching reads and
 * their qualifications valid on `asOf` aggregated in the same statement: one round trip per batch.
 */
export async function matchProfilePage(db: Kysely<Database>, afterId: number, limit: number, asOf: string): Promise<MatchProfileRow[]> {
  const r = await sql<MatchProfileRow>`
    select e.id, e.street, e.industry_code as "industryCode", e.size_class as "sizeClass", e.credit_grade as "creditGrade",
      e.legal_form as "legalForm", e.registered_on as "registeredOn", e.registered_capital as "registeredCapital",
      e.revenue, e.employees, e.assets, e.rd_ratio as "rdRatio",
      array(select q.tag from enterprise_qualification q where q.enterprise_id = e.id
        and (q.valid_from is null or q.valid_from <= ${asOf}::date) and (q.valid_to is null or q.valid_to >= ${asOf}::date)
        order by q.tag collate "C") as quals
    from enterprise e where e.id > ${afterId} order by e.id limit ${limit}`.execute(db);
  return r.rows;
}
