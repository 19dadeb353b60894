import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { $api } from '../api.js';
import { QueryError } from '../shared/query-state.js';

/** A firm as the select shows it before any search (e.g. the one an account is linked to). */
export interface KnownEnterprise {
  id: number;
  name: string;
  creditCode: string;
}

/**
 * Asks for an enterprise by name or 统一社会信用代码, searched on the server (the staff's enterprise list, 20 hits),
 * never by its number. A form control: `value` is the firm's id. `known` labels the current value before a search.
 */
export function EnterpriseSelect({
  value,
  onChange,
  known,
  placeholder = '输入企业名称或统一社会信用代码搜索',
  style,
  id,
  testId,
}: {
  value?: number | null;
  onChange?: (id: number | null, firm: KnownEnterprise | null) => void;
  known?: KnownEnterprise | null;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Ask the server once typing pauses, not at every key.
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const hits = $api.useQuery('get', '/api/enterprises/', { params: { query: { q: q || undefined, limit: 20 } } });
  const firms: KnownEnterprise[] = (hits.data?.items ?? []).map((f) => ({ id: f.id, name: f.name, creditCode: f.creditCode }));
  const [chosen, setChosen] = useState<KnownEnterprise | null>(null);
  const extra = [known, chosen].filter((f): f is KnownEnterprise => !!f && f.id === value && !firms.some((x) => x.id === f.id));
  const all = [...extra.slice(0, 1), ...firms];
  return (
    <>
      <Select<number>
        id={id}
        data-testid={testId}
        showSearch
        allowClear
        filterOption={false}
        placeholder={placeholder}
        style={{ width: '100%', ...style }}
        value={value ?? undefined}
        onSearch={setTyped}
        loading={hits.isFetching}
        notFoundContent={hits.isFetching ? '查找中…' : '没有找到企业'}
        onChange={(v) => {
          const f = all.find((x) => x.id === v) ?? null;
          setChosen(f);
          onChange?.(v ?? null, f);
        }}
        options={all.map((f) => ({
          value: f.id,
          label: (
            <span>
              {f.name}
              <span style={{ color: '#8c8c8c', marginLeft: 8, fontSize: 12 }}>{f.creditCode}</span>
            </span>
          ),
        }))}
      />
      <QueryError query={hits} />
    </>
  );
}
