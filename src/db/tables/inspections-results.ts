import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/**
 * Inspections, results part (owned by src/inspections; see src/inspections/README-results.md). Dates are ISO
 * strings (China dates).
 */

/** The login an inspector of the 执法检查人员名录库 uses (a unit_staff account of the inspector's unit). */
export interface InspInspectorAccountTable {
  inspector_id: number;
  account_id: number;
  linked_by: string;
  linked_at: DefaultTimestamp;
}

/** The result of one drawn object for one item (the item's department records it). */
export interface InspResultTable {
  id: Generated<number>;
  draw_id: number;
  object_key: string;
  object_name: string;
  item_id: number;
  unit_id: number;
  category: string;
  outcome: 'normal' | 'problem' | 'not_inspected';
  notes: ColumnType<string, string | undefined, string>;
  rectify_days: number | null;
  rectify_due: string | null;
  transfer_unit_id: number | null;
  transfer_note: string | null;
  exemption_id: number | null;
  produced_on: string;
  recorded_by: string;
  inspector_id: number | null;
  published_on: string | null;
  published_by: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** An evidence file of a result (stored through src/files `storeFile`). */
export interface InspResultFileTable {
  id: Generated<number>;
  result_id: number;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  uploaded_at: DefaultTimestamp;
}

/** A 风险预警 rule the office edits (kind + parameters). */
export interface InspRiskRuleTable {
  id: Generated<number>;
  kind: 'recent_problem' | 'credit_worse' | 'requests';
  months: number | null;
  min_count: number | null;
  days: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  note: string | null;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

/** An object a rule flagged, pushed to a department (线索推送); open until the department responds. */
export interface InspRiskFlagTable {
  id: Generated<number>;
  object_key: string;
  object_name: string;
  /** The department concerned; null: no department found, pushed to the office. */
  unit_id: number | null;
  reasons: ColumnType<string[], string, string>;
  flagged_on: string;
  responded_on: string | null;
  responded_by: string | null;
  response: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface InspectionResultTables {
  insp_inspector_account: InspInspectorAccountTable;
  insp_result: InspResultTable;
  insp_result_file: InspResultFileTable;
  insp_risk_rule: InspRiskRuleTable;
  insp_risk_flag: InspRiskFlagTable;
}
