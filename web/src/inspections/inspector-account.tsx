import { useState } from 'react';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { client } from '../api.js';
import { errorText } from '../shared/query-state.js';

/** 登录账号: which staff login of the inspector's unit records the inspector's results (我的检查任务). */
export function InspectorAccountButton({ inspectorId, name }: { inspectorId: number; name: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ account: string }>();
  const save = async (account: string | null) => {
    setBusy(true);
    try {
      await client.PUT('/api/inspections/checks/inspector-accounts/{inspectorId}', { params: { path: { inspectorId } }, body: { account } });
      message.success(account ? '已关联登录账号' : '已取消关联');
      setOpen(false);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)} data-testid={`inspector-account-${inspectorId}`}>
        登录账号
      </Button>
      {open && (
        <Modal
          open
          title={`${name} 的登录账号`}
          onCancel={() => setOpen(false)}
          confirmLoading={busy}
          okText="关联"
          onOk={() => form.submit()}
          footer={(_, { OkBtn, CancelBtn }) => (
            <>
              <Button onClick={() => save(null)} disabled={busy}>
                取消关联
              </Button>
              <CancelBtn />
              <OkBtn />
            </>
          )}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">
            填写该检查人员本人所用的本单位工作人员账号；关联后，本人可在“我的检查任务”中录入选派给自己的检查结果。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => save(v.account.trim())}>
            <Form.Item name="account" label="登录账号" rules={[{ required: true, whitespace: true, message: '请填写登录账号' }]}>
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
