import { useState } from 'react';
import { App, Alert, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { useSession } from '../auth/session.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { ConditionEditor } from '../policies/rule-builder.js';
import { useIndustryOptions } from '../policies/calculator-page.js';
import { cleanTestCases, ProductTestCases } from './product-test-cases.js';
import { OUTCOME_LABELS } from '../../../src/policies/core/test-cases.js';
import { FINANCE_COLLATERALS, FINANCE_PRODUCT_STATUS_LABELS, FINANCE_PRODUCT_TYPES, FINANCE_REPAYMENTS } from '../../../src/finance/core/labels.js';

type Managed = ApiResponse<'/api/finance/manage/products'>[number];
type Body = ApiBody<'/api/finance/manage/products'>;
type TestRun = ApiResponse<'/api/finance/manage/test-run', 'post'>;

/** antd's validateFields rejection (the form already shows each field's message). */
const isFormError = (e: unknown) => typeof e === 'object' && e !== null && 'errorFields' in e;

const STATUS_COLOR = { draft: 'default', published: 'green', withdrawn: 'red' } as const;

const EMPTY: Body = {
  name: '',
  type: '信用贷',
  amountMin: 10,
  amountMax: 300,
  termMin: 6,
  termMax: 12,
  rateMin: 3.5,
  rateMax: 5,
  repayment: ['按月付息到期还本'],
  collateral: [],
  description: '',
  condition: { all: [{ field: 'size', op: 'in', values: ['小型', '微型'] }] },
  testCases: [
    { name: '小型企业', asOf: '2026-01-01', profile: { sizeClass: '小型' }, expected: 'eligible' },
    { name: '大型企业', asOf: '2026-01-01', profile: { sizeClass: '大型' }, expected: 'not_eligible' },
  ],
};

/** A bank's products (区金融办: every institution's): new, edit (a new version), test, publish, withdraw. */
export function BankProductsPage() {
  const { message } = App.useApp();
  const list = $api.useQuery('get', '/api/finance/manage/products');
  const me = $api.useQuery('get', '/api/finance/bank/me', {}, { retry: false });
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const act = async (id: number, what: 'publish' | 'withdraw') => {
    try {
      // The client throws every error answer (web/src/api.ts), e.g. a test case that fails on publishing.
      if (what === 'publish') await client.POST('/api/finance/manage/products/{productId}/publish', { params: { path: { productId: id } } });
      else await client.POST('/api/finance/manage/products/{productId}/withdraw', { params: { path: { productId: id } } });
    } catch (e) {
      return message.error(errorText(e));
    }
    message.success(what === 'publish' ? '已发布' : '已下架');
    await queryClient.invalidateQueries();
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {me.data ? `${me.data.institution} · 金融产品` : '金融产品管理'}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-add">
          新建产品
        </Button>
      </Flex>
      <QueryState query={list}>
        {(l) => (
          <ResponsiveTable<Managed>
            data-testid="product-list"
            size="small"
            rowKey={(r) => String(r.id)}
            dataSource={l}
            pagination={false}
            emptyText="尚无产品"
            cardTitle={(r) => r.name}
            cardOmit={['name']}
            columns={[
              { key: 'name', title: '产品', dataIndex: 'name' },
              { key: 'type', title: '类型', dataIndex: 'type' },
              { key: 'institution', title: '机构', dataIndex: 'institution' },
              {
                key: 'status',
                title: '状态',
                render: (_: unknown, r: Managed) => (
                  <Space>
                    <Tag color={STATUS_COLOR[r.status]}>{FINANCE_PRODUCT_STATUS_LABELS[r.status]}</Tag>
                    {r.hasDraft && <Tag color="orange">第 {r.version} 版待发布</Tag>}
                  </Space>
                ),
              },
              { key: 'from', title: '生效日期', render: (_: unknown, r: Managed) => r.validFrom ?? '—' },
              {
                key: 'act',
                title: '',
                render: (_: unknown, r: Managed) => (
                  <Space wrap>
                    <Button size="small" onClick={() => setEditing(r.id)}>
                      修改
                    </Button>
                    {r.hasDraft && (
                      <Button size="small" type="primary" onClick={() => act(r.id, 'publish')}>
                        发布
                      </Button>
                    )}
                    {r.status === 'published' && (
                      <Button size="small" danger onClick={() => act(r.id, 'withdraw')}>
                        下架
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing !== null && <ProductEditor productId={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ProductEditor({ productId, onClose }: { productId: number | null; onClose: () => void }) {
  const detail = $api.useQuery(
    'get',
    '/api/finance/manage/products/{productId}',
    { params: { path: { productId: productId ?? 0 } } },
    { enabled: productId !== null },
  );
  if (productId !== null)
    return (
      <QueryState query={detail}>
        {(d) => <EditorForm productId={productId} initial={{ ...d.versions[0]!, collateralNote: d.versions[0]!.collateralNote }} onClose={onClose} />}
      </QueryState>
    );
  return <EditorForm productId={null} initial={EMPTY} onClose={onClose} />;
}

function EditorForm({ productId, initial, onClose }: { productId: number | null; initial: Body; onClose: () => void }) {
  const [form] = Form.useForm<Body>();
  const [condition, setCondition] = useState(initial.condition);
  const [run, setRun] = useState<TestRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { user } = useSession();
  const pickInstitution = productId === null && user?.role !== 'bank';
  const institutions = $api.useQuery('get', '/api/finance/institutions', {}, { enabled: pickInstitution });
  const { reference } = useIndustryOptions();
  const test = async () => {
    try {
      const testCases = cleanTestCases((await form.validateFields()).testCases ?? []);
      const { data } = await client.POST('/api/finance/manage/test-run', { body: { condition, testCases } });
      setError(null);
      setRun(data ?? null);
    } catch (e) {
      if (!isFormError(e)) setError(errorText(e));
    }
  };
  const save = async () => {
    try {
      const v = await form.validateFields();
      const body: Body = { ...v, condition, testCases: cleanTestCases(v.testCases ?? []) };
      if (productId === null) await client.POST('/api/finance/manage/products', { body });
      else await client.PUT('/api/finance/manage/products/{productId}', { params: { path: { productId } }, body });
    } catch (e) {
      if (!isFormError(e)) setError(errorText(e));
      return;
    }
    await queryClient.invalidateQueries();
    onClose();
  };
  const { name, type, amountMin, amountMax, termMin, termMax, rateMin, rateMax, repayment, collateral, collateralNote, description, testCases } = initial;
  return (
    <Modal
      open
      width={880}
      title={productId === null ? '新建金融产品' : '修改金融产品（保存为待发布的新版本）'}
      onOk={save}
      onCancel={onClose}
      okText="保存草稿"
      cancelText="取消"
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name, type, amountMin, amountMax, termMin, termMax, rateMin, rateMax, repayment, collateral, collateralNote, description, testCases }}
        data-testid="product-form"
      >
        {pickInstitution && (
          <Form.Item name="institutionId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
            <Select options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.displayName }))} />
          </Form.Item>
        )}
        <Flex wrap gap={12}>
          <Form.Item name="name" label="产品名称" rules={[{ required: true, message: '请填写产品名称' }]} style={{ minWidth: 240, flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="type" label="产品类型" style={{ width: 180 }}>
            <Select options={FINANCE_PRODUCT_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Flex>
        <Flex wrap gap={12}>
          {(
            [
              ['amountMin', '最低额度（万元）'],
              ['amountMax', '最高额度（万元）'],
              ['termMin', '最短期限（月）'],
              ['termMax', '最长期限（月）'],
              ['rateMin', '最低年利率（%）'],
              ['rateMax', '最高年利率（%）'],
            ] as const
          ).map(([k, label]) => (
            <Form.Item key={k} name={k} label={label} rules={[{ required: true, message: `请填写${label}` }]} style={{ width: 130 }}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item name="repayment" label="还款方式">
          <Select mode="multiple" options={FINANCE_REPAYMENTS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="collateral" label="接受的担保方式（不选即信用）">
          <Select mode="multiple" options={FINANCE_COLLATERALS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="description" label="产品说明" rules={[{ required: true, message: '请填写产品说明' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>准入条件</Typography.Text>
        <ConditionEditor value={condition} onChange={setCondition} qualTags={reference?.qualificationTags ?? []} />
        <Card size="small" title="测试用例（发布前须全部通过，且至少一个“符合”、一个“不符合”）" style={{ marginTop: 12 }}>
          <ProductTestCases run={run} />
        </Card>
      </Form>
      <Card size="small" title="试运行" style={{ marginTop: 12 }}>
        <Button onClick={test} data-testid="product-test">
          试运行
        </Button>
        {run && (
          <>
            <Typography.Paragraph style={{ marginTop: 8 }}>条件：{run.conditionText}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="name"
              dataSource={run.results}
              scroll={{ x: true }}
              columns={[
                { title: '用例', dataIndex: 'name' },
                { title: '期望', render: (_: unknown, r) => OUTCOME_LABELS[r.expected] },
                { title: '实际', render: (_: unknown, r) => OUTCOME_LABELS[r.actual] },
                { title: '结果', render: (_: unknown, r) => (r.passed ? <Tag color="green">通过</Tag> : <Tag color="red">未通过</Tag>) },
              ]}
            />
            {run.problems.length > 0 && <Alert type="warning" style={{ marginTop: 8 }} message={run.problems.join('；')} />}
          </>
        )}
      </Card>
    </Modal>
  );
}
