import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { EnterpriseSelect } from '../enterprises/enterprise-select.js';
import { DateInput } from '../shared/date-input.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { chinaToday } from '../shared/today.js';
import { defaultVisitPeriod, periodLabel, periodsSince, REQUEST_CATEGORIES, VISIT_METHODS } from '../../../src/requests/core/index.js';
import { errorText } from './common.js';

type Visit = ApiResponse<'/api/requests/visits'>[number];
type Coverage = ApiResponse<'/api/requests/coverage'>;

const refresh = async () => {
  for (const p of ['/api/requests/coverage', '/api/requests/visits', '/api/requests/visit-plans', '/api/requests/key-firms'])
    await queryClient.invalidateQueries({ queryKey: ['get', p] });
};

/**
 * 重点企业回访 (measure 52): the coverage of visits per unit in a quarter (全覆盖回访), the quarter's plan, the visit
 * records with the needs found (each may become a request), and the key firms with the unit in charge.
 */
export function VisitsPage() {
  // The key firms give the quarters to offer (back to the earliest flag) and the one to open on (see defaultVisitPeriod).
  const firms = $api.useQuery('get', '/api/requests/key-firms', {});
  return <QueryState query={firms}>{(rows) => <VisitsPeriods firms={rows} />}</QueryState>;
}

function VisitsPeriods({ firms }: { firms: ApiResponse<'/api/requests/key-firms'> }) {
  const { user } = useSession();
  const list = useListParams();
  const today = chinaToday();
  const earliest = firms.reduce<string | null>((m, f) => (m === null || f.since < m ? f.since : m), null);
  const lastVisit = firms.reduce<string | null>((m, f) => (f.lastVisit !== null && (m === null || f.lastVisit > m) ? f.lastVisit : m), null);
  const periods = periodsSince(today, lastVisit !== null && (earliest === null || lastVisit < earliest) ? lastVisit : earliest);
  const opening = defaultVisitPeriod(today, lastVisit);
  const period = periods.find((p) => p === list.get('period')) ?? opening;
  const tab = list.get('tab') ?? 'coverage';
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  const canRecord = isOffice || user?.role === 'unit_staff';
  const [recording, setRecording] = useState(false);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          重点招商企业回访
        </Typography.Title>
        <Space wrap>
          <Select
            value={period}
            style={{ width: 170 }}
            onChange={(v) => list.set({ period: v === opening ? null : v })}
            options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
            data-testid="period"
          />
          {canRecord && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              登记回访
            </Button>
          )}
        </Space>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => list.set({ tab: k === 'coverage' ? null : k })}
        items={[
          { key: 'coverage', label: '回访覆盖率', children: <CoverageView period={period} /> },
          { key: 'plan', label: '回访计划', children: <PlanView period={period} isOffice={isOffice} canRecord={canRecord} /> },
          { key: 'visits', label: '回访记录', children: <VisitsView period={period} canRecord={canRecord} /> },
          { key: 'firms', label: '重点招商企业', children: <KeyFirmsView isOffice={isOffice} /> },
        ]}
      />
      <Modal open={recording} title="登记回访" footer={null} onCancel={() => setRecording(false)} destroyOnHidden>
        <VisitForm onDone={() => setRecording(false)} />
      </Modal>
    </Space>
  );
}

function RateTag({ rate }: { rate: number | null }) {
  if (rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={rate >= 100 ? 'green' : rate >= 60 ? 'orange' : 'red'}>{rate}%</Tag>;
}

function CoverageView({ period }: { period: string }) {
  const coverage = $api.useQuery('get', '/api/requests/coverage', { params: { query: { period } } });
  return (
    <QueryState query={coverage}>
      {(c: Coverage) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="coverage-total">
            {periodLabel(c.period)}（{c.start} 至 {c.end}）：重点招商企业 {c.total.keyFirms} 家，已回访 {c.total.visited} 家，覆盖率{' '}
            <RateTag rate={c.total.rate} />
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            覆盖率 = 本季度内由负责单位回访过（上门、电话或视频，至少一次）的重点招商企业数 ÷ 该单位负责的重点招商企业数（季度末前已标记的）。全覆盖即 100%。
          </Typography.Text>
          <Table
            size="small"
            rowKey="unitId"
            data-testid="coverage"
            dataSource={c.units}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚未标记重点招商企业' }}
            columns={[
              { title: '负责单位', dataIndex: 'unitName' },
              { title: '重点企业', dataIndex: 'keyFirms' },
              { title: '已列计划', dataIndex: 'planned' },
              { title: '已回访', dataIndex: 'visited' },
              { title: '覆盖率', key: 'rate', render: (_, u) => <RateTag rate={u.rate} /> },
              {
                title: '尚未回访',
                key: 'unvisited',
                render: (_, u) => <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>{u.unvisited.join('、') || '—'}</span>,
              },
            ]}
          />
        </Space>
      )}
    </QueryState>
  );
}

function PlanView({ period, isOffice, canRecord }: { period: string; isOffice: boolean; canRecord: boolean }) {
  const { message } = App.useApp();
  const plans = $api.useQuery('get', '/api/requests/visit-plans', { params: { query: { period } } });
  const generate = async () => {
    try {
      const { data } = await client.POST('/api/requests/visit-plans', { body: { period } });
      message.success(`已列入 ${data?.added ?? 0} 家企业`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const save = async (planId: number, plannedOn: string | null, visitors: string | null) => {
    try {
      await client.PUT('/api/requests/visit-plans/{planId}', { params: { path: { planId } }, body: { plannedOn, visitors } });
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {isOffice && (
        <Button onClick={generate} data-testid="generate-plan" style={{ whiteSpace: 'normal', height: 'auto', maxWidth: '100%' }}>
          生成{periodLabel(period)}回访计划（每家重点招商企业一条）
        </Button>
      )}
      <QueryState query={plans}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '本季度尚未生成回访计划' }}
            columns={[
              { title: '企业', dataIndex: 'enterpriseName' },
              { title: '负责单位', dataIndex: 'unitName' },
              {
                title: '计划日期',
                key: 'plannedOn',
                render: (_, r) =>
                  canRecord ? (
                    <DateInput value={r.plannedOn} size="small" onPicked={(d) => save(r.id, d, r.visitors)} style={{ width: 140 }} />
                  ) : (
                    (r.plannedOn ?? '—')
                  ),
              },
              {
                title: '回访人员',
                key: 'visitors',
                render: (_, r) =>
                  canRecord ? (
                    <Input
                      size="small"
                      defaultValue={r.visitors ?? ''}
                      maxLength={200}
                      style={{ width: 140 }}
                      onBlur={(e) => e.target.value !== (r.visitors ?? '') && save(r.id, r.plannedOn, e.target.value || null)}
                    />
                  ) : (
                    (r.visitors ?? '—')
                  ),
              },
              { title: '回访', key: 'visited', render: (_, r) => (r.visitedOn ? <Tag color="green">{r.visitedOn} 已回访</Tag> : <Tag>未回访</Tag>) },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

function VisitsView({ period, canRecord }: { period: string; canRecord: boolean }) {
  const visits = $api.useQuery('get', '/api/requests/visits', { params: { query: { period } } });
  return (
    <QueryState query={visits}>
      {(rows) =>
        rows.length === 0 ? (
          <Empty description="本季度还没有回访记录" />
        ) : (
          <List data-testid="visits" dataSource={rows} renderItem={(v) => <VisitCard v={v} canRecord={canRecord} />} />
        )
      }
    </QueryState>
  );
}

function VisitCard({ v, canRecord }: { v: Visit; canRecord: boolean }) {
  return (
    <List.Item style={{ padding: '6px 0' }}>
      <Card size="small" style={{ width: '100%' }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {v.enterpriseName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.visitedOn} · {v.method} · {v.unitName} {v.visitors} · 企业联系人 {v.contactName}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{v.findings}</Typography.Paragraph>
          {v.needs.map((n) => (
            <Space key={n.id} wrap size={4} data-testid="need">
              <Tag color="gold">需求</Tag>
              <span style={{ overflowWrap: 'anywhere' }}>{n.text}</span>
              {n.requestId ? (
                <Link to={`/requests/${n.requestId}`}>
                  {n.requestNumber}（{n.requestStage}）
                </Link>
              ) : (
                canRecord && <NeedButton visitId={v.id} needId={n.id} />
              )}
            </Space>
          ))}
        </Space>
      </Card>
    </List.Item>
  );
}

function NeedButton({ visitId, needId }: { visitId: number; needId: number }) {
  const { message } = App.useApp();
  const [category, setCategory] = useState<(typeof REQUEST_CATEGORIES)[number]>('求决');
  const convert = async () => {
    try {
      const { data } = await client.POST('/api/requests/visits/{visitId}/needs/{needId}/request', {
        params: { path: { visitId, needId } },
        body: { category },
      });
      message.success(`已转为诉求 ${data?.number ?? ''}`);
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Popconfirm
      title="转为诉求"
      description={<Select value={category} onChange={setCategory} style={{ width: 120 }} options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))} />}
      okText="转为诉求"
      cancelText="取消"
      onConfirm={convert}
    >
      <Button size="small">转为诉求</Button>
    </Popconfirm>
  );
}

interface VisitValues {
  enterpriseId: number;
  visitedOn: string;
  method: (typeof VISIT_METHODS)[number];
  visitors: string;
  contactName: string;
  contactPhone: string;
  findings: string;
  needs?: string;
}

function VisitForm({ onDone }: { onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const firms = $api.useQuery('get', '/api/requests/key-firms', {});
  const submit = async (v: VisitValues) => {
    setBusy(true);
    try {
      const needs = (v.needs ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      await client.POST('/api/requests/visits', { body: { ...v, needs } });
      message.success('已登记回访');
      await refresh();
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<VisitValues> layout="vertical" onFinish={submit} initialValues={{ visitedOn: chinaToday(), method: '上门' }} data-testid="visit-form">
      <Form.Item name="enterpriseId" label="重点招商企业" rules={[{ required: true, message: '请选择企业' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={firms.isLoading}
          options={(firms.data ?? []).map((f) => ({ value: f.enterpriseId, label: f.enterpriseName }))}
          data-testid="visit-firm"
        />
      </Form.Item>
      <Form.Item name="visitedOn" label="回访日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DateInput style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item name="method" label="回访方式" rules={[{ required: true, message: '请选择回访方式' }]}>
        <Select options={VISIT_METHODS.map((m) => ({ value: m, label: m }))} />
      </Form.Item>
      <Form.Item name="visitors" label="回访人员" rules={[{ required: true, whitespace: true, message: '请填写回访人员' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contactName" label="企业联系人" rules={[{ required: true, whitespace: true, message: '请填写企业联系人' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="findings" label="回访情况" rules={[{ required: true, whitespace: true, message: '请填写回访情况' }]}>
        <Input.TextArea rows={3} maxLength={5000} placeholder="企业经营、项目进展、履约达效等情况" />
      </Form.Item>
      <Form.Item name="needs" label="企业提出的需求（每行一条，可转为诉求）">
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存回访记录
      </Button>
    </Form>
  );
}

function KeyFirmsView({ isOffice }: { isOffice: boolean }) {
  const { message } = App.useApp();
  const firms = $api.useQuery('get', '/api/requests/key-firms', {});
  const units = $api.useQuery('get', '/api/plan/units', {}, { enabled: isOffice });
  const [firm, setFirm] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | undefined>();
  const add = async () => {
    if (firm === null || unitId === undefined) return message.warning('请选择企业和负责回访的单位');
    try {
      await client.PUT('/api/requests/key-firms/{enterpriseId}', { params: { path: { enterpriseId: firm } }, body: { unitId } });
      message.success('已标记为重点招商企业');
      setFirm(null);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const remove = async (enterpriseId: number) => {
    try {
      await client.DELETE('/api/requests/key-firms/{enterpriseId}', { params: { path: { enterpriseId } } });
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {isOffice && (
        <Card size="small" title="标记重点招商企业">
          <Space direction="vertical" style={{ width: '100%' }}>
            <EnterpriseSelect value={firm} onChange={(id) => setFirm(id)} testId="key-firm" />
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="负责回访的单位"
              value={unitId}
              onChange={setUnitId}
              style={{ width: '100%' }}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
            <Button onClick={add}>标记</Button>
          </Space>
        </Card>
      )}
      <QueryState query={firms}>
        {(rows) => (
          <Table
            size="small"
            rowKey="enterpriseId"
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚未标记重点招商企业' }}
            columns={[
              { title: '企业', dataIndex: 'enterpriseName' },
              { title: '负责单位', dataIndex: 'unitName' },
              { title: '标记日期', dataIndex: 'since' },
              { title: '最近回访', key: 'lastVisit', render: (_, r) => r.lastVisit ?? '—' },
              ...(isOffice
                ? [
                    {
                      title: '',
                      key: 'remove',
                      render: (_: unknown, r: { enterpriseId: number }) => (
                        <Popconfirm title="取消重点招商企业标记？" okText="取消标记" cancelText="返回" onConfirm={() => remove(r.enterpriseId)}>
                          <Button size="small" type="link">
                            取消标记
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
