import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

export interface PlanTable {
  id: Generated<number>;
  doc_number: string;
  title: string;
  issuer: string | null;
  issued_on: string | null;
  /** Null when nothing in the document gave the year (issue 13). */
  year: number | null;
  current_revision: number;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanRevisionTable {
  id: Generated<number>;
  plan_id: number;
  revision: number;
  content_hash: string;
  source_name: string;
  source_kind: string;
  parsed: ColumnType<unknown, string, string>;
  imported_by: string | null;
  imported_at: DefaultTimestamp;
}

export interface PlanSectionTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  title: string;
}

export interface PlanSubsectionTable {
  id: Generated<number>;
  plan_id: number;
  section_id: number;
  number: number;
  title: string;
  text: string;
}

export interface MeasureTable {
  id: Generated<number>;
  plan_id: number;
  subsection_id: number;
  number: number;
  title: string;
  text: string;
  related_departments: boolean;
}

export interface MeasureUnitTable {
  measure_id: number;
  unit_id: number;
  role: 'lead' | 'responsible';
  position: number;
}

export interface MeasureTargetTable {
  id: Generated<number>;
  measure_id: number;
  seq: number;
  text: string;
  metric: string;
  op: string;
  value: number;
  unit: string;
}

export interface MeasureDeadlineTable {
  id: Generated<number>;
  measure_id: number;
  seq: number;
  text: string;
  date: string;
}

/** The as-of date the office chose for a plan (no row: the default rule of src/plan/core/as-of.ts). */
export interface PlanAsOfTable {
  plan_id: number;
  as_of: string;
  /** The account (as in the audit log) and the person's name (what pages show). */
  set_by: string;
  set_by_name: string;
  set_at: DefaultTimestamp;
}

export interface PlanTables {
  plan: PlanTable;
  plan_revision: PlanRevisionTable;
  plan_section: PlanSectionTable;
  plan_subsection: PlanSubsectionTable;
  measure: MeasureTable;
  measure_unit: MeasureUnitTable;
  measure_target: MeasureTargetTable;
  measure_deadline: MeasureDeadlineTable;
  plan_as_of: PlanAsOfTable;
}
