import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { $api, client, queryClient, type ApiBody } from '../api.js';
import { errorText } from '../shared/query-state.js';
import { RESULT_CATEGORIES } from '../../../src/inspections/core/results.js';

type Fields = ApiBody<'/api/inspections/checks/results/{resultId}', 'put'>;

/** What the form edits: a new result (object and item of a draw) or an existing one to correct. */
export type ResultTarget =
  | { mode: 'record'; drawId: number; objectKey: string; itemId: number; title: string }
  | { mode: 'correct'; resultId: number; title: string; initial: Fields };

const EMPTY: Fields = { category: 'no_problem', notes: '', rectifyDays: null, transferUnitId: null, transferNote: null, exemptionId: null };

/** 录入 / 更正 a result: category, notes, 责令改正 period, 移交, 免罚清单 citation. */
export function ResultForm({ target, onClose }: { target: ResultTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const units = $api.useQuery('get', '/api/plan/units');
  const exemptions = $api.useQuery('get', '/api/inspections/exemptions/', {});
  const category = Form.useWatch('category', form) ?? (target.mode === 'correct' ? target.initial.category : EMPTY.category);
  const problem = RESULT_CATEGORIES.find((c) => c.code === category)?.outcome === 'problem';
  const save = async (v: Fields) => {
    setBusy(true);
    const body: Fields = {
      category: v.category,
      notes: v.notes ?? '',
      rectifyDays: problem ? (v.rectifyDays ?? null) : null,
      transferUnitId: v.transferUnitId ?? null,
      transferNote: v.transferUnitId ? (v.transferNote ?? null) : null,
      exemptionId: problem ? (v.exemptionId ?? null) : null,
    };
    try {
      if (target.mode === 'record')
        await client.POST('/api/inspections/checks/results', {
          body: { ...body, drawId: target.drawId, objectKey: target.objectKey, itemId: target.itemId },
        });
      else await client.PUT('/api/inspections/checks/results/{resultId}', { params: { path: { resultId: target.resultId } }, body });
      message.success(target.mode === 'record' ? '检查结果已录入' : '检查结果已更正');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/checks/mine'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/checks/results'] });
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${target.mode === 'record' ? '录入检查结果' : '更正检查结果'}：${target.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'save-result' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={target.mode === 'correct' ? target.initial : EMPTY}>
        <Form.Item name="category" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
          <Select data-testid="result-category" options={RESULT_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
        <Form.Item name="notes" label="检查情况说明" rules={problem ? [{ required: true, whitespace: true, message: '发现问题的，请填写检查情况说明' }] : []}>
          <Input.TextArea maxLength={2000} rows={3} data-testid="result-notes" />
        </Form.Item>
        {problem && (
          <>
            <Form.Item
              name="rectifyDays"
              label="责令改正期限（工作日）"
              rules={category === 'corrected' ? [{ required: true, message: '请填写改正期限' }] : []}
              extra="按国务院办公厅公布的节假日安排计算工作日"
            >
              <InputNumber min={1} max={250} precision={0} style={{ width: '100%' }} data-testid="result-rectify" />
            </Form.Item>
            <Form.Item name="exemptionId" label="援引免罚清单（首违不罚等）">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="不援引"
                options={(exemptions.data?.items ?? []).filter((e) => e.active).map((e) => ({ value: e.id, label: `${e.kind}：${e.item}` }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="transferUnitId" label="移交部门">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="不移交"
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="transferNote" label="移交说明">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
