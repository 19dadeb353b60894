/** Thin fetch wrapper: JSON in, JSON out; errors carry the server's Chinese message. */
export class ApiError extends Error {
  constructor(public status: number, message: string, public details: unknown) { super(message); }
}

export async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.body && !(init.body instanceof FormData)) headers['content-type'] = 'application/json';
  const res = await fetch(url, { credentials: 'same-origin', ...init, headers });
  const ct = res.headers.get('content-type') ?? '';
  const body = ct.includes('application/json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (body as { error?: { message?: string; details?: unknown } })?.error;
    throw new ApiError(res.status, e?.message ?? `请求失败（${res.status}）`, e?.details);
  }
  return body as T;
}
