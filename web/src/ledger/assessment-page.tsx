import { App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../api.js';
import { useFetch } from '../shared/use-fetch.js';
import { errorText, NeedLogin, useAsOf, usePlan, useRoles } from './common.js';

const ITEMS: Array<[string, string]> = [
  ['tasks_on_time', '任务按时完成'],
  ['reports_on_time', '进展按时报送'],
  ['quality', '报送质量（一次通过）'],
  ['orders_on_time', '督办按时反馈'],
  ['targets_met', '量化目标达成'],
];
interface ItemScore {
  item: string;
  label: string;
  weight: number;
  numerator: number;
  denominator: number;
  applicable: boolean;
  points: number;
  explanation: string;
  details: string[];
}
interface Assessment {
  year: number;
  asOf: string;
  weights: Record<string, number>;
  units: Array<{ unitId: number; unitName: string; score: number; rank: number; items: ItemScore[] }>;
  unassessed: string[];
}

export function AssessmentPage() {
  const { message } = App.useApp();
  const { user, isOffice } = useRoles();
  const { plan } = usePlan();
  const [asOf, , picker] = useAsOf();
  const a = useFetch<Assessment>(user && plan ? `/api/ledger/plans/${plan.id}/assessment${asOf ? `?asOf=${asOf}` : ''}` : null);
  if (!user) return <NeedLogin />;
  const save = async (weights: Record<string, number>) => {
    try {
      await api(`/api/ledger/plans/${plan!.id}/settings`, { method: 'PUT', body: JSON.stringify({ weights }) });
      message.success('权重已保存');
      void a.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年度目标考核{a.data ? `（${a.data.year}年度，截至 ${a.data.asOf}）` : ''}
        </Typography.Title>
        {picker}
        {plan && (
          <Button icon={<DownloadOutlined />} href={`/api/ledger/plans/${plan.id}/assessment.xlsx${asOf ? `?asOf=${asOf}` : ''}`}>
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
      <Table
        size="small"
        rowKey="unitId"
        loading={a.loading}
        dataSource={a.data?.units ?? []}
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
      {a.data && a.data.unassessed.length > 0 && <Typography.Text type="secondary">本年度无应考核事项的单位：{a.data.unassessed.join('、')}</Typography.Text>}
    </Space>
  );
}
