import { Alert, App, Button, Card, Checkbox, Flex, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { $api, client } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { refreshApplications } from './application-common.js';

/**
 * 申请融资 (enterprise): the need's matched products (eligible and cannot-tell, with the reasons of the match), the
 * products to apply to, and the explicit, time-limited consent to share the chosen data with each product's bank.
 */
export function ApplyPage() {
  const needId = Number(useParams().needId);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const matches = $api.useQuery('get', '/api/finance/needs/{needId}/matches', { params: { path: { needId } } });
  const meta = $api.useQuery('get', '/api/finance/applications/meta', {});
  const [products, setProducts] = useState<number[]>([]);
  const [items, setItems] = useState<string[]>(['profile', 'size']);
  const [days, setDays] = useState<number>(90);
  const [agreed, setAgreed] = useState(false);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        申请融资
      </Typography.Title>
      <QueryState query={matches}>
        {(m) => (
          <Card size="small" title="选择要申请的产品（可多选）">
            {m.matches.length === 0 ? (
              <Typography.Text type="secondary">暂无匹配的在售产品，区金融办将人工跟进。</Typography.Text>
            ) : (
              <Checkbox.Group value={products} onChange={(v) => setProducts(v)} style={{ width: '100%' }} data-testid="apply-products">
                <Space direction="vertical" style={{ width: '100%' }}>
                  {m.matches.map((x) => (
                    <Checkbox key={x.productId} value={x.productId}>
                      <Flex wrap gap={6} align="center">
                        <Tag color={x.outcome === 'eligible' ? 'green' : 'gold'}>{x.outcome === 'eligible' ? '符合条件' : '无法判断'}</Tag>
                        <Typography.Text strong>{x.name}</Typography.Text>
                        <Typography.Text type="secondary">
                          {x.institution} · {x.type} · 年利率 {x.rateMin}–{x.rateMax}% · 匹配度 {x.fit.score}
                        </Typography.Text>
                      </Flex>
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            )}
          </Card>
        )}
      </QueryState>
      <QueryState query={meta}>
        {(mt) => (
          <Card size="small" title="数据授权">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>授权所申请产品的金融机构在期限内查看以下企业数据（可随时在“数据授权”中撤回）：</Typography.Text>
              <Checkbox.Group value={items} onChange={(v) => setItems(v)} data-testid="consent-items">
                <Space direction="vertical">
                  {mt.dataItems.map((d) => (
                    <Checkbox key={d.value} value={d.value}>
                      {d.label}（{d.detail}）
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
              {mt.dataItemsNotHeld.map((d) => (
                <Typography.Text key={d.label} type="secondary">
                  {d.label}：{d.reason}，不在授权范围内。
                </Typography.Text>
              ))}
              <Space wrap>
                <span>授权期限</span>
                <InputNumber min={1} max={365} value={days} onChange={(v) => setDays(v ?? 90)} addonAfter="天" data-testid="consent-days" />
              </Space>
              <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="consent-agree">
                我已阅读并同意在上述范围和期限内向所选金融机构提供企业数据
              </Checkbox>
              <Button
                type="primary"
                disabled={!agreed || !products.length || !items.length}
                data-testid="apply-submit"
                style={{ alignSelf: 'flex-start' }}
                onClick={async () => {
                  try {
                    const chosen = mt.dataItems.filter((d) => items.includes(d.value)).map((d) => d.value);
                    await client.POST('/api/finance/applications', { body: { needId, productIds: products, consent: { items: chosen, days } } });
                    message.success('已提交融资申请');
                    await refreshApplications();
                    navigate('/finance/applications');
                  } catch (e) {
                    message.error(errorText(e));
                  }
                }}
              >
                提交申请
              </Button>
              {!agreed && <Alert type="info" showIcon message="提交前须明确同意数据授权" />}
            </Space>
          </Card>
        )}
      </QueryState>
    </Space>
  );
}
