import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

type Json<T> = ColumnType<T, string, string>;

export interface PolicyTable {
  id: Generated<number>;
  title: string;
  doc_number: string | null;
  issuer: string;
  published_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  body: Generated<string>;
  interpretation: Generated<string>;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  attachments: ColumnType<Array<{ name: string; url: string }>, string | undefined, string>;
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  is_demo: Generated<boolean>;
  search: ColumnType<string | null, never, never>;
  /** A pending revision of a published policy: the edited policy as entered (PolicyInput). */
  pending: ColumnType<unknown, string | null | undefined, string | null>;
  pending_by: string | null;
  pending_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PolicyItemTable {
  id: Generated<number>;
  policy_id: number;
  seq: number;
  name: string;
  kind: string;
  amount_text: string | null;
  description: Generated<string>;
  test_cases: ColumnType<unknown[], string | undefined, string>;
}

export interface PolicyRuleVersionTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  condition: Json<unknown>;
  amount: ColumnType<unknown, string | null, string | null>;
  effective_from: string;
  effective_to: string | null;
  status: Generated<'draft' | 'published'>;
  test_results: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string;
  created_at: DefaultTimestamp;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PolicyMatchTable {
  enterprise_id: number;
  rule_version_id: number;
  item_id: number;
  outcome: string;
  amount: number | null;
  as_of: string;
  evaluated_at: DefaultTimestamp;
}

export interface PolicyApplicationTable {
  id: Generated<number>;
  enterprise_id: number;
  item_id: number;
  status: 'applied' | 'granted' | 'rejected';
  applied_on: string | null;
  granted_on: string | null;
  granted_amount: number | null;
  recorded_by: string;
  updated_at: DefaultTimestamp;
}

export interface PolicyTables {
  policy: PolicyTable;
  policy_item: PolicyItemTable;
  policy_rule_version: PolicyRuleVersionTable;
  policy_match: PolicyMatchTable;
  policy_application: PolicyApplicationTable;
}
