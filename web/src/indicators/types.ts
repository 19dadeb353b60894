export interface Result {
  periodKind: string;
  period: string;
  unitId: number | null;
  unitName: string | null;
  counted: number;
  compliant: number;
  excluded: number;
  excludedReasons: Record<string, number>;
  value: number | null;
  average: number | null;
  worst: number | null;
  numerator: number;
  denominator: number;
  status: string;
  statusLabel: string;
  version: number;
  asOf: string;
}
export interface IndicatorSummary {
  code: string;
  name: string;
  version: number;
  kind: string;
  recordType: string;
  recordTypeLabel: string;
  measure: number;
  targetSeq: number;
  metric: string;
  target: string;
  valueLabel: string;
  note: string | null;
  planTarget: { planId: number; measureTitle: string; text: string; metric: string; matches: boolean } | null;
  current: Result | null;
  trend?: Array<{ period: string; value: number | null; counted: number; status: string }>;
}
export interface Dashboard {
  year: number;
  years: number[];
  asOf: string;
  unitId: number | null;
  indicators: IndicatorSummary[];
  myUnits: Array<{ id: number; name: string }>;
  units: Array<{ id: number; name: string }>;
}
export interface LedgerFlag {
  measure: number;
  codes: string[];
  offTrack: boolean;
  tasks: Array<{ id: number; title: string }>;
}
export interface CaseRow {
  id: number;
  externalId: string;
  unitId: number | null;
  unitName: string | null;
  start: string | null;
  end: string | null;
  duration: number | null;
  open: boolean;
  deadline: string | null;
  reason: string | null;
  numerator: number | null;
  denominator: number | null;
  periodDate: string | null;
}
export interface Detail extends IndicatorSummary {
  year: number;
  asOf: string;
  period: { kind: string; period: string; from: string; to: string };
  versions: Array<{ version: number; reason: string; createdBy: string; createdAt: string; target: string }>;
  explanation: {
    version: number;
    counted: number;
    compliant: number;
    excluded: number;
    excludedReasons: Record<string, number>;
    asOf: string;
    computedAt: string;
  } | null;
  periods: Result[];
  units: Result[];
  breaching: { total: number; items: CaseRow[] };
  excluded: { total: number; items: CaseRow[] };
  definition: Record<string, unknown>;
}
export interface RecordTypeInfo {
  type: string;
  label: string;
  idLabel: string;
  header: string[];
  fields: Array<{ key: string; label: string; kind: string; required: boolean; values?: string[] }>;
}

export const STATUS_COLORS: Record<string, string> = { met: 'green', breached: 'red', pending: 'blue', no_data: 'default' };
export const STATUS_TEXT: Record<string, string> = { met: '达标', breached: '未达标', pending: '推进中', no_data: '无数据' };
export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));
