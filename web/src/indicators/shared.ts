import { queryClient, type ApiResponse } from '../api.js';

/** The status labels are the server's (达标、未达标、推进中、无数据): one definition in the indicators' pure core. */
export { STATUS_LABELS } from '../../../src/indicators/core/rollup.js';

export type Status = ApiResponse<'/api/indicators/{code}'>['periods'][number]['status'];
export type RecordTypeInfo = ApiResponse<'/api/indicators/record-types'>[number];

export const STATUS_COLORS: Record<Status, string> = { met: 'green', breached: 'red', pending: 'blue', no_data: 'default' };

export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));

/** After records or definitions change: every indicator answer (dashboard, details, records, flags) is stale. */
export const invalidateIndicators = () =>
  queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/indicators') });
