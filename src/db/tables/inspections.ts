import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/** An inspected object other than the registry's enterprises (专利代理机构 …): see src/inspections/README.md. */
export interface InspectionObjectTable {
  id: Generated<number>;
  kind: string;
  name: string;
  code: string | null;
  street: string | null;
  address: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** An inspector of the 执法检查人员名录库. */
export interface InspectionInspectorTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  cert_no: string;
  fields: ColumnType<string[], string[] | undefined, string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A relation an inspector declared to an object (回避). `object_key`: E<enterprise id> or O<object id>. */
export interface InspectionRelationTable {
  id: Generated<number>;
  inspector_id: number;
  object_key: string;
  relation: string;
  declared_on: string;
}

/** An item of a department's 抽查事项清单. */
export interface InspectionItemTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  legal_basis: string;
  object_scope: string;
  method: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A draw: its commitment, committed snapshots (canonical JSON text), seed inputs and result. */
export interface InspectionDrawTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  title: string;
  lead_unit_id: number;
  joint_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  item_ids: ColumnType<number[], number[] | undefined, number[]>;
  status: string;
  params: string;
  seed_source: string;
  objects_snapshot: string;
  inspectors_snapshot: string;
  objects_hash: string;
  inspectors_hash: string;
  commitment: string;
  object_count: number;
  inspector_count: number;
  lottery_date: string;
  committed_by: string;
  committed_at: DefaultTimestamp;
  witness_numbers: string[] | null;
  witnesses_at: Date | null;
  lottery_result: string | null;
  lottery_at: Date | null;
  seed: string | null;
  result: string | null;
  result_hash: string | null;
  picked: number | null;
  run_by: string | null;
  run_at: Date | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  /** Internal: which credit class each neutral stratum label stands for, JSON `[{stratum, code, name}]`; null before labels. */
  stratum_names: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One inspector of the team sent to one drawn object. */
export interface InspectionAssignmentTable {
  id: Generated<number>;
  draw_id: number;
  position: number;
  object_key: string;
  object_name: string;
  stratum: string;
  inspector_id: number;
  unit_id: number;
}

export interface InspectionTables {
  inspection_object: InspectionObjectTable;
  inspection_inspector: InspectionInspectorTable;
  inspection_relation: InspectionRelationTable;
  inspection_item: InspectionItemTable;
  inspection_draw: InspectionDrawTable;
  inspection_assignment: InspectionAssignmentTable;
}
