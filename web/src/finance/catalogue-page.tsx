import { useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Input, InputNumber, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { $api } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { FINANCE_PRODUCT_TYPES, type FinanceProductType } from '../../../src/finance/core/labels.js';

const range = (a: number, b: number, unit: string) => (a === b ? `${a}${unit}` : `${a}–${b}${unit}`);

/** 金融产品目录 (public): products in force, searchable by words, type, institution and amount. */
export function FinanceCataloguePage() {
  const [q, setQ] = useState('');
  const [type, setType] = useState<FinanceProductType | undefined>();
  const [institutionId, setInstitutionId] = useState<number | undefined>();
  const [amount, setAmount] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const list = $api.useQuery('get', '/api/finance/products', {
    params: { query: { q: q || undefined, type, institutionId, amount: amount ?? undefined, page, pageSize: 12 } },
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        渝中融·金融产品
      </Typography.Title>
      <Flex wrap gap={8}>
        <Input.Search
          allowClear
          placeholder="搜索产品、机构或说明，如：信用贷 科技"
          style={{ maxWidth: 360 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="finance-search"
        />
        <Select
          allowClear
          placeholder="产品类型"
          style={{ width: 160 }}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage(1);
          }}
          options={FINANCE_PRODUCT_TYPES.map((t) => ({ value: t, label: t }))}
        />
        <InputNumber min={0} placeholder="需要金额（万元）" style={{ width: 170 }} value={amount} onChange={(v) => setAmount(v)} />
        <QueryState query={list} loading={null}>
          {(l) => (
            <Select
              allowClear
              placeholder="金融机构"
              style={{ width: 220 }}
              value={institutionId}
              onChange={(v) => {
                setInstitutionId(v);
                setPage(1);
              }}
              options={l.institutions.map((i) => ({ value: i.id, label: i.name }))}
            />
          )}
        </QueryState>
      </Flex>
      <QueryState query={list}>
        {(l) =>
          l.items.length === 0 ? (
            <Empty description="没有符合条件的在售产品" />
          ) : (
            <>
              <Row gutter={[12, 12]} data-testid="finance-catalogue">
                {l.items.map((p) => (
                  <Col key={p.id} xs={24} md={12} xl={8}>
                    <Card size="small" title={p.name} extra={<Tag color="blue">{p.type}</Tag>} style={{ height: '100%' }}>
                      <Descriptions size="small" column={1}>
                        <Descriptions.Item label="机构">{p.institution}</Descriptions.Item>
                        <Descriptions.Item label="额度">{range(p.amountMin, p.amountMax, ' 万元')}</Descriptions.Item>
                        <Descriptions.Item label="期限">{range(p.termMin, p.termMax, ' 个月')}</Descriptions.Item>
                        <Descriptions.Item label="年利率">{range(p.rateMin, p.rateMax, '%')}</Descriptions.Item>
                        <Descriptions.Item label="还款方式">{p.repayment.join('、')}</Descriptions.Item>
                        <Descriptions.Item label="担保方式">{p.collateral.length ? p.collateral.join('、') : '信用（无需抵押担保）'}</Descriptions.Item>
                        <Descriptions.Item label="申请条件">{p.conditionText}</Descriptions.Item>
                      </Descriptions>
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
                        {p.description}
                      </Typography.Paragraph>
                    </Card>
                  </Col>
                ))}
              </Row>
              <Pagination current={page} pageSize={12} total={l.total} onChange={setPage} showSizeChanger={false} />
            </>
          )
        }
      </QueryState>
    </Space>
  );
}
