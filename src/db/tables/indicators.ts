import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

type Json<T> = ColumnType<T, string, string>;
/** numeric columns come back as numbers (see src/db/connect.ts). */
type Num = ColumnType<number | null, number | null | undefined, number | null>;
type D = ColumnType<string | null, string | null | undefined, string | null>;
type B = ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
type T = ColumnType<string | null, string | null | undefined, string | null>;

export interface CaseRecordTable {
  id: Generated<number>;
  type: string;
  external_id: string;
  unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  name: T;
  category: T;
  supplier_size: T;
  route: T;
  credit_code: T;
  applied_on: D;
  accepted_on: D;
  completed_on: D;
  filing_started_on: D;
  filing_done_on: D;
  award_on: D;
  contract_on: D;
  performed_on: D;
  acceptance_on: D;
  invoice_on: D;
  paid_on: D;
  budget: Num;
  contract_amount: Num;
  prepayment_amount: Num;
  reserved_amount: Num;
  reserved_small_amount: Num;
  public_tender: B;
  sme_suitable: B;
  licensing: B;
  on_application: B;
  fully_online: B;
  done: B;
  national_later: B;
  is_demo: Generated<boolean>;
  source: Generated<string>;
  updated_by: Generated<string>;
  updated_at: DefaultTimestamp;
}

export interface IndicatorDefinitionTable {
  code: string;
  version: number;
  definition: Json<unknown>;
  reason: Generated<string>;
  created_by: string;
  created_at: DefaultTimestamp;
}

export interface IndicatorResultTable {
  id: Generated<number>;
  code: string;
  version: number;
  year: number;
  period_kind: string;
  period: string;
  unit_id: number | null;
  scope: string;
  counted: number;
  compliant: number;
  excluded: number;
  excluded_reasons: Json<Record<string, number>>;
  value: number | null;
  average: number | null;
  worst: number | null;
  numerator: number;
  denominator: number;
  status: string;
  as_of: string;
  computed_at: DefaultTimestamp;
}

export interface IndicatorStaleTable {
  record_type: string;
  year: number;
  marked_at: DefaultTimestamp;
}

export interface IndicatorTables {
  indicator_stale: IndicatorStaleTable;
  case_record: CaseRecordTable;
  indicator_definition: IndicatorDefinitionTable;
  indicator_result: IndicatorResultTable;
}
