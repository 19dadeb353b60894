import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { POLICY_EDITORS } from '../../../src/policies/core/access.js';
import { $api, client, type ApiBody, type ApiResponse } from '../api.js';
import { UploadButton } from '../shared/upload-button.js';
import { DateInput } from '../shared/date-input.js';
import { EnterpriseSelect } from '../enterprises/enterprise-select.js';
import { ExportButton } from '../shared/list-params.js';
import { hasRole, useSession } from '../auth/session.js';
import { Chart, gridWithLabels, rowLabels } from '../shared/chart.js';
import { problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { invalidatePolicies } from './model.js';
import { MatchPanel } from './match-panel.js';

type Summary = ApiResponse<'/api/policies/funnel'>[number];
type Funnel = ApiResponse<'/api/policies/items/{id}/funnel'>;
type Application = ApiBody<'/api/policies/items/{id}/applications'>;

/** 应享尽享: per item, eligible → notified → read → applied → granted. */
export function FunnelSummaryPage() {
  const funnel = $api.useQuery('get', '/api/policies/funnel');
  return (
    <Card title="应享尽享：政策兑现情况">
      <MatchPanel />
      <QueryState query={funnel}>
        {(data) => (
          <Table<Summary>
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="item_id"
            dataSource={data}
            pagination={{ pageSize: 30 }}
            columns={[
              { title: '政策', render: (_, r) => <Link to={`/policies/${r.policy_id}`}>{r.title}</Link> },
              { title: '事项', render: (_, r) => <Link to={`/policies/funnel/${r.item_id}`}>{r.item_name}</Link> },
              { title: '符合条件', dataIndex: 'eligible', width: 90 },
              { title: '已申报', dataIndex: 'applied', width: 80 },
              { title: '已兑现', dataIndex: 'granted', width: 80 },
              { title: '兑现率', width: 90, render: (_, r) => (r.eligible ? `${Math.round((r.granted / r.eligible) * 100)}%` : '—') },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

export function FunnelPage() {
  const { itemId } = useParams();
  const funnel = $api.useQuery('get', '/api/policies/items/{id}/funnel', { params: { path: { id: Number(itemId) } } });
  return <QueryState query={funnel}>{(data) => <FunnelView data={data} />}</QueryState>;
}

function FunnelView({ data }: { data: Funnel }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [err, setErr] = useState<string | null>(null);
  const record = async (v: Application) => {
    try {
      await client.POST('/api/policies/items/{id}/applications', { params: { path: { id: data.itemId } }, body: v });
      message.success('已登记');
      setErr(null);
      await invalidatePolicies();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`应享尽享：${data.itemName}`} extra={<Link to="/policies/funnel">全部事项</Link>}>
        <Chart
          height={240}
          option={(w) => ({
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: gridWithLabels({ top: 10, right: 40 }),
            xAxis: { type: 'value' },
            yAxis: { type: 'category', inverse: true, data: data.stages.map((s) => s.label), axisLabel: rowLabels(w) },
            series: [{ type: 'bar', data: data.stages.map((s) => s.count), label: { show: true, position: 'right' }, itemStyle: { color: '#c41d26' } }],
          })}
        />
      </Card>
      <Card title={`符合条件但未申报的企业（${data.notApplied.length}）`} extra={<ExportButton href={`/api/policies/items/${data.itemId}/not-applied.xlsx`} />}>
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="enterpriseId"
          dataSource={data.notApplied}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '企业', render: (_, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link> },
            { title: '信用代码', dataIndex: 'creditCode', width: 190 },
            { title: '可享金额（万元）', dataIndex: 'amount', width: 130 },
            {
              title: '推送',
              width: 150,
              render: (_, r) => (
                <>
                  {r.notified ? <Tag color="blue">已推送</Tag> : <Tag>未推送</Tag>}
                  {r.read && <Tag color="green">已读</Tag>}
                </>
              ),
            },
            { title: '规则版本', dataIndex: 'ruleVersion', width: 80 },
          ]}
        />
      </Card>
      <Card title={`已推送企业及阅读情况（${data.reached.length}）`}>
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="enterpriseId"
          dataSource={data.reached}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '企业', render: (_, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link> },
            { title: '阅读', width: 100, render: (_, r) => (r.read ? <Tag color="green">已读</Tag> : <Tag>未读</Tag>) },
          ]}
        />
      </Card>
      {hasRole(user, POLICY_EDITORS) && (
        <Card
          title="登记申报 / 兑现"
          extra={
            <UploadButton<ApiResponse<'/api/policies/applications/import', 'post'>>
              url="/api/policies/applications/import"
              accept=".csv,.xlsx"
              onUploaded={async (r) => {
                message.success(`导入 ${r.rows} 行，变更 ${r.changed} 条`);
                setErr(null);
                await invalidatePolicies();
              }}
              onFailed={(e) =>
                setErr(
                  [
                    errorText(e),
                    ...problemsOf(e)
                      .slice(0, 20)
                      .map((p) => `第${p.row}行 ${p.field ?? ''}：${p.message}`),
                  ].join('\n'),
                )
              }
            >
              <Button icon={<UploadOutlined />} style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left', maxWidth: '100%' }}>
                导入申报/兑现记录（CSV/Excel：统一社会信用代码、事项编号 {data.itemId}、状态、申报日期、兑现日期、兑现金额）
              </Button>
            </UploadButton>
          }
        >
          <Form<Application> layout="inline" onFinish={record}>
            <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]} style={{ minWidth: 280 }}>
              <EnterpriseSelect testId="application-enterprise" />
            </Form.Item>
            <Form.Item name="status" label="状态" initialValue="applied">
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'applied', label: '已申报' },
                  { value: 'granted', label: '已兑现' },
                  { value: 'rejected', label: '未通过' },
                ]}
              />
            </Form.Item>
            <Form.Item name="appliedOn" label="申报日期">
              <DateInput style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="grantedOn" label="兑现日期">
              <DateInput style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="grantedAmount" label="金额（万元）">
              <InputNumber min={0} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              登记
            </Button>
          </Form>
          {err && <Alert type="error" message={<span style={{ whiteSpace: 'pre-wrap' }}>{err}</span>} style={{ marginTop: 12 }} />}
        </Card>
      )}
    </Space>
  );
}
