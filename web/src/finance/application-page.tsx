import { App, Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { $api, ApiError, client } from '../api.js';
import { useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';
import { chinaToday } from '../shared/today.js';
import { PendingText, refreshApplications, StatusTag, wan, type ApplicationDetail } from './application-common.js';

type Meta = NonNullable<ReturnType<typeof useMeta>['data']>;
const useMeta = () => $api.useQuery('get', '/api/finance/applications/meta', {});

/** The bank's steps: 受理, 不予受理/不予授信 (reason from the list and a note), 授信 (amount, rate, guarantee, 首贷), 放款. */
function BankActions({ a, meta }: { a: ApplicationDetail; meta: Meta }) {
  const { message } = App.useApp();
  const [declining, setDeclining] = useState(false);
  const [approving, setApproving] = useState(false);
  const [disbursing, setDisbursing] = useState(false);
  const path = { params: { path: { applicationId: a.id } } };
  const run = async (label: string, f: () => Promise<unknown>) => {
    try {
      await f();
      message.success(label);
      await refreshApplications();
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };
  const [decline] = Form.useForm<{ reason: string; note: string }>();
  const [approve] = Form.useForm<{ creditAmount: number; rate: number; guarantee: string; termMonths: number; firstLoan: boolean; renewal: string }>();
  const [disburse] = Form.useForm<{ amount: number; disbursedOn: string }>();
  if (a.status !== 'submitted' && a.status !== 'accepted' && a.status !== 'approved') return null;
  return (
    <Card size="small" title="银行办理">
      <Space wrap>
        {a.status === 'submitted' && (
          <Button
            type="primary"
            data-testid="accept"
            onClick={() => run('已受理', () => client.POST('/api/finance/applications/{applicationId}/accept', { ...path, body: {} }))}
          >
            受理
          </Button>
        )}
        {a.status === 'accepted' && (
          <Button type="primary" data-testid="approve" onClick={() => setApproving(true)}>
            授信
          </Button>
        )}
        {a.status === 'approved' && (
          <Button type="primary" data-testid="disburse" onClick={() => setDisbursing(true)}>
            登记放款
          </Button>
        )}
        {(a.status === 'submitted' || a.status === 'accepted') && (
          <Button danger onClick={() => setDeclining(true)}>
            {a.status === 'submitted' ? '不予受理' : '不予授信'}
          </Button>
        )}
      </Space>
      <Modal
        title={a.status === 'submitted' ? '不予受理' : '不予授信'}
        open={declining}
        onCancel={() => setDeclining(false)}
        onOk={async () => {
          const v = await decline.validateFields();
          const reason = meta.declineReasons.find((r) => r.value === v.reason)!.value;
          if (await run('已答复企业', () => client.POST('/api/finance/applications/{applicationId}/decline', { ...path, body: { reason, note: v.note } })))
            setDeclining(false);
        }}
      >
        <Form form={decline} layout="vertical">
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={meta.declineReasons.map((r) => ({ value: r.value, label: r.label }))} />
          </Form.Item>
          <Form.Item name="note" label="具体说明" rules={[{ required: true, whitespace: true, message: '请填写具体说明' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="授信"
        open={approving}
        onCancel={() => setApproving(false)}
        onOk={async () => {
          const v = await approve.validateFields();
          const guarantee = meta.guarantees.find((g) => g === v.guarantee)!;
          const renewal = meta.renewals.find((r) => r.value === v.renewal)!.value;
          if (
            await run('已授信', () =>
              client.POST('/api/finance/applications/{applicationId}/approve', {
                ...path,
                body: { creditAmount: v.creditAmount, rate: v.rate, guarantee, termMonths: v.termMonths, firstLoan: v.firstLoan, renewal },
              }),
            )
          )
            setApproving(false);
        }}
      >
        <Form
          form={approve}
          layout="vertical"
          initialValues={{ creditAmount: a.amount, termMonths: a.termMonths, guarantee: '信用', firstLoan: a.firstLoanDeclared, renewal: 'none' }}
        >
          <Form.Item name="creditAmount" label="授信金额（万元）" rules={[{ required: true, message: '请填写授信金额' }]}>
            <InputNumber min={0.01} max={1000000} style={{ width: '100%' }} data-testid="credit-amount" />
          </Form.Item>
          <Form.Item name="rate" label="年利率（%）" rules={[{ required: true, message: '请填写年利率' }]}>
            <InputNumber min={0.01} max={24} step={0.05} style={{ width: '100%' }} data-testid="rate" />
          </Form.Item>
          <Form.Item name="termMonths" label="期限（月）" rules={[{ required: true, message: '请填写期限' }]}>
            <InputNumber min={1} max={360} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="guarantee" label="担保方式" rules={[{ required: true }]}>
            <Select options={meta.guarantees.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item name="renewal" label="贷款类型" rules={[{ required: true }]}>
            <Select options={meta.renewals.map((r) => ({ value: r.value, label: r.label }))} />
          </Form.Item>
          <Form.Item name="firstLoan" valuePropName="checked">
            <Checkbox>确认为企业首笔银行贷款（首贷）{a.firstLoanDeclared ? '——企业申报为首贷' : ''}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="登记放款"
        open={disbursing}
        onCancel={() => setDisbursing(false)}
        onOk={async () => {
          const v = await disburse.validateFields();
          if (await run('已登记放款', () => client.POST('/api/finance/applications/{applicationId}/disburse', { ...path, body: v }))) setDisbursing(false);
        }}
      >
        <Form form={disburse} layout="vertical" initialValues={{ amount: a.creditAmount ?? undefined, disbursedOn: chinaToday() }}>
          <Form.Item name="amount" label="放款金额（万元）" rules={[{ required: true, message: '请填写放款金额' }]}>
            <InputNumber min={0.01} max={1000000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="disbursedOn" label="放款日期" rules={[{ required: true, message: '请选择放款日期' }]}>
            <DateInput />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The enterprise's data as the bank may see it (only what an active consent covers; each opening is recorded). */
function EnterpriseDataCard({ a }: { a: ApplicationDetail }) {
  const [open, setOpen] = useState(false);
  const data = $api.useQuery(
    'get',
    '/api/finance/applications/{applicationId}/enterprise-data',
    { params: { path: { applicationId: a.id } } },
    { enabled: open, retry: false },
  );
  return (
    <Card
      size="small"
      title="企业授权数据"
      extra={
        !open && (
          <Button onClick={() => setOpen(true)} data-testid="open-enterprise-data">
            查看企业数据
          </Button>
        )
      }
    >
      {!open ? (
        <Typography.Text type="secondary">仅可在企业授权范围和期限内查看；每次查看均留痕，企业可见。</Typography.Text>
      ) : data.error instanceof ApiError && data.error.status === 403 ? (
        // A refusal the bank must expect (consent withdrawn or expired): the reason, no request id to report.
        <Alert type="warning" showIcon message={data.error.message} data-testid="enterprise-data-refused" />
      ) : data.error ? (
        <ErrorAlert error={data.error} />
      ) : data.data ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="enterprise-data">
          <Typography.Text type="secondary">授权有效至 {data.data.validUntil}</Typography.Text>
          {data.data.sections.map((s) => (
            <Descriptions
              key={s.item}
              size="small"
              title={s.label}
              column={{ xs: 1, md: 2 }}
              items={s.fields.map((f) => ({ key: f.label, label: f.label, children: f.value }))}
            />
          ))}
          {data.data.notCovered.length > 0 && (
            <Typography.Text type="secondary">企业未授权：{data.data.notCovered.map((n) => n.label).join('、')}</Typography.Text>
          )}
        </Space>
      ) : null}
    </Card>
  );
}

/** One application: its terms, deadlines, outcome, the steps so far, the consents; the bank's and the firm's actions. */
export function ApplicationPage() {
  const { applicationId } = useParams();
  const { user } = useSession();
  const { message } = App.useApp();
  const meta = useMeta();
  const q = $api.useQuery('get', '/api/finance/applications/{applicationId}', { params: { path: { applicationId: Number(applicationId) } } });
  return (
    <QueryState query={q}>
      {(a) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {a.enterpriseName}申请“{a.productName}” <StatusTag a={a} />
          </Typography.Title>
          {a.overdue && <Alert type="error" showIcon message={`${a.pending?.step}已超过期限（${a.pending?.due}）`} />}
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'bank', label: '金融机构', children: a.institutionName },
                { key: 'type', label: '产品类型', children: a.productType },
                { key: 'amount', label: '申请金额', children: `${wan(a.amount)}，${a.termMonths} 个月` },
                { key: 'kind', label: '企业申报', children: a.firstLoanDeclared ? '首贷' : '非首贷' },
                { key: 'submitted', label: '提交日期', children: a.submittedOn },
                { key: 'acceptDue', label: '受理期限', children: `${a.acceptDue}${a.acceptedOn ? `（${a.acceptedOn} 受理）` : ''}` },
                { key: 'decideDue', label: '审批期限', children: a.decideDue ?? '受理后确定' },
                { key: 'pending', label: '当前待办', children: <PendingText a={a} /> },
                ...(a.creditAmount !== null
                  ? [
                      { key: 'credit', label: '授信', children: `${wan(a.creditAmount)}，年利率 ${a.rate}%，${a.guarantee}，${a.approvedTermMonths} 个月` },
                      { key: 'first', label: '首贷（银行确认）', children: a.firstLoanConfirmed ? '是' : '否' },
                      { key: 'renewal', label: '贷款类型', children: a.renewalLabel },
                    ]
                  : []),
                ...(a.disbursedAmount !== null ? [{ key: 'disbursed', label: '放款', children: `${wan(a.disbursedAmount)}（${a.disbursedOn}）` }] : []),
                ...(a.declineReasonLabel ? [{ key: 'decline', label: '未通过原因', children: `${a.declineReasonLabel}：${a.declineNote}` }] : []),
              ]}
            />
          </Card>
          {user?.role === 'bank' && meta.data && <BankActions a={a} meta={meta.data} />}
          {user?.role === 'bank' && <EnterpriseDataCard a={a} />}
          {user?.role === 'enterprise' && (a.status === 'submitted' || a.status === 'accepted') && (
            <Button
              danger
              style={{ alignSelf: 'flex-start' }}
              onClick={async () => {
                try {
                  await client.POST('/api/finance/applications/{applicationId}/withdraw', { params: { path: { applicationId: a.id } }, body: {} });
                  message.success('已撤回申请');
                  await refreshApplications();
                } catch (e) {
                  message.error(errorText(e));
                }
              }}
            >
              撤回申请
            </Button>
          )}
          <Card size="small" title="办理过程">
            <Timeline
              items={a.steps.map((s) => ({
                children: (
                  <span>
                    {s.onDay} {s.label}（{s.actor}）{s.note ? `：${s.note}` : ''}
                  </span>
                ),
              }))}
            />
          </Card>
          <Card size="small" title="数据授权">
            {a.consents.map((c) => (
              <Typography.Paragraph key={c.id} style={{ marginBottom: 4 }}>
                {c.institutionName}：{c.items.map((i) => i.label).join('、')}，{c.grantedOn} 至 {c.validUntil}，{c.statusLabel}
                {user?.role === 'enterprise' && (
                  <>
                    {' '}
                    <Link to="/finance/consents">管理授权</Link>
                  </>
                )}
              </Typography.Paragraph>
            ))}
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
