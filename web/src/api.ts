/**
 * The web's API access: typed by the OpenAPI document (`web/src/generated/api.d.ts`, generated from the
 * server's contracts by `npm run gen:api`), server state through TanStack Query.
 *
 * @example
 *   const plan = $api.useQuery('get', '/api/plan/outline', { params: { query: { year } } });
 *   <QueryState query={plan}>{(outline) => …}</QueryState>
 *   await client.POST('/api/ledger/tasks/{taskId}/pause', { params: { path: { taskId } } });
 */
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import { QueryClient } from '@tanstack/react-query';
import type { components, paths } from './generated/api.js';

/** An error answer of the server: its Chinese message, details (e.g. row problems) and request id. */
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public details: unknown,
    public requestId?: string,
  ) {
    super(message);
  }
}

type ErrorBody = components['schemas']['ErrorBody'];

async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  // Any error answer: the server's ErrorBody, or a proxy's page that is no JSON at all (hence null and `?.`).
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as ErrorBody | null;
  return new ApiError(res.status, body?.error?.message ?? `请求失败（${res.status}）`, body?.error?.details, body?.error?.requestId ?? requestId);
}

/** The session's CSRF token, which the server puts in a readable cookie (src/server/csrf.ts). */
export function csrfToken(): string {
  const m = /(?:^|;\s*)bizenv_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every error answer becomes an ApiError (queries show it; mutations catch it); writes carry the CSRF token. */
const throwOnError: Middleware = {
  async onRequest({ request }) {
    if (!SAFE.has(request.method)) request.headers.set('x-csrf-token', csrfToken());
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await toApiError(response);
    return undefined;
  },
};

/** Typed fetch client: `client.GET('/api/…', { params })`, `client.POST(…, { body })`. */
export const client = createFetchClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(throwOnError);

/** Typed TanStack Query hooks: `$api.useQuery('get', path, init)`, `$api.useMutation('post', path)`. */
export const $api = createQueryHooks(client);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; network and 5xx errors are retried once.
      retry: (count, e) => count < 1 && !(e instanceof ApiError && e.status < 500),
      staleTime: 10_000,
      refetchOnWindowFocus: false,
    },
  },
});

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The JSON body of a route's 200 answer, e.g. `ApiResponse<'/api/plan/outline', 'get'>`. */
export type ApiResponse<P extends keyof paths, M extends Method = 'get'> =
  paths[P] extends Record<M, { responses: { 200: { content: { 'application/json': infer R } } } }> ? R : never;
/** The JSON body of a route's 202 answer (a background job started: `{ runId }`). */
export type ApiAccepted<P extends keyof paths, M extends Method = 'post'> =
  paths[P] extends Record<M, { responses: { 202: { content: { 'application/json': infer R } } } }> ? R : never;
/** The JSON body a route takes. */
export type ApiBody<P extends keyof paths, M extends Method = 'post'> =
  paths[P] extends Record<M, { requestBody?: { content: { 'application/json': infer B } } }> ? B : never;

/**
 * Untyped request for what the typed client does not cover (file uploads as FormData, downloads).
 * Give the route's answer type: `api<ApiResponse<'/api/plan/import', 'post'>>(url, { method: 'POST', body: form })`.
 */
export async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body && !(init.body instanceof FormData)) headers.set('content-type', 'application/json');
  if (!SAFE.has((init.method ?? 'GET').toUpperCase())) headers.set('x-csrf-token', csrfToken());
  const res = await fetch(url, { credentials: 'same-origin', ...init, headers });
  if (!res.ok) throw await toApiError(res);
  const ct = res.headers.get('content-type') ?? '';
  // Untyped by nature: the caller names the route's answer type (see above).
  return (ct.includes('application/json') ? await res.json() : await res.text()) as T;
}
