import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { $api } from '../api.js';

/** Several firms from the registry, searched on the server by name or credit code (the form value: their ids). */
export function FirmMultiSelect({
  value,
  onChange,
  known = [],
  id,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  known?: { id: number; name: string }[];
  id?: string;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const hits = $api.useQuery('get', '/api/enterprises/', { params: { query: { q: q || undefined, limit: 20 } } });
  const [seen, setSeen] = useState<Map<number, string>>(() => new Map(known.map((k) => [k.id, k.name])));
  const found = (hits.data?.items ?? []).map((f) => ({ id: f.id, name: f.name }));
  const options = new Map(seen);
  for (const f of found) options.set(f.id, f.name);
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      placeholder="输入企业名称或统一社会信用代码搜索"
      value={value}
      onSearch={setTyped}
      loading={hits.isFetching}
      notFoundContent={hits.isFetching ? '查找中…' : '没有找到企业'}
      onChange={(ids) => {
        setSeen(new Map([...seen, ...found.filter((f) => ids.includes(f.id)).map((f) => [f.id, f.name] as const)]));
        onChange?.(ids);
      }}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}
