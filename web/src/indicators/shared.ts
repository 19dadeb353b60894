import { ApiError, queryClient, type ApiResponse } from '../api.js';

/** The status labels are the server's (达标、未达标、推进中、无数据): one definition in the indicators' pure core. */
export { STATUS_LABELS } from '../../../src/indicators/core/rollup.js';

export type Status = ApiResponse<'/api/indicators/{code}'>['periods'][number]['status'];
export type RecordTypeInfo = ApiResponse<'/api/indicators/record-types'>[number];

export const STATUS_COLORS: Record<Status, string> = { met: 'green', breached: 'red', pending: 'blue', no_data: 'default' };

export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));

/** A row-level problem of a rejected input, as the server's error details give it. */
export interface Problem {
  file?: string;
  row?: number;
  field?: string;
  message: string;
}

/** The problems in an error's details (an InputRejectedError's list), or none. */
export function problemsOf(e: unknown): Problem[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null || !('message' in p) || typeof p.message !== 'string') return [];
    const x: Record<string, unknown> = { ...p };
    return [
      {
        message: p.message,
        file: typeof x.file === 'string' ? x.file : undefined,
        row: typeof x.row === 'number' ? x.row : undefined,
        field: typeof x.field === 'string' ? x.field : undefined,
      },
    ];
  });
}

/** After records or definitions change: every indicator answer (dashboard, details, records, flags) is stale. */
export const invalidateIndicators = () =>
  queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/indicators') });
