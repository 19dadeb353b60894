import type { ReactNode } from 'react';
import { Grid, List, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';

interface Column<T> {
  key?: string | number;
  title?: ReactNode;
  dataIndex?: string | number | readonly (string | number)[];
  render?: (value: unknown, row: T, index: number) => ReactNode;
}

export interface ResponsiveTableProps<T> {
  columns: TableColumnsType<T>;
  dataSource?: readonly T[];
  rowKey?: string | ((row: T) => string);
  pagination?: false | { pageSize?: number };
  size?: 'small' | 'middle' | 'large';
  loading?: boolean;
  emptyText?: ReactNode;
  'data-testid'?: string;
  /** On a phone: the card's heading (e.g. the row's title as a link); the other columns follow as「名称：值」lines. */
  cardTitle?: (row: T, index: number) => ReactNode;
  /** Columns (by key or dataIndex) left out of the card, e.g. the one shown as its heading. */
  cardOmit?: string[];
}

const keyOf = (c: Column<never>) => String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : (c.dataIndex ?? '')));

function cellValue<T>(c: Column<T>, row: T, index: number): ReactNode {
  const path: readonly unknown[] = c.dataIndex === undefined ? [] : Array.isArray(c.dataIndex) ? c.dataIndex : [c.dataIndex];
  let v: unknown = path.length ? row : undefined;
  for (const k of path) v = v == null ? undefined : (v as Record<string, unknown>)[String(k)];
  if (c.render) {
    const r: unknown = c.render(v, row, index);
    // A render may return cell props ({ children, props }); only its content is shown in a card.
    return r && typeof r === 'object' && 'children' in r && 'props' in r && !('$$typeof' in r) ? (r as { children: ReactNode }).children : (r as ReactNode);
  }
  return v as ReactNode;
}

/**
 * A table at 768 px and wider; below that (phones) each row becomes a card of「列名：值」lines, so
 * that no column is squeezed to a character's width and the page never scrolls sideways.
 */
export function ResponsiveTable<T extends object>(p: ResponsiveTableProps<T>) {
  const narrow = !Grid.useBreakpoint().md;
  const rows: T[] = [...(p.dataSource ?? [])];
  if (!narrow)
    return (
      <Table<T>
        data-testid={p['data-testid']}
        columns={p.columns}
        dataSource={rows}
        rowKey={p.rowKey}
        pagination={p.pagination}
        size={p.size}
        loading={p.loading}
        locale={p.emptyText ? { emptyText: p.emptyText } : undefined}
      />
    );
  const columns = (p.columns as readonly unknown[] as Column<T>[]).filter((c) => !(p.cardOmit ?? []).includes(keyOf(c as Column<never>)));
  const keyFor = (row: T, i: number) =>
    typeof p.rowKey === 'function' ? p.rowKey(row) : p.rowKey ? String((row as Record<string, unknown>)[p.rowKey]) : String(i);
  return (
    <List
      data-testid={p['data-testid']}
      dataSource={rows}
      loading={p.loading}
      locale={p.emptyText ? { emptyText: p.emptyText } : undefined}
      pagination={p.pagination ? { pageSize: p.pagination.pageSize, size: 'small' } : undefined}
      rowKey={(row: T) => keyFor(row, rows.indexOf(row))}
      renderItem={(row: T, i: number) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }}>
          {p.cardTitle && <div style={{ fontWeight: 500, marginBottom: 4, overflowWrap: 'anywhere' }}>{p.cardTitle(row, i)}</div>}
          {columns.map((c, k) => {
            const v = cellValue(c, row, i);
            if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
            return (
              <div key={keyOf(c as Column<never>) || k} style={{ overflowWrap: 'anywhere', marginTop: 2 }}>
                <Typography.Text type="secondary">{c.title}：</Typography.Text>
                {v}
              </div>
            );
          })}
        </List.Item>
      )}
    />
  );
}
