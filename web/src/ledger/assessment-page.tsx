import { App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ASSESSMENT_ITEMS, ITEM_LABELS } from '../../../src/ledger/core/assessment.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { errorText, NeedLogin, planWaiting, usePlan, useRoles } from './common.js';

type Assessment = ApiResponse<'/api/ledger/plans/{planId}/assessment'>;
type Weights = Assessment['weights'];
const ITEMS = ASSESSMENT_ITEMS.map((k) => [k, ITEM_LABELS[k]] as const);

export function AssessmentPage() {
  const { message } = App.useApp();
  const { user, isOffice } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const a = $api.useQuery('get', '/api/ledger/plans/{planId}/assessment', { params: { path: { planId: plan?.id ?? 0 } } }, { enabled: !!user && !!plan });
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  const save = async (weights: Weights) => {
    if (!plan) return;
    try {
      await client.PUT('/api/ledger/plans/{planId}/settings', { params: { path: { planId: plan.id } }, body: { weights } });
      message.success('权重已保存');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/plans/{planId}/assessment'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年度目标考核{a.data ? `（${a.data.year}年度）` : ''}
        </Typography.Title>
        {plan && <AsOfTag planId={plan.id} shown={a.data?.asOf} />}
        {plan && (
          <Button icon={<DownloadOutlined />} href={`/api/ledger/plans/${plan.id}/assessment.xlsx`}>
            导出 Excel
          </Button>
        )}
      </Space>
      {a.data && (
        <Card size="small" title="考核权重（合计 100；无应考核事项的项目不计分，其权重按比例计入其他项）">
          <Form layout="inline" initialValues={a.data.weights} onFinish={save} key={JSON.stringify(a.data.weights)} disabled={!isOffice}>
            {ITEMS.map(([k, l]) => (
              <Form.Item key={k} name={k} label={l}>
                <InputNumber min={0} max={100} style={{ width: 80 }} />
              </Form.Item>
            ))}
            {isOffice && (
              <Button type="primary" htmlType="submit">
                保存
              </Button>
            )}
          </Form>
        </Card>
      )}
      <QueryState query={a}>
        {(data) => (
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="unitId"
            dataSource={data.units}
            pagination={false}
            expandable={{
              expandedRowRender: (u) => (
                <Space direction="vertical">
                  {u.items.map((i) => (
                    <div key={i.item}>
                      <b>{i.explanation}</b>
                      {i.details.length > 0 && (
                        <ul style={{ margin: 0 }}>
                          {i.details.map((d, k) => (
                            <li key={k}>{d}</li>
                          ))}
                        </ul>
                      )}
                    </div>
                  ))}
                </Space>
              ),
            }}
            columns={[
              { title: '排名', dataIndex: 'rank', width: 60 },
              { title: '单位', dataIndex: 'unitName' },
              { title: '得分', dataIndex: 'score', width: 80 },
              ...ITEMS.map(([k, l]) => ({
                title: l,
                render: (_: unknown, u: Assessment['units'][number]) => {
                  const i = u.items.find((x) => x.item === k)!;
                  return i.applicable ? `${i.numerator}/${i.denominator}（${i.points}）` : '—';
                },
              })),
            ]}
          />
        )}
      </QueryState>
      {a.data && a.data.collective.length > 0 && (
        <Card size="small" title="集体承担事项（不排名）" data-testid="assessment-collective">
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            “各街道”“各产业部门”等是一组单位的统称，不是可以考核的单个单位：其承担的事项照常计分、单独列出，不参加排名；同一任务的其他单位照常考核。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="unitId"
            dataSource={a.data.collective}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '名称', dataIndex: 'unitName' },
              { title: '得分', dataIndex: 'score', width: 80 },
              ...ITEMS.map(([k, l]) => ({
                title: l,
                render: (_: unknown, u: Assessment['collective'][number]) => {
                  const i = u.items.find((x) => x.item === k)!;
                  return i.applicable ? `${i.numerator}/${i.denominator}（${i.points}）` : '—';
                },
              })),
            ]}
          />
        </Card>
      )}
      {a.data && a.data.unassessed.length > 0 && <Typography.Text type="secondary">本年度无应考核事项的单位：{a.data.unassessed.join('、')}</Typography.Text>}
    </Space>
  );
}
