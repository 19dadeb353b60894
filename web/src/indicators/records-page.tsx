import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { $api, client, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { errorText, QueryState, QueryError } from '../shared/query-state.js';
import { problemsOf, type Problem } from '../shared/problems.js';
import { invalidateIndicators, type RecordTypeInfo } from './shared.js';

export type CaseRecord = ApiResponse<'/api/indicators/records/{type}/{externalId}'>;
type Value = CaseRecord['values'][string];
type Field = RecordTypeInfo['fields'][number];
type Unit = ApiResponse<'/api/plan/units'>[number];

const EDITORS = ['office', 'admin', 'unit_staff'];
/** Form name of the responsible unit (field keys are column names, so no clash). */
const UNIT = '__unit';

const show = (f: Field, v: Value) => (v === null || v === undefined || v === '' ? '—' : f.kind === 'bool' ? (v ? '是' : '否') : String(v));
/** Where a record came from, as a person reads it: never an internal code such as "demo seed 2021". */
const sourceText = (s: string) => (s === 'edit' ? '在线修改' : s === 'api' ? '接口报送' : s === 'demo' || s.startsWith('demo ') ? '演示数据' : s);
const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

/** The unit directory (/api/plan/units) for choosing a unit. */
export function useUnits(enabled = true) {
  return $api.useQuery('get', '/api/plan/units', {}, { enabled });
}

/** Link to a record on this page with its edit drawer open (used by the indicator page's case lists). */
export const recordLink = (type: string, externalId: string, edit: boolean) =>
  `/indicators/records?${new URLSearchParams({ type, q: externalId, ...(edit ? { edit: externalId } : {}) })}`;

/** 案件记录: browse one record type page by page, search by id or name; office and unit staff edit and delete single records. */
export function RecordsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const types = $api.useQuery('get', '/api/indicators/record-types', {}, { enabled: !!user });
  const unitsQuery = useUnits(!!user);
  const units = unitsQuery.data ?? [];
  const type = params.get('type') ?? 'utility';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const query = {
    page: num(params.get('page')) ?? 1,
    pageSize: num(params.get('pageSize')) ?? 20,
    q: q || undefined,
    sort: params.get('sort') || undefined,
    unitId: num(params.get('unitId')),
  };
  const list = $api.useQuery(
    'get',
    '/api/indicators/records/{type}',
    { params: { path: { type }, query } },
    { enabled: !!user && !!types.data, placeholderData: keepPreviousData },
  );
  const [editing, setEditing] = useState<CaseRecord | null>(null);
  const { message } = App.useApp();

  // ?edit=ID opens that record's drawer (a link from an indicator's case list).
  const editId = params.get('edit');
  useEffect(() => {
    if (!editId || !user || !EDITORS.includes(user.role)) return;
    client.GET('/api/indicators/records/{type}/{externalId}', { params: { path: { type, externalId: editId } } }).then(
      ({ data }) => setEditing(data ?? null),
      (e: unknown) => message.error(errorText(e)),
    );
  }, [editId, type, user, message]);

  if (!user) return <Alert type="info" showIcon message="请先登录" />;
  if (!types.data)
    return (
      <QueryState query={types} loading={<Card loading />}>
        {() => null}
      </QueryState>
    );
  const t = types.data.find((x) => x.type === type);
  if (!t) return <Alert type="error" showIcon message={`未知的记录类型“${type}”`} />;
  const canEdit = EDITORS.includes(user.role);
  const myUnits = user.role === 'unit_staff' ? units.filter((u) => user.unitIds.includes(u.id)) : units;
  const set = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes))
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    setParams(p);
  };
  const sortOf = (key: string) => {
    const s = params.get('sort');
    return s === key ? ('ascend' as const) : s === `-${key}` ? ('descend' as const) : null;
  };
  const remove = async (r: CaseRecord) => {
    try {
      const { data: res } = await client.DELETE('/api/indicators/records/{type}/{externalId}', { params: { path: { type, externalId: r.externalId } } });
      message.success(`已删除“${r.externalId}”，已重新计算 ${res?.recomputed?.definitions.length ?? 0} 项指标`);
      await invalidateIndicators();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const columns: TableColumnsType<CaseRecord> = [
    {
      title: t.idLabel,
      key: 'external_id',
      fixed: 'left',
      sorter: true,
      sortOrder: sortOf('external_id'),
      render: (_, r) => (
        <Space size={4}>
          <span>{r.externalId}</span>
          {r.isDemo && <Tag color="gold">演示数据</Tag>}
        </Space>
      ),
    },
    {
      title: '责任单位',
      key: 'unit',
      sorter: true,
      sortOrder: sortOf('unit'),
      render: (_, r) => r.unitName ?? <Typography.Text type="secondary">未指定（由牵头单位负责）</Typography.Text>,
    },
    ...t.fields.map((f) => ({
      title: f.label,
      key: f.key,
      sorter: true,
      sortOrder: sortOf(f.key),
      render: (_: unknown, r: CaseRecord) => show(f, r.values[f.key] ?? null),
    })),
    { title: '来源', key: 'source', render: (_, r) => sourceText(r.source) },
    { title: '修改人', key: 'updated_by', render: (_, r) => r.updatedBy },
    { title: '修改时间', key: 'updated_at', sorter: true, sortOrder: sortOf('updated_at'), render: (_, r) => new Date(r.updatedAt).toLocaleString('zh-CN') },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, r: CaseRecord) => (
              <Space>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(r)} data-testid={`edit-${r.externalId}`}>
                  修改
                </Button>
                <Popconfirm
                  title={`删除记录“${r.externalId}”？`}
                  description="删除后相关指标将重新计算，操作留痕。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" size="small" danger style={{ padding: 0 }} data-testid={`delete-${r.externalId}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          案件记录
        </Typography.Title>
        <Select
          style={{ width: 240 }}
          value={type}
          onChange={(v) => set({ type: v, page: null, sort: null, q: null, edit: null })}
          options={types.data.map((x) => ({ value: x.type, label: x.label }))}
          data-testid="records-type"
        />
        <Input.Search
          style={{ width: 280 }}
          allowClear
          placeholder={`${t.idLabel}${t.fields.some((f) => f.key === 'name') ? '或名称' : ''}`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim(), page: null })}
          data-testid="records-search"
        />
        {user.role !== 'unit_staff' && (
          <Select
            style={{ width: 220 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部单位"
            value={params.get('unitId') ? Number(params.get('unitId')) : undefined}
            onChange={(v?: number) => set({ unitId: v ? String(v) : null, page: null })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        {canEdit && <Link to="/indicators/upload">上传记录</Link>}
      </Space>
      <QueryError query={unitsQuery} />
      <QueryError query={list} />
      <Table<CaseRecord>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="records-table"
        pagination={{
          current: list.data?.page ?? 1,
          pageSize: list.data?.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${n} 条`,
        }}
        onChange={(pg, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = s?.order ? String(s.columnKey) : null;
          set({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20), sort: key ? (s!.order === 'descend' ? `-${key}` : key) : null });
        }}
      />
      {editing && (
        <EditDrawer
          info={t}
          record={editing}
          units={myUnits}
          onClose={() => {
            setEditing(null);
            if (editId) set({ edit: null });
          }}
          onSaved={async (r, n) => {
            setEditing(null);
            if (editId) set({ edit: null });
            // Refresh first, so that the list shows the saved record when the confirmation appears.
            await invalidateIndicators();
            message.success(r ? `已保存“${r.externalId}”，已重新计算 ${n} 项指标` : '没有修改');
          }}
        />
      )}
    </Space>
  );
}

/** The edit form, generated from the record type's field kinds; the server's problems are shown on their fields. */
function EditDrawer({
  info,
  record,
  units,
  onClose,
  onSaved,
}: {
  info: RecordTypeInfo;
  record: CaseRecord;
  units: Unit[];
  onClose: () => void;
  onSaved: (r: CaseRecord | null, recomputed: number) => void;
}) {
  const [form] = Form.useForm();
  const [other, setOther] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const initial: Record<string, unknown> = { [UNIT]: record.unitName ?? undefined };
  for (const f of info.fields) {
    const v = record.values[f.key] ?? null;
    initial[f.key] = v === null ? undefined : f.kind === 'date' ? dayjs(String(v)) : v;
  }
  const nameOf = (label?: string) => (label === '责任单位' ? UNIT : info.fields.find((f) => f.label === label)?.key);
  const save = async (v: Record<string, unknown>) => {
    const values: Record<string, Value> = {};
    for (const f of info.fields) {
      const x = v[f.key];
      values[f.key] = dayjs.isDayjs(x)
        ? x.format('YYYY-MM-DD')
        : typeof x === 'string'
          ? x || null
          : typeof x === 'number' || typeof x === 'boolean'
            ? x
            : null;
    }
    setSaving(true);
    setOther([]);
    try {
      const unit = v[UNIT];
      const { data: r } = await client.PUT('/api/indicators/records/{type}/{externalId}', {
        params: { path: { type: info.type, externalId: record.externalId } },
        body: { values, unit: typeof unit === 'string' ? unit : null, updatedAt: record.updatedAt },
      });
      onSaved(r?.changed ? r.record : null, r?.recomputed?.definitions.length ?? 0);
    } catch (e) {
      const problems = problemsOf(e);
      const onFields = problems.filter((p) => nameOf(p.field));
      form.setFields(
        [...new Set(onFields.map((p) => nameOf(p.field)!))].map((name) => ({
          name,
          errors: onFields.filter((p) => nameOf(p.field) === name).map((p) => p.message),
        })),
      );
      const rest = problems.filter((p) => !nameOf(p.field));
      setOther(rest.length || onFields.length ? rest : [{ message: errorText(e) }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open
      title={`修改 ${info.label}：${record.externalId}`}
      size={480}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="record-save">
          保存
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {record.isDemo && <Alert type="warning" showIcon message="这是演示数据" />}
        <Typography.Text type="secondary">保存时按与上传相同的规则校验（日期、先后顺序、取值、单位），并重新计算相关指标；修改留痕。</Typography.Text>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={save} onValuesChange={() => setOther([])}>
          <Form.Item label={info.idLabel}>
            <Input value={record.externalId} disabled />
          </Form.Item>
          <Form.Item name={UNIT} label="责任单位" extra="留空：由措施的牵头单位负责">
            <Select allowClear showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.name, label: u.name }))} />
          </Form.Item>
          {info.fields.map((f) => (
            <Form.Item key={f.key} name={f.key} label={f.label} rules={f.required ? [{ required: true, message: '不能为空' }] : []}>
              {f.kind === 'date' ? (
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
              ) : f.kind === 'enum' ? (
                <Select allowClear options={(f.values ?? []).map((x) => ({ value: x, label: x }))} />
              ) : f.kind === 'bool' ? (
                <Select
                  allowClear
                  options={[
                    { value: true, label: '是' },
                    { value: false, label: '否' },
                  ]}
                />
              ) : f.kind === 'number' ? (
                <InputNumber style={{ width: '100%' }} min={0} />
              ) : (
                <Input />
              )}
            </Form.Item>
          ))}
        </Form>
        {other.length > 0 && (
          <Alert
            type="error"
            showIcon
            message="未保存"
            description={other.map((p, i) => (
              <div key={i}>
                {p.field ? `${p.field}：` : ''}
                {p.message}
              </div>
            ))}
          />
        )}
      </Space>
    </Drawer>
  );
}
