import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { $api } from '../api.js';

/** One firm from the registry, searched on the server by name or credit code (the form value: its id). */
export function FirmSelect({ value, onChange, id }: { value?: number; onChange?: (id: number) => void; id?: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const hits = $api.useQuery('get', '/api/enterprises/', { params: { query: { q: q || undefined, limit: 20 } } });
  const [seen, setSeen] = useState<Map<number, string>>(() => new Map());
  const found = (hits.data?.items ?? []).map((f) => ({ id: f.id, name: f.name }));
  const options = new Map(seen);
  for (const f of found) options.set(f.id, f.name);
  return (
    <Select<number>
      id={id}
      showSearch
      filterOption={false}
      placeholder="搜索企业"
      value={value}
      onSearch={setTyped}
      notFoundContent={hits.isFetching ? '查找中…' : '没有找到企业'}
      onChange={(v) => {
        const f = found.find((x) => x.id === v);
        if (f) setSeen(new Map([...seen, [f.id, f.name]]));
        onChange?.(v);
      }}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: 220 }}
    />
  );
}
