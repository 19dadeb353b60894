import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/**
 * Inspections, the annual joint plan (年度联合抽查计划; owned by src/inspections, see src/inspections/README-plan.md).
 * JSON columns are text written by the store (`scope`, `shares`, `tasks`, `changes`, `task`).
 */
export interface InspPlanTable {
  id: Generated<number>;
  year: number;
  title: string;
  /** draft: being assembled or changed since the last publication; approved: ready to publish; published. */
  status: 'draft' | 'approved' | 'published';
  /** The latest published version (0: never published). */
  version: ColumnType<number, number | undefined, number>;
  approved_by: string | null;
  approved_at: Date | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A task of the plan's working copy. */
export interface InspPlanTaskTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  title: string;
  lead_unit_id: number;
  joint_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  item_ids: ColumnType<number[], number[] | undefined, number[]>;
  scope: string;
  shares: string;
  window_from: string;
  window_to: string;
  note: string | null;
  proposal_id: number | null;
}

/** A published version: the tasks as published (with names) and what changed from the previous version. */
export interface InspPlanVersionTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  title: string;
  tasks: string;
  changes: string;
  note: string | null;
  approved_by: string;
  published_by: string;
  published_at: DefaultTimestamp;
}

/** A department's proposed task for a year's plan. */
export interface InspPlanProposalTable {
  id: Generated<number>;
  year: number;
  unit_id: number;
  task: string;
  reason: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  decision_note: string | null;
  plan_task_id: number | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  submitted_by: string;
  submitted_at: DefaultTimestamp;
  decided_by: string | null;
  decided_at: Date | null;
}

/** The plan task (of a published version) a draw was made for. */
export interface InspPlanDrawTable {
  draw_id: number;
  plan_id: number;
  version: number;
  task_id: number;
}

export interface InspectionPlanTables {
  insp_plan: InspPlanTable;
  insp_plan_task: InspPlanTaskTable;
  insp_plan_version: InspPlanVersionTable;
  insp_plan_proposal: InspPlanProposalTable;
  insp_plan_draw: InspPlanDrawTable;
}
