import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { $api, type ApiBody, type ApiResponse } from '../api.js';
import { problemsOf } from '../shared/problems.js';
import { errorText } from '../shared/query-state.js';
import { DateInput } from '../shared/date-input.js';
import { DISTRICT_STREETS, QUALIFICATION_TAGS, SECTIONS, SIZE_CLASSES } from '../../../src/enterprises/core/index.js';
import { OBJECT_KINDS, type ObjectKind } from '../../../src/inspections/core/index.js';
import { useUnitOptions } from './directories-page.js';

export type TaskBody = ApiBody<'/api/inspections/plans/{planId}/tasks', 'post'>;
export type PlanTask = ApiResponse<'/api/inspections/plans/{planId}'>['tasks'][number];

interface TaskForm {
  title: string;
  leadUnitId: number;
  jointUnitIds: number[];
  itemIds: number[];
  enterprises: boolean;
  otherKinds: ObjectKind[];
  industries: string[];
  streets: string[];
  sizes: string[];
  creditClasses: string[];
  flags: string[];
  percents: Record<string, number | null>;
  windowFrom: string;
  windowTo: string;
  note?: string;
  reason?: string;
}

const toForm = (t: TaskBody): TaskForm => ({
  ...t,
  ...t.scope,
  note: t.note ?? undefined,
  percents: Object.fromEntries(t.shares.map((s) => [s.classCode, s.bp / 100])),
});
const toBody = (v: TaskForm): TaskBody => ({
  title: v.title,
  leadUnitId: v.leadUnitId,
  jointUnitIds: v.jointUnitIds ?? [],
  itemIds: v.itemIds ?? [],
  scope: {
    enterprises: v.enterprises,
    otherKinds: v.otherKinds ?? [],
    industries: v.industries ?? [],
    streets: v.streets ?? [],
    sizes: v.sizes ?? [],
    creditClasses: v.creditClasses ?? [],
    flags: v.flags ?? [],
  },
  shares: Object.entries(v.percents ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([classCode, p]) => ({ classCode, bp: Math.round(p * 100) })),
  windowFrom: v.windowFrom,
  windowTo: v.windowTo,
  note: v.note?.trim() || null,
});

export const taskBodyOf = (t: PlanTask | TaskBody): TaskBody => ({
  title: t.title,
  leadUnitId: t.leadUnitId,
  jointUnitIds: t.jointUnitIds,
  itemIds: t.itemIds,
  scope: t.scope,
  shares: t.shares,
  windowFrom: t.windowFrom,
  windowTo: t.windowTo,
  note: t.note,
});

/**
 * The task editor (年度联合抽查计划的任务): departments, items from their lists, object scope, shares per credit class
 * (empty: the class's own share), time window. Used by the office (plan tasks, accepting a proposal with changes)
 * and by departments (proposals: `withReason`).
 */
export function TaskModal(p: {
  open: boolean;
  title: string;
  okText: string;
  year: number;
  initial?: TaskBody;
  withReason?: boolean;
  /** Lead departments the user may choose (unit staff: their own units). */
  leadUnitIds?: number[];
  onClose: () => void;
  onSubmit: (body: TaskBody, reason: string | null) => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const units = useUnitOptions();
  const items = $api.useQuery('get', '/api/inspections/items', {});
  const classes = $api.useQuery('get', '/api/inspections/credit/classes');
  const [form] = Form.useForm<TaskForm>();
  const [busy, setBusy] = useState(false);
  const lead = Form.useWatch('leadUnitId', form);
  const joint = Form.useWatch('jointUnitIds', form);
  const enterprises = Form.useWatch('enterprises', form);
  const departments = new Set([lead, ...(joint ?? [])]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await p.onSubmit(toBody(v), v.reason?.trim() || null);
      p.onClose();
    } catch (e) {
      const details = problemsOf(e);
      message.error(details.length ? `${errorText(e)}：${details.map((d) => d.message).join('；')}` : errorText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  const initial: Partial<TaskForm> = p.initial
    ? toForm(p.initial)
    : {
        enterprises: true,
        otherKinds: [],
        industries: [],
        streets: [],
        sizes: [],
        creditClasses: [],
        flags: [],
        jointUnitIds: [],
        percents: {},
        windowFrom: `${p.year}-03-01`,
        windowTo: `${p.year}-11-30`,
        leadUnitId: p.leadUnitIds?.length === 1 ? p.leadUnitIds[0] : undefined,
      };
  const multi = (options: readonly string[]) => options.map((x) => ({ value: x, label: x }));
  return (
    <Modal open={p.open} title={p.title} okText={p.okText} confirmLoading={busy} onOk={submit} onCancel={p.onClose} destroyOnHidden width={720}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="title" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="leadUnitId" label="牵头部门" rules={[{ required: true, message: '请选择牵头部门' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={p.leadUnitIds ? units.filter((u) => p.leadUnitIds!.includes(u.value)) : units}
                data-testid="task-lead"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="jointUnitIds" label="参与部门（联合抽查）">
              <Select mode="multiple" showSearch optionFilterProp="label" options={units.filter((u) => u.value !== lead)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="itemIds" label="抽查事项（出自牵头或参与部门的抽查事项清单）" rules={[{ required: true, message: '请选择抽查事项' }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(items.data ?? []).filter((i) => i.active && departments.has(i.unitId)).map((i) => ({ value: i.id, label: `${i.unitName}：${i.name}` }))}
          />
        </Form.Item>
        <Typography.Text strong>抽查对象范围</Typography.Text>
        <Form.Item name="enterprises" valuePropName="checked" style={{ margin: '4px 0' }}>
          <Checkbox>企业名录中的企业</Checkbox>
        </Form.Item>
        {enterprises ? (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="industries" label="行业门类（不选为不限）">
                <Select mode="multiple" optionFilterProp="label" options={SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="streets" label="街道（不选为不限）">
                <Select mode="tags" options={multi(DISTRICT_STREETS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="sizes" label="企业规模">
                <Select mode="multiple" options={multi(SIZE_CLASSES)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="creditClasses" label="信用风险分类">
                <Select mode="multiple" options={(classes.data?.classes ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="flags" label="企业标识">
                <Select mode="multiple" options={multi(QUALIFICATION_TAGS)} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Form.Item name="otherKinds" label="以及其他检查对象">
          <Select mode="multiple" options={multi(OBJECT_KINDS)} />
        </Form.Item>
        <Typography.Text strong>抽查比例（%；不填按信用分类的默认比例）</Typography.Text>
        <Row gutter={12} style={{ marginTop: 4 }}>
          {(classes.data?.classes ?? []).map((c) => (
            <Col xs={12} md={6} key={c.code}>
              <Form.Item name={['percents', c.code]} label={`${c.code} ${c.name}`}>
                <InputNumber min={0.01} max={100} placeholder={`${c.drawShare}`} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="windowFrom" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DateInput allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="windowTo" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <DateInput allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={500} autoSize />
        </Form.Item>
        {p.withReason ? (
          <Form.Item name="reason" label="建议理由">
            <Input.TextArea maxLength={500} autoSize />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Shares in words: the task's own, the rest by class default. */
export const sharesText = (shares: Array<{ classCode: string; bp: number }>) =>
  shares.length ? `${shares.map((s) => `${s.classCode} ${s.bp / 100}%`).join('、')}，其余按分类默认` : '按信用分类默认比例';
