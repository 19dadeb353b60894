import { Card, Input, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';

type UnitEntry = ApiResponse<'/api/plan/units'>[number];
type Ref = UnitEntry['leads'][number];

const KIND_LABELS: Record<string, string> = {
  department: '区政府部门',
  party: '党委部门',
  vertical: '垂直管理/派驻机构',
  judicial: '司法机关',
  institution: '事业单位',
  enterprise: '企业',
  organization: '人民团体',
  collective: '集合单位',
  unknown: '未收录名录',
};

export function UnitsPage() {
  const units = $api.useQuery('get', '/api/plan/units');
  const [q, setQ] = useState('');
  const refs = (rs: Ref[], color?: string) =>
    rs.map((r) => (
      <Link key={`${r.planId}-${r.number}`} to={`/plan/${r.planId}/measures/${r.number}`}>
        <Tag color={color} title={r.title}>
          {r.number}
        </Tag>
      </Link>
    ));
  return (
    <Card title="单位名录">
      {/* In the card's body, not its header: at phone width the header has room for the title only. */}
      <Input.Search placeholder="单位名称或简称" allowClear onSearch={setQ} style={{ width: 240, maxWidth: '100%', marginBottom: 12 }} />
      <QueryState query={units}>
        {(data) => (
          <ResponsiveTable<UnitEntry>
            size="small"
            rowKey="id"
            cardTitle={(u) => u.name}
            cardOmit={['name']}
            dataSource={data.filter((u) => !q || u.name.includes(q) || u.aliases.some((a) => a.includes(q)))}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: '单位', dataIndex: 'name', width: 220 },
              { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => KIND_LABELS[k] ?? k },
              { title: '简称/别名', dataIndex: 'aliases', width: 180, render: (a: string[]) => a.join('、') },
              { title: '牵头措施', render: (_, u) => refs(u.leads, 'red') },
              { title: '配合措施', render: (_, u) => refs(u.supports) },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
