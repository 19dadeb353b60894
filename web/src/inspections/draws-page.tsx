import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { $api, type ApiResponse, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';
import { OBJECT_KINDS, type ObjectKind } from '../../../src/inspections/core/index.js';
import { useUnitOptions } from './directories-page.js';
import { StatusTag } from './draw-view.js';

type DrawRow = ApiResponse<'/api/inspections/draws'>[number];

interface CommitForm {
  title: string;
  leadUnitId: number;
  jointUnitIds: number[];
  itemIds: number[];
  enterprises: boolean;
  otherKinds: ObjectKind[];
  percent: number;
  field?: string;
  witnesses: string;
  lotteryName: string;
  lotteryDate: string;
}

/** The office commits a draw: task, departments, items, scope, share, witnesses and the lottery of a later date. */
function CommitModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const nav = useNavigate();
  const units = useUnitOptions();
  const items = $api.useQuery('get', '/api/inspections/items', {});
  const [form] = Form.useForm<CommitForm>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const { data } = await client.POST('/api/inspections/draws', {
        body: {
          title: v.title,
          leadUnitId: v.leadUnitId,
          jointUnitIds: v.jointUnitIds ?? [],
          itemIds: v.itemIds ?? [],
          scope: { enterprises: v.enterprises, otherKinds: v.otherKinds ?? [] },
          shares: [],
          defaultShareBp: Math.round(v.percent * 100),
          field: v.field?.trim() || null,
          witnesses: v.witnesses
            .split(/[、，,\s]+/)
            .map((w) => w.trim())
            .filter(Boolean),
          lotteryName: v.lotteryName,
          lotteryDate: v.lotteryDate,
        },
      });
      message.success(`已公开承诺：${data?.number}`);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/draws'] });
      onClose();
      if (data) nav(`/inspections/draws/${data.id}`);
    } catch (e) {
      const details = problemsOf(e);
      message.error(details.length ? `${errorText(e)}：${details.map((d) => d.message).join('；')}` : errorText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="发起抽查（公开承诺）" okText="公开承诺" confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        承诺后，两库快照、参数和种子来源即公开且不能修改；种子取自监督人随后录入的号码和指定日期的开奖号码，抽取前谁也无法预知。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ enterprises: true, otherKinds: [], percent: 5, lotteryName: '中国福利彩票双色球', lotteryDate: chinaToday(), jointUnitIds: [] }}
      >
        <Form.Item name="title" label="抽查任务名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="leadUnitId" label="发起部门" rules={[{ required: true, message: '请选择发起部门' }]}>
          <Select showSearch optionFilterProp="label" options={units} data-testid="lead-unit" />
        </Form.Item>
        <Form.Item name="jointUnitIds" label="参与部门（联合抽查）">
          <Select mode="multiple" showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, message: '请选择抽查事项' }]}>
          <Select mode="multiple" optionFilterProp="label" options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.unitName}：${i.name}` }))} />
        </Form.Item>
        <Form.Item name="enterprises" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>从企业名录抽取</Checkbox>
        </Form.Item>
        <Form.Item name="otherKinds" label="以及其他检查对象">
          <Select mode="multiple" options={OBJECT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="percent" label="抽查比例（%，每层向上取整）" rules={[{ required: true }]}>
          <InputNumber min={0.01} max={100} step={1} />
        </Form.Item>
        <Form.Item name="field" label="检查人员须具备的业务专长（可不填）">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="witnesses" label="监督人（用顿号分隔）" rules={[{ required: true, message: '请填写监督人' }]}>
          <Input maxLength={100} placeholder="王某、李某" />
        </Form.Item>
        <Form.Item name="lotteryName" label="公开开奖的彩票" rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="lotteryDate" label="开奖日期（不早于今天；当天开奖须晚于承诺时间）" rules={[{ required: true, message: '请选择开奖日期' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 双随机抽查: the draws of the user's departments (all for the office and leaders); the office commits new ones. */
export function InspectionDrawsPage() {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const draws = $api.useQuery('get', '/api/inspections/draws', {});
  return (
    <Card
      title={`双随机抽查${user?.role === 'unit_staff' ? '（本部门）' : ''}`}
      extra={
        hasRole(user, ['office', 'admin']) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="commit-draw">
            发起抽查
          </Button>
        ) : null
      }
    >
      <QueryState query={draws}>
        {(data) => (
          <ResponsiveTable<DrawRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="draw-table"
            dataSource={data}
            pagination={false}
            emptyText="暂无抽查"
            cardTitle={(r) => <Link to={`/inspections/draws/${r.id}`}>{r.number}</Link>}
            cardOmit={['number']}
            columns={[
              { title: '编号', dataIndex: 'number', render: (_, r) => <Link to={`/inspections/draws/${r.id}`}>{r.number}</Link> },
              { title: '任务', dataIndex: 'title', render: (_, r) => (r.isDemo ? `${r.title}（演示）` : r.title) },
              { title: '部门', key: 'units', render: (_, r) => [r.leadUnitName, ...r.jointUnitNames].join('、') },
              { title: '状态', key: 'status', render: (_, r) => <StatusTag d={r} /> },
              { title: '对象 / 抽中', key: 'n', render: (_, r) => `${r.objectCount} / ${r.picked ?? '—'}` },
              { title: '开奖日期', dataIndex: 'lotteryDate' },
            ]}
          />
        )}
      </QueryState>
      <CommitModal open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
