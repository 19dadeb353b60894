import type { Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/**
 * Inspections, credit part (owned by src/inspections; see src/inspections/README-credit.md). Dates are ISO
 * strings (China dates).
 */
export interface InspCreditClassTable {
  /** Short code shown beside the name (A, B, C, D by default). */
  code: string;
  name: string;
  /** Share of the class's objects a draw takes, in percent (0 < share ≤ 100: no class is exempt, 不免抽). */
  draw_share: number;
  /** A class an enterprise leaves by 信用修复. */
  restrictive: Generated<boolean>;
  /** The class assumed for an enterprise without any record. */
  is_default: Generated<boolean>;
  sort: number;
  note: string | null;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

/** One dated class of one enterprise: an assessment (公共信用综合评价) or a 信用修复. History is never rewritten. */
export interface InspCreditRecordTable {
  id: Generated<number>;
  enterprise_id: number;
  class_code: string;
  effective_on: string;
  kind: 'assessment' | 'repair';
  source: string;
  note: string | null;
  recorded_by: string;
  recorded_at: DefaultTimestamp;
}

/** An entry of the 免罚清单 (行政处罚法 第三十三条). */
export interface InspExemptionTable {
  id: Generated<number>;
  unit_id: number | null;
  item: string;
  kind: string;
  conditions: string;
  violated_basis: string;
  exemption_basis: string;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface InspectionCreditTables {
  insp_credit_class: InspCreditClassTable;
  insp_credit_record: InspCreditRecordTable;
  insp_exemption: InspExemptionTable;
}
