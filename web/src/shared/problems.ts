import { ApiError } from '../api.js';

/** A row-level problem of a rejected input (import file, form), as the server's error details give it. */
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
