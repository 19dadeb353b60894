import { keepPreviousData } from '@tanstack/react-query';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, message, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ENTERPRISE_EDITORS, ENTERPRISE_IMPORTERS, ENTERPRISE_SORTS, SIZE_CLASSES } from '../../../src/enterprises/core/index.js';
import { DISTRICT_STREETS } from '../../../src/enterprises/core/streets.js';
import { $api, client, queryClient, type ApiAccepted, type ApiBody, type ApiResponse } from '../api.js';
import { RunProgress } from '../jobs/run-progress.js';
import { UploadButton } from '../shared/upload-button.js';
import { ExportButton, useListParams, withQuery } from '../shared/list-params.js';

const ENTERPRISE_SORT_VALUES = ENTERPRISE_SORTS.flatMap((k) => [k, `-${k}` as const]);
import { hasRole, useSession } from '../auth/session.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { errorText, QueryState, QueryError } from '../shared/query-state.js';
import { useIndustryOptions } from '../policies/calculator-page.js';

type Enterprise = ApiResponse<'/api/enterprises/{id}'>;
type EnterpriseBody = ApiBody<'/api/enterprises/'>;

export function EnterpriseListPage() {
  const { user } = useSession();
  const nav = useNavigate();
  const params = useListParams();
  const page = params.page;
  const filter = {
    q: params.get('q'),
    street: params.get('street'),
    size: params.get('size'),
    sort: ENTERPRISE_SORT_VALUES.find((x) => x === params.get('sort')),
  };
  const list = $api.useQuery(
    'get',
    '/api/enterprises/',
    { params: { query: { limit: 50, offset: (page - 1) * 50, ...filter } } },
    { placeholderData: keepPreviousData },
  );
  const [problems, setProblems] = useState<Problem[] | null>(null);
  // The checked file is written in the background: its run is followed here (and at /jobs/runs/:runId).
  const [importRun, setImportRun] = useState<number | null>(null);
  const canImport = hasRole(user, ENTERPRISE_IMPORTERS);
  return (
    <Card title="企业库">
      <Space wrap style={{ marginBottom: 12 }} className="no-print">
        {hasRole(user, ENTERPRISE_EDITORS) && <Button onClick={() => nav('/enterprises/new')}>登记企业</Button>}
        {canImport && <a href="/api/enterprises/import-template.xlsx">下载导入模板</a>}
        {canImport && (
          <UploadButton<ApiAccepted<'/api/enterprises/import'>>
            url="/api/enterprises/import"
            accept=".csv,.xlsx"
            onUploaded={(r) => {
              setProblems(null);
              setImportRun(r.runId);
            }}
            onFailed={(e) => {
              message.error(errorText(e));
              setImportRun(null);
              const found = problemsOf(e);
              setProblems(found.length ? found : null);
            }}
          >
            <Button type="primary" icon={<UploadOutlined />}>
              导入 CSV/Excel
            </Button>
          </UploadButton>
        )}
      </Space>
      {importRun !== null && (
        <div style={{ marginBottom: 12 }}>
          <RunProgress runId={importRun} unit="家" onFinished={() => void queryClient.invalidateQueries({ queryKey: ['get', '/api/enterprises/'] })} />
        </div>
      )}
      {problems && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          message="文件有错误，未导入任何数据"
          description={
            <ul>
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
      )}
      <Space wrap style={{ marginBottom: 12 }} className="list-filters">
        <Input.Search
          key={filter.q ?? ''}
          defaultValue={filter.q}
          placeholder="企业名称或信用代码"
          allowClear
          onSearch={(v) => params.set({ q: v.trim() })}
          style={{ width: 300, maxWidth: '100%' }}
        />
        <Select
          allowClear
          showSearch
          placeholder="街道"
          style={{ width: 140 }}
          value={filter.street}
          onChange={(v) => params.set({ street: v })}
          options={DISTRICT_STREETS.map((s) => ({ value: s, label: s }))}
        />
        <Select
          allowClear
          placeholder="规模"
          style={{ width: 120 }}
          value={filter.size}
          onChange={(v) => params.set({ size: v })}
          options={SIZE_CLASSES.map((s) => ({ value: s, label: s }))}
        />
        <ExportButton href={withQuery('/api/enterprises/export.xlsx', filter)} />
      </Space>
      <QueryState query={list}>
        {(data) => (
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="id"
            dataSource={data.items}
            pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 家` }}
            onChange={(p, _f, sorter) => params.onTableChange(p, sorter)}
            columns={[
              {
                title: '企业名称',
                key: 'name',
                sorter: true,
                sortOrder: params.sortOrder('name'),
                render: (_, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link>,
              },
              { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', width: 190, sorter: true, sortOrder: params.sortOrder('creditCode') },
              { title: '街道', dataIndex: 'street', key: 'street', width: 110, sorter: true, sortOrder: params.sortOrder('street') },
              { title: '行业', dataIndex: 'industryLabel', key: 'industry', sorter: true, sortOrder: params.sortOrder('industry') },
              { title: '规模', dataIndex: 'sizeClass', key: 'size', width: 80, sorter: true, sortOrder: params.sortOrder('size') },
              {
                title: '成立日期',
                dataIndex: 'registeredOn',
                key: 'registeredOn',
                width: 110,
                sorter: true,
                sortOrder: params.sortOrder('registeredOn'),
              },
              { title: '', width: 60, render: (_, e) => e.isDemo && <Tag>演示</Tag> },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** Profile page: view with the size rule explained, and the edit form (an enterprise edits its own, except credit code and grade). */
export function EnterprisePage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const mine = $api.useQuery('get', '/api/enterprises/mine', {}, { enabled: id === undefined });
  const byId = $api.useQuery('get', '/api/enterprises/{id}', { params: { path: { id: Number(id) } } }, { enabled: !isNew && id !== undefined });
  if (isNew) return <EnterpriseView e={null} />;
  return <QueryState query={id === undefined ? mine : byId}>{(e) => <EnterpriseView e={e} />}</QueryState>;
}

/** The form's values: dates as dayjs. */
type FormValues = Omit<EnterpriseBody, 'registeredOn' | 'qualifications'> & {
  registeredOn?: dayjs.Dayjs | null;
  qualifications?: Array<{ tag: string; validFrom?: dayjs.Dayjs | null; validTo?: dayjs.Dayjs | null; certificateNo?: string | null }>;
};

function EnterpriseView({ e }: { e: Enterprise | null }) {
  const { user } = useSession();
  const nav = useNavigate();
  const isNew = e === null;
  const [editing, setEditing] = useState(isNew);
  const [err, setErr] = useState<string | null>(null);
  const { options, reference, query: referenceQuery } = useIndustryOptions();
  const own = user?.role === 'enterprise';
  const canEdit = hasRole(user, ENTERPRISE_EDITORS) || own;
  const onFinish = async (v: FormValues) => {
    const d = (x: dayjs.Dayjs | null | undefined) => (x ? x.format('YYYY-MM-DD') : null);
    const body: EnterpriseBody = {
      ...v,
      registeredOn: d(v.registeredOn),
      qualifications: (v.qualifications ?? []).map((q) => ({
        tag: q.tag,
        validFrom: d(q.validFrom),
        validTo: d(q.validTo),
        certificateNo: q.certificateNo ?? null,
      })),
    };
    try {
      const { data: r } = e
        ? await client.PUT('/api/enterprises/{id}', { params: { path: { id: e.id } }, body })
        : await client.POST('/api/enterprises/', { body });
      message.success('已保存，系统已重新匹配可享受的政策');
      setErr(null);
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/enterprises/'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/enterprises/{id}'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/enterprises/mine'] });
      if (isNew && r) nav(`/enterprises/${r.id}`);
    } catch (x) {
      setErr(errorText(x));
    }
  };
  if (editing) {
    const init = e
      ? {
          ...e,
          registeredOn: e.registeredOn ? dayjs(e.registeredOn) : null,
          qualifications: e.qualifications.map((q) => ({
            ...q,
            validFrom: q.validFrom ? dayjs(q.validFrom) : null,
            validTo: q.validTo ? dayjs(q.validTo) : null,
          })),
        }
      : { qualifications: [] };
    return (
      <Card title={isNew ? '登记企业' : `编辑：${e!.name}`}>
        <QueryError query={referenceQuery} />
        <Form<FormValues> layout="vertical" initialValues={init} onFinish={onFinish}>
          <Space wrap>
            <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true }]}>
              <Input style={{ width: 220 }} disabled={own} />
            </Form.Item>
            <Form.Item name="name" label="企业名称" rules={[{ required: true }]}>
              <Input style={{ width: 320, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="legalForm" label="企业类型">
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="registeredOn" label="成立日期">
              <DatePicker />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="street" label="所在街道">
              <Select style={{ width: 160 }} allowClear options={DISTRICT_STREETS.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="industryCode" label="行业（GB/T 4754-2017，可填到小类）">
              <Select style={{ width: 320, maxWidth: '100%' }} showSearch allowClear options={options} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="creditGrade" label="信用等级">
              <Select style={{ width: 100 }} allowClear disabled={own} options={(reference?.creditGrades ?? []).map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="registeredCapital" label="注册资本（万元）">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="employees" label="从业人员（人）">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="revenue" label="上年营业收入（万元）">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="assets" label="资产总额（万元）">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="rdRatio" label="研发投入占比（%）">
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
          <Form.List name="qualifications">
            {(fields, { add, remove }) => (
              <Card size="small" title="资质" extra={<Button onClick={() => add({})}>添加资质</Button>}>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'tag']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 200 }}
                        showSearch
                        options={(reference?.qualificationTags ?? []).map((t) => ({ value: t, label: t }))}
                        placeholder="资质"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'validFrom']}>
                      <DatePicker placeholder="有效期起" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'validTo']}>
                      <DatePicker placeholder="有效期止" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'certificateNo']}>
                      <Input placeholder="证书编号" />
                    </Form.Item>
                    <Button danger onClick={() => remove(f.name)} style={{ marginBottom: 24 }}>
                      删除
                    </Button>
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
          {err && <Alert type="error" message={err} style={{ marginTop: 12 }} />}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
            {!isNew && <Button onClick={() => setEditing(false)}>取消</Button>}
          </Space>
        </Form>
      </Card>
    );
  }
  if (!e) return null;
  const x = e;
  return (
    <Card
      title={
        <Space>
          <span data-testid="enterprise-name">{x.name}</span>
          {x.isDemo && <Tag>演示</Tag>}
        </Space>
      }
      extra={
        <Space>
          {canEdit && <Button onClick={() => setEditing(true)}>编辑档案</Button>}
          <Link to={own ? '/policies/calculator' : `/policies/calculator?enterprise=${x.id}`}>
            <Button type="primary">可享受的政策</Button>
          </Link>
        </Space>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="统一社会信用代码">{x.creditCode}</Descriptions.Item>
        <Descriptions.Item label="企业类型">{x.legalForm ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="成立日期">{x.registeredOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="注册资本">{x.registeredCapital ?? '—'} 万元</Descriptions.Item>
        <Descriptions.Item label="所在街道">{x.street ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="行业">{x.industryLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="从业人员">{x.employees ?? '—'} 人</Descriptions.Item>
        <Descriptions.Item label="营业收入">{x.revenue ?? '—'} 万元</Descriptions.Item>
        <Descriptions.Item label="资产总额">{x.assets ?? '—'} 万元</Descriptions.Item>
        <Descriptions.Item label="研发投入占比">{x.rdRatio ?? '—'} %</Descriptions.Item>
        <Descriptions.Item label="信用等级">{x.creditGrade ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="企业规模">
          <b data-testid="size-class">{x.sizeClass ?? '无法划分'}</b>
        </Descriptions.Item>
      </Descriptions>
      <Alert style={{ marginTop: 12 }} type="info" message="规模划分依据" description={<span data-testid="size-explanation">{x.sizeExplanation}</span>} />
      <Table
        scroll={{ x: 'max-content' }}
        style={{ marginTop: 12 }}
        size="small"
        rowKey="tag"
        dataSource={x.qualifications}
        pagination={false}
        title={() => '资质'}
        columns={[
          { title: '资质', dataIndex: 'tag' },
          { title: '有效期起', dataIndex: 'validFrom' },
          { title: '有效期止', dataIndex: 'validTo' },
          { title: '证书编号', dataIndex: 'certificateNo' },
        ]}
      />
    </Card>
  );
}
