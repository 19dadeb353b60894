import { useState } from 'react';
import { Card, Flex, Input, Pagination, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';

type Row = ApiResponse<'/api/inspections/public/results/'>['items'][number];

/** 一公开: published results of the 双随机 checks (no login), with search, department filter and paging. */
export function PublicResultsPage() {
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const list = $api.useQuery('get', '/api/inspections/public/results/', { params: { query: { q: q || undefined, unitId, page, pageSize: 20 } } });
  const fo = $api.useQuery('get', '/api/inspections/public/results/first-offence', {});
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        双随机抽查结果公示
      </Typography.Title>
      <Typography.Text type="secondary">
        抽查检查结果自产生之日起 20 个工作日内向社会公示（《企业信息公示暂行条例》第六条第二款；国发〔2019〕5号）。抽取过程见
        <Link to="/public/inspections">抽查公示与验证</Link>。
      </Typography.Text>
      <QueryState query={list}>
        {(l) => (
          <>
            <Flex gap={8} wrap>
              <Input.Search
                allowClear
                placeholder="企业或对象名称"
                style={{ maxWidth: 280 }}
                data-testid="public-result-search"
                onSearch={(v) => {
                  setQ(v.trim());
                  setPage(1);
                }}
              />
              <Select
                allowClear
                placeholder="检查部门"
                style={{ minWidth: 180 }}
                value={unitId}
                onChange={(v) => {
                  setUnitId(v);
                  setPage(1);
                }}
                options={l.units.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Flex>
            <ResponsiveTable<Row>
              data-testid="public-result-table"
              size="small"
              rowKey={(r) => String(r.id)}
              dataSource={l.items}
              pagination={false}
              emptyText="暂无已公示的抽查结果"
              cardTitle={(r) => r.objectName}
              cardOmit={['object']}
              columns={[
                {
                  key: 'object',
                  title: '检查对象',
                  render: (_, r) => (
                    <>
                      {r.objectName} {r.isDemo && <Tag>演示</Tag>}
                    </>
                  ),
                },
                { key: 'item', title: '抽查事项', dataIndex: 'itemName' },
                { key: 'category', title: '检查结果', dataIndex: 'categoryLabel' },
                { key: 'unit', title: '检查部门', dataIndex: 'unitName' },
                { key: 'inspectors', title: '检查人员（执法证号）', render: (_, r) => r.inspectors.map((i) => `${i.name}（${i.certNo}）`).join('、') || '—' },
                { key: 'produced', title: '检查日期', dataIndex: 'producedOn' },
                { key: 'published', title: '公示日期', dataIndex: 'publishedOn' },
                { key: 'draw', title: '抽查任务', render: (_, r) => <Link to={`/public/inspections/${r.drawId}`}>{r.drawNumber}</Link> },
              ]}
            />
            <Pagination current={l.page} pageSize={l.pageSize} total={l.total} onChange={setPage} showSizeChanger={false} size="small" />
          </>
        )}
      </QueryState>
      <Card size="small" title="各部门首违不罚件数">
        <QueryState query={fo}>
          {(rows) =>
            rows.length ? (
              <Flex gap={8} wrap data-testid="first-offence">
                <Typography.Text type="secondary">已公示结果中援引免罚清单“首违不罚”条目的件数：</Typography.Text>
                {rows.map((r) => (
                  <Tag key={r.unitName}>
                    {r.unitName}：{r.count} 件
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">暂无</Typography.Text>
            )
          }
        </QueryState>
      </Card>
    </Space>
  );
}
