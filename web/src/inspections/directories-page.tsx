import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { $api, type ApiBody, type ApiResponse, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { UploadButton } from '../shared/upload-button.js';
import { INSPECTION_METHODS, OBJECT_KINDS, parseFields } from '../../../src/inspections/core/index.js';
import { InspectorAccountButton } from './inspector-account.js';

type ObjectRow = ApiResponse<'/api/inspections/objects'>['items'][number];
type InspectorRow = ApiResponse<'/api/inspections/inspectors'>['items'][number];
type ItemRow = ApiResponse<'/api/inspections/items'>[number];
const OFFICE = ['office', 'admin'];

/** The unit directory as select options (names, never ids). */
export function useUnitOptions() {
  const units = $api.useQuery('get', '/api/plan/units', {});
  return (units.data ?? []).filter((u) => u.kind !== 'unknown').map((u) => ({ value: u.id, label: u.name }));
}

function ProblemsAlert({ problems, title }: { problems: Problem[]; title: string }) {
  return (
    <Alert
      type="error"
      showIcon
      message={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {problems.slice(0, 50).map((p, i) => (
            <li key={i}>
              {p.row ? `第${p.row}行 ` : ''}
              {p.field ? `${p.field}：` : ''}
              {p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

// ---- 检查对象名录库 ----

function ObjectsTab() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [source, setSource] = useState<'enterprise' | 'other'>('enterprise');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ApiBody<'/api/inspections/objects'>>();
  const list = $api.useQuery(
    'get',
    '/api/inspections/objects',
    { params: { query: { source, q: q || undefined, page, pageSize: 20 } } },
    { placeholderData: keepPreviousData },
  );
  const save = async () => {
    const v = await form.validateFields();
    try {
      await client.POST('/api/inspections/objects', { body: v });
      message.success('已添加检查对象');
      setAdding(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/objects'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        企业来自企业库（随企业库实时更新）；专利代理机构等其他检查对象由营商办添加。
      </Typography.Paragraph>
      <Space wrap>
        <Segmented
          value={source}
          onChange={(v) => {
            setSource(v as 'enterprise' | 'other');
            setPage(1);
          }}
          options={[
            { value: 'enterprise', label: '企业' },
            { value: 'other', label: '其他检查对象' },
          ]}
        />
        <Input.Search
          allowClear
          placeholder="名称或代码"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220, maxWidth: '100%' }}
        />
        {hasRole(user, OFFICE) && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加其他检查对象
          </Button>
        )}
      </Space>
      <QueryState query={list}>
        {(data) => (
          <>
            <ResponsiveTable<ObjectRow>
              size="small"
              rowKey="key"
              data-testid="object-table"
              dataSource={data.items}
              pagination={false}
              cardTitle={(r) => r.name}
              cardOmit={['name']}
              columns={[
                { title: '名称', dataIndex: 'name', render: (_, r) => (r.isDemo ? `${r.name}（演示）` : r.name) },
                { title: '类型', dataIndex: 'kind' },
                { title: '代码', dataIndex: 'code', render: (_, r) => r.code ?? '—' },
                { title: '街道', dataIndex: 'street', render: (_, r) => r.street ?? '—' },
                { title: '行业与规模 / 地址', dataIndex: 'detail', render: (_, r) => r.detail ?? '—' },
                { title: '信用风险分类', dataIndex: 'creditClass', render: (_, r) => r.creditClass ?? '—' },
                { title: '特殊标识', key: 'flags', render: (_, r) => (r.flags.length ? r.flags.map((f) => <Tag key={f}>{f}</Tag>) : '—') },
                { title: '状态', key: 'active', render: (_, r) => (r.active ? '在册' : <Tag>停用</Tag>) },
              ]}
            />
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>共 {data.total} 个</span>
              <Space>
                <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  上一页
                </Button>
                <Button size="small" disabled={page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>
                  下一页
                </Button>
              </Space>
            </Space>
          </>
        )}
      </QueryState>
      <Modal open={adding} title="添加其他检查对象" okText="保存" onOk={save} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: '专利代理机构' }}>
          <Form.Item name="kind" label="对象类型" rules={[{ required: true }]}>
            <Select options={OBJECT_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="code" label="统一社会信用代码（或其他代码）">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="street" label="所在街道">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="address" label="地址">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

// ---- 执法检查人员名录库 ----

/** Picks an inspected object by typing part of its name (enterprises and other objects). */
function ObjectPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const ents = $api.useQuery('get', '/api/inspections/objects', { params: { query: { source: 'enterprise', q, pageSize: 10 } } }, { enabled: q.length > 0 });
  const others = $api.useQuery('get', '/api/inspections/objects', { params: { query: { source: 'other', q, pageSize: 10 } } }, { enabled: q.length > 0 });
  const options = [...(ents.data?.items ?? []), ...(others.data?.items ?? [])].map((o) => ({ value: o.key, label: `${o.name}（${o.kind}）` }));
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={(v) => setQ(v.trim())}
      placeholder="输入名称查找对象"
      options={options}
      notFoundContent={q ? '没有找到' : '请输入名称'}
      style={{ width: '100%' }}
    />
  );
}

type InspectorForm = Omit<ApiBody<'/api/inspections/inspectors'>, 'fields'> & { fieldsText: string };

function InspectorModal({ editing, onClose }: { editing: InspectorRow | 'new' | null; onClose: () => void }) {
  const { message } = App.useApp();
  const units = useUnitOptions();
  const { user } = useSession();
  const [form] = Form.useForm<InspectorForm>();
  const [error, setError] = useState<unknown>(null);
  const row = editing !== 'new' ? editing : null;
  const unitChoices = user?.role === 'unit_staff' ? units.filter((u) => user.unitIds.includes(u.value)) : units;
  const save = async () => {
    const { fieldsText, ...v } = await form.validateFields();
    const body = { ...v, fields: parseFields(fieldsText ?? ''), relations: v.relations ?? [] };
    try {
      if (row) await client.PUT('/api/inspections/inspectors/{inspectorId}', { params: { path: { inspectorId: row.id } }, body });
      else await client.POST('/api/inspections/inspectors', { body });
      message.success('已保存');
      setError(null);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/inspectors'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open={editing !== null} title={row ? `修改检查人员：${row.name}` : '登记检查人员'} okText="保存" onOk={save} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          row
            ? { ...row, fieldsText: row.fields.join('、'), relations: row.relations.map((r) => ({ objectKey: r.objectKey, relation: r.relation })) }
            : { active: true, relations: [], unitId: unitChoices.length === 1 ? unitChoices[0]!.value : undefined }
        }
      >
        <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select showSearch optionFilterProp="label" options={unitChoices} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="certNo" label="执法证号" rules={[{ required: true, message: '请填写执法证号' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="fieldsText" label="业务专长（用顿号分隔）">
          <Input maxLength={200} placeholder="食品安全、特种设备" />
        </Form.Item>
        <Form.Item name="active" label="在岗" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Typography.Text strong>申报的回避关系（不公开，仅用于抽取时回避）</Typography.Text>
        <Form.List name="relations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'objectKey']} rules={[{ required: true, message: '请选择对象' }]} style={{ width: 220 }}>
                    <ObjectPicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'relation']} rules={[{ required: true, message: '请说明关系' }]}>
                    <Input maxLength={100} placeholder="关系，如 亲属任职" />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ objectKey: undefined, relation: '' })} icon={<PlusOutlined />}>
                添加回避关系
              </Button>
            </>
          )}
        </Form.List>
        {error ? (
          <div style={{ marginTop: 12 }}>
            {problemsOf(error).length ? <ProblemsAlert title={errorText(error)} problems={problemsOf(error)} /> : <ErrorAlert error={error} />}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}

function InspectorsTab() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<InspectorRow | 'new' | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const list = $api.useQuery(
    'get',
    '/api/inspections/inspectors',
    { params: { query: { q: q || undefined, page, pageSize: 20 } } },
    { placeholderData: keepPreviousData },
  );
  const keeps = hasRole(user, ['office', 'admin', 'unit_staff']);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        按单位、执法证号和业务专长登记（国发〔2019〕5号“按照执法资质、业务专长进行分类标注”）；单位工作人员维护本单位人员。公开信息仅限姓名和执法证号。
      </Typography.Paragraph>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="姓名或执法证号"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220, maxWidth: '100%' }}
        />
        {keeps && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记检查人员
          </Button>
        )}
        {hasRole(user, OFFICE) && (
          <UploadButton<ApiResponse<'/api/inspections/inspectors/import', 'post'>>
            url="/api/inspections/inspectors/import"
            accept=".csv,.xlsx"
            onUploaded={async (r) => {
              message.success(`导入完成：新增 ${r.created}，更新 ${r.updated}`);
              setProblems(null);
              await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/inspectors'] });
            }}
            onFailed={(e) => {
              message.error(errorText(e));
              setProblems(problemsOf(e));
            }}
          >
            <Button icon={<UploadOutlined />}>导入 CSV/Excel</Button>
          </UploadButton>
        )}
      </Space>
      {hasRole(user, OFFICE) && (
        <Typography.Text type="secondary">导入列：所属单位、姓名、执法证号、业务专长（顿号分隔）、是否在岗；整表校验，有错则全部不导入。</Typography.Text>
      )}
      {problems && <ProblemsAlert title="文件有错误，未导入任何数据" problems={problems} />}
      <QueryState query={list}>
        {(data) => (
          <>
            <ResponsiveTable<InspectorRow>
              size="small"
              rowKey={(r) => String(r.id)}
              data-testid="inspector-table"
              dataSource={data.items}
              pagination={false}
              cardTitle={(r) => `${r.name}（${r.unitName}）`}
              cardOmit={['name', 'unitName']}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '所属单位', dataIndex: 'unitName' },
                { title: '执法证号', dataIndex: 'certNo' },
                { title: '业务专长', key: 'fields', render: (_, r) => r.fields.join('、') || '—' },
                { title: '在岗', key: 'active', render: (_, r) => (r.active ? '是' : <Tag>否</Tag>) },
                { title: '回避对象', key: 'relations', render: (_, r) => r.relations.map((x) => x.objectName).join('、') || '—' },
                {
                  title: '操作',
                  key: 'edit',
                  render: (_, r) =>
                    keeps && (user?.role !== 'unit_staff' || user.unitIds.includes(r.unitId)) ? (
                      <Space size={0} wrap>
                        <Button type="link" size="small" onClick={() => setEditing(r)}>
                          修改
                        </Button>
                        <InspectorAccountButton inspectorId={r.id} name={r.name} />
                      </Space>
                    ) : null,
                },
              ]}
            />
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>共 {data.total} 人</span>
              <Space>
                <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  上一页
                </Button>
                <Button size="small" disabled={page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>
                  下一页
                </Button>
              </Space>
            </Space>
          </>
        )}
      </QueryState>
      <InspectorModal editing={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}

// ---- 抽查事项清单 ----

function ItemsTab() {
  const { user } = useSession();
  const { message } = App.useApp();
  const units = useUnitOptions();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ApiBody<'/api/inspections/items'>>();
  const items = $api.useQuery('get', '/api/inspections/items', {});
  const unitChoices = user?.role === 'unit_staff' ? units.filter((u) => user.unitIds.includes(u.value)) : units;
  const save = async () => {
    const v = await form.validateFields();
    try {
      await client.POST('/api/inspections/items', { body: { ...v, active: true } });
      message.success('已添加抽查事项');
      setAdding(false);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/items'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {hasRole(user, ['office', 'admin', 'unit_staff']) && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          添加抽查事项
        </Button>
      )}
      <QueryState query={items}>
        {(data) => (
          <ResponsiveTable<ItemRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="item-table"
            dataSource={data}
            pagination={false}
            cardTitle={(r) => r.name}
            cardOmit={['name']}
            columns={[
              { title: '部门', dataIndex: 'unitName' },
              { title: '抽查事项', dataIndex: 'name' },
              { title: '检查依据', dataIndex: 'legalBasis' },
              { title: '检查对象', dataIndex: 'objectScope' },
              { title: '检查方式', dataIndex: 'method' },
            ]}
          />
        )}
      </QueryState>
      <Modal open={adding} title="添加抽查事项" okText="保存" onOk={save} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ method: '实地核查', unitId: unitChoices.length === 1 ? unitChoices[0]!.value : undefined }}
        >
          <Form.Item name="unitId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
            <Select showSearch optionFilterProp="label" options={unitChoices} />
          </Form.Item>
          <Form.Item name="name" label="抽查事项" rules={[{ required: true, message: '请填写抽查事项' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="legalBasis" label="检查依据" rules={[{ required: true, message: '请填写检查依据' }]}>
            <Input.TextArea maxLength={1000} autoSize />
          </Form.Item>
          <Form.Item name="objectScope" label="检查对象" rules={[{ required: true, message: '请填写检查对象' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="method" label="检查方式">
            <Select options={INSPECTION_METHODS.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 两库一单: 检查对象名录库, 执法检查人员名录库, 抽查事项清单. */
export function InspectionDirectoriesPage() {
  return (
    <Card title="双随机名录库">
      <Tabs
        items={[
          { key: 'objects', label: '检查对象名录库', children: <ObjectsTab /> },
          { key: 'inspectors', label: '执法检查人员名录库', children: <InspectorsTab /> },
          { key: 'items', label: '抽查事项清单', children: <ItemsTab /> },
        ]}
      />
    </Card>
  );
}
