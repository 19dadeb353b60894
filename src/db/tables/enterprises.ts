import type { Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

export interface EnterpriseTable {
  id: Generated<number>;
  credit_code: string;
  name: string;
  legal_form: string | null;
  registered_on: string | null;
  /** 万元 */
  registered_capital: number | null;
  street: string | null;
  industry_code: string | null;
  employees: number | null;
  /** 万元 */
  revenue: number | null;
  /** 万元 */
  assets: number | null;
  rd_ratio: number | null;
  credit_grade: string | null;
  size_class: string | null;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EnterpriseQualificationTable {
  id: Generated<number>;
  enterprise_id: number;
  tag: string;
  valid_from: string | null;
  valid_to: string | null;
  certificate_no: string | null;
}

export interface EnterpriseTables {
  enterprise: EnterpriseTable;
  enterprise_qualification: EnterpriseQualificationTable;
}
