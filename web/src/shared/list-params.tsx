import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { SortOrder, SorterResult } from 'antd/es/table/interface';
import { useSearchParams } from 'react-router-dom';

/**
 * A list page's filters, sort and page in the URL query (`?status=lagging&sort=-code&page=2`), so that a
 * page can be shared or bookmarked as it is shown, and its Excel export takes the same query.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) || undefined;
  const num = (key: string) => {
    const v = Number(params.get(key));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  /** Sets (or, with null/'', removes) keys; any change but the page's own goes back to page 1. */
  const set = (changes: Record<string, string | number | null | undefined>) => {
    // The current address, not this render's `params`: antd's table keeps an older onChange in its memoised
    // header, and a query read from that render would drop a filter set since (a search lost by a sort).
    const p = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes))
      if (v === null || v === undefined || v === '') p.delete(k);
      else p.set(k, String(v));
    if (!('page' in changes)) p.delete('page');
    setParams(p, { replace: true });
  };
  /** antd's sortOrder of a column from `sort` (`key` ascending, `-key` descending). */
  const sortOrder = (key: string): SortOrder => {
    const s = params.get('sort');
    return s === key ? 'ascend' : s === `-${key}` ? 'descend' : null;
  };
  /** Table onChange: the page and the clicked column's sort into the URL. */
  const onTableChange = <T,>(pagination: { current?: number }, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null;
    if (sort !== (params.get('sort') ?? null)) set({ sort });
    else set({ page: pagination.current && pagination.current > 1 ? pagination.current : null });
  };
  return { params, get, num, set, sortOrder, onTableChange, page: num('page') ?? 1 };
}

/** `path?query` with the defined values of `query`. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** "导出 Excel" of a list: a link to the list's export route with the list's query (all pages). */
export function ExportButton({ href, label = '导出 Excel' }: { href: string; label?: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={href} className="no-print" data-testid="export-xlsx">
      {label}
    </Button>
  );
}
