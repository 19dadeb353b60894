import type { ColumnType } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

type Json<T> = ColumnType<T, string, string>;

/** Aggregates behind an indicator's results (migration 2026113062): see src/indicators/incremental.ts. */
export interface IndicatorAggregateTable {
  code: string;
  version: number;
  year: number;
  record_type: string;
  /** The definition (with the plan's number), as-of date and default unit the rows were computed for. */
  fingerprint: string;
  /** pg_current_snapshot() of the statement that aggregated every record (an import not visible in it is not in `rows` unless added). */
  snapshot: string;
  rows: Json<unknown[]>;
  computed_at: DefaultTimestamp;
}

export interface IndicatorAggregateTables {
  indicator_aggregate: IndicatorAggregateTable;
}
