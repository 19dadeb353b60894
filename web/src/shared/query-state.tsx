import type { ReactNode } from 'react';
import { Alert, Button, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api.js';
import { NeedLoginPage, NoAccessPage } from './access.js';

/** The message a person sees for a failed request, with the request id to quote. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.requestId ? `${e.message}（请求编号：${e.requestId}）` : e.message;
  if (e instanceof Error) return e.message === 'Failed to fetch' ? '无法连接服务器，请检查网络后重试' : e.message;
  return String(e);
}

/** An error as an alert, with a retry button when there is something to retry. */
export function ErrorAlert({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={errorText(error)}
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * Loading, error and data states of a query, the same on every page: a spinner while loading, the
 * server's message and request id with a retry button on error, else the children with the data.
 * A 401 answer shows 请先登录 (with 登录), a 403 shows 无权访问 with the server's reason (and 以其他用户登录):
 * no red error and no useless 重试.
 */
export function QueryState<T>({ query, children, loading }: { query: UseQueryResult<T, unknown>; children: (data: T) => ReactNode; loading?: ReactNode }) {
  if (query.isError && query.error instanceof ApiError && query.error.status === 401) return <NeedLoginPage />;
  if (query.isError && query.error instanceof ApiError && query.error.status === 403) return <NoAccessPage reason={query.error.message} />;
  if (query.isError) return <ErrorAlert error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending) return <>{loading ?? <Spin style={{ display: 'block', margin: '48px auto' }} />}</>;
  return <>{children(query.data)}</>;
}

/** The error of a secondary query (select options, hints) as an alert with retry; nothing while it loads or once it has loaded. */
export function QueryError({ query }: { query: UseQueryResult<unknown, unknown> }) {
  return query.isError ? <ErrorAlert error={query.error} retry={() => void query.refetch()} /> : null;
}
