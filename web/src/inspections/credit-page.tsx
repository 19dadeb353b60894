import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';
import { UploadButton } from '../shared/upload-button.js';
import { DEFAULT_CREDIT_SOURCE, type CreditClass } from '../../../src/inspections/core/credit.js';

type Classes = ApiResponse<'/api/inspections/credit/classes'>;
type Standing = ApiResponse<'/api/inspections/credit/standing'>;
type Row = Standing['items'][number];

const EDITORS = ['office', 'admin'];
const CLASS_COLORS = ['green', 'blue', 'orange', 'red', 'purple', 'cyan', 'magenta', 'gold', 'lime', 'geekblue'];

function classTag(classes: CreditClass[], code: string) {
  const i = classes.findIndex((c) => c.code === code);
  const c = classes[i];
  return <Tag color={CLASS_COLORS[i] ?? 'default'}>{c ? `${c.name}（${c.code}）` : code}</Tag>;
}

/** 信用分级分类: the office's classes and shares, the import of classification results, each firm's class on a date. */
export function CreditPage() {
  const { user } = useSession();
  const canEdit = hasRole(user, EDITORS);
  const classes = $api.useQuery('get', '/api/inspections/credit/classes');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        信用风险分类监管
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        分类结果是配置监管资源的内部参考，不对企业和社会公开；抽取检查对象时按抽查日所处类别和各类抽查比例执行。
      </Typography.Paragraph>
      <QueryState query={classes}>
        {(c) => (
          <>
            <ClassesCard data={c} canEdit={canEdit} />
            {canEdit && <ImportCard classes={c.classes} />}
            <StandingCard classes={c.classes} canEdit={canEdit} />
          </>
        )}
      </QueryState>
    </Space>
  );
}

function ClassesCard({ data, canEdit }: { data: Classes; canEdit: boolean }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<CreditClass[] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const rows = draft ?? data.classes;
  const set = (i: number, patch: Partial<CreditClass>) =>
    setDraft(rows.map((c, j) => (j === i ? { ...c, ...patch } : patch.isDefault ? { ...c, isDefault: false } : c)));
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      await client.PUT('/api/inspections/credit/classes', { body: { classes: draft } });
      message.success('已保存分类和抽查比例');
      setDraft(null);
      setProblems([]);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/credit/classes'] });
    } catch (e) {
      message.error(errorText(e));
      setProblems(problemsOf(e));
    } finally {
      setSaving(false);
    }
  };
  const editing = canEdit && draft !== null;
  return (
    <Card
      title="分类与抽查比例"
      size="small"
      extra={
        canEdit &&
        (editing ? (
          <Space>
            <Button onClick={() => setDraft(null)}>取消</Button>
            <Button type="primary" loading={saving} onClick={save} data-testid="classes-save">
              保存
            </Button>
          </Space>
        ) : (
          <Button onClick={() => setDraft(data.classes)} data-testid="classes-edit">
            修改
          </Button>
        ))
      }
    >
      <Table<CreditClass>
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        scroll={{ x: true }}
        data-testid="credit-classes"
        columns={[
          {
            title: '代码',
            dataIndex: 'code',
            width: 80,
            render: (v: string, _c, i) =>
              editing ? <Input value={v} maxLength={4} style={{ width: 60 }} onChange={(e) => set(i, { code: e.target.value.toUpperCase() })} /> : v,
          },
          {
            title: '名称',
            dataIndex: 'name',
            render: (v: string, _c, i) => (editing ? <Input value={v} maxLength={30} onChange={(e) => set(i, { name: e.target.value })} /> : v),
          },
          {
            title: '抽查比例',
            dataIndex: 'drawShare',
            render: (v: number, _c, i) =>
              editing ? (
                <InputNumber value={v} min={0.1} max={100} step={1} addonAfter="%" style={{ width: 120 }} onChange={(n) => set(i, { drawShare: n ?? 0 })} />
              ) : (
                `${v}%`
              ),
          },
          {
            title: '需信用修复',
            dataIndex: 'restrictive',
            render: (v: boolean, _c, i) => (editing ? <Checkbox checked={v} onChange={(e) => set(i, { restrictive: e.target.checked })} /> : v ? '是' : '否'),
          },
          {
            title: '无记录时默认',
            dataIndex: 'isDefault',
            render: (v: boolean, _c, i) => (editing ? <Radio checked={v} onChange={() => set(i, { isDefault: true })} /> : v ? '默认' : ''),
          },
          ...(editing
            ? [
                {
                  title: '',
                  key: 'remove',
                  render: (_: unknown, _c: CreditClass, i: number) => (
                    <Button size="small" icon={<DeleteOutlined />} aria-label="删除类别" onClick={() => setDraft(rows.filter((_r, j) => j !== i))} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => setDraft([...rows, { code: '', name: '', drawShare: 5, restrictive: false, isDefault: false, note: null }])}
        >
          添加类别
        </Button>
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          style={{ marginTop: 8 }}
          message="未保存"
          description={
            <ul style={{ margin: 0 }}>
              {problems.map((p, i) => (
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
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        依据：{data.basis}。任何类别的抽查比例都大于 0（不免抽）。
      </Typography.Paragraph>
    </Card>
  );
}

function ImportCard({ classes }: { classes: CreditClass[] }) {
  const { message } = App.useApp();
  const [problems, setProblems] = useState<Problem[] | null>(null);
  return (
    <Card title="导入分类结果" size="small">
      <Typography.Paragraph style={{ marginTop: 0 }}>
        CSV 或 Excel 文件，首行为列名：<Typography.Text strong>统一社会信用代码</Typography.Text>、<Typography.Text strong>信用风险分类</Typography.Text>（
        {classes.map((c) => `${c.code} 或 ${c.name}`).join('、')}）、<Typography.Text strong>分类日期</Typography.Text>，可选“来源”（默认“
        {DEFAULT_CREDIT_SOURCE}”）和“企业名称”。整表校验：有任何错误则不导入；历史记录全部保留。
      </Typography.Paragraph>
      <UploadButton<ApiResponse<'/api/inspections/credit/import', 'post'>>
        url="/api/inspections/credit/import"
        accept=".csv,.xlsx"
        onUploaded={async (r) => {
          message.success(`导入完成：${r.rows} 行，新增 ${r.created}，已有 ${r.unchanged}`);
          setProblems(null);
          await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/credit/standing'] });
          await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/credit/enterprises/{enterpriseId}'] });
        }}
        onFailed={(e) => {
          message.error(errorText(e));
          const found = problemsOf(e);
          setProblems(found.length ? found : null);
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="credit-import">
          选择文件导入
        </Button>
      </UploadButton>
      {problems && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          message="文件有错误，未导入任何数据"
          data-testid="credit-import-problems"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.slice(0, 50).map((p, i) => (
                <li key={i}>
                  {p.row ? `第${p.row}行 ` : ''}
                  {p.field ? `${p.field}：` : ''}
                  {p.message}
                </li>
              ))}
              {problems.length > 50 && <li>……共 {problems.length} 处</li>}
            </ul>
          }
        />
      )}
    </Card>
  );
}

function StandingCard({ classes, canEdit }: { classes: CreditClass[]; canEdit: boolean }) {
  const [date, setDate] = useState(chinaToday());
  const [classCode, setClassCode] = useState<string>('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const standing = $api.useQuery('get', '/api/inspections/credit/standing', {
    params: { query: { date, classCode: classCode || undefined, page, pageSize: 20 } },
  });
  return (
    <Card title="企业所处类别" size="small">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <span>日期</span>
        <DateInput
          value={date}
          allowClear={false}
          onChange={(d) => {
            setDate(d ?? chinaToday());
            setPage(1);
          }}
          testId="standing-date"
        />
        <Segmented
          value={classCode}
          onChange={(v) => {
            setClassCode(String(v));
            setPage(1);
          }}
          options={[{ label: '全部', value: '' }, ...classes.map((c) => ({ label: c.code, value: c.code }))]}
        />
      </Flex>
      <QueryState query={standing}>
        {(s) => (
          <>
            <Flex wrap gap={4} style={{ marginBottom: 8 }} data-testid="standing-counts">
              {classes.map((c) => (
                <span key={c.code}>
                  {classTag(classes, c.code)}
                  {s.counts.find((x) => x.classCode === c.code)?.count ?? 0} 户
                </span>
              ))}
            </Flex>
            <ResponsiveTable<Row>
              data-testid="standing-list"
              size="small"
              rowKey={(r) => String(r.enterpriseId)}
              dataSource={s.items}
              pagination={false}
              emptyText="该日尚无分类记录"
              cardTitle={(r) => (
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpen(r.enterpriseId)}>
                  {r.enterpriseName}
                </Button>
              )}
              cardOmit={['name']}
              columns={[
                {
                  key: 'name',
                  title: '企业',
                  render: (_: unknown, r: Row) => (
                    <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpen(r.enterpriseId)}>
                      {r.enterpriseName}
                    </Button>
                  ),
                },
                { key: 'code', title: '统一社会信用代码', dataIndex: 'creditCode' },
                { key: 'class', title: '类别', render: (_: unknown, r: Row) => classTag(classes, r.classCode) },
                { key: 'since', title: '自', dataIndex: 'effectiveOn' },
                { key: 'kind', title: '依据', render: (_: unknown, r: Row) => `${r.kindLabel}（${r.source}）` },
              ]}
            />
            {s.total > s.pageSize && (
              <Flex justify="end" gap={8} style={{ marginTop: 8 }}>
                <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  上一页
                </Button>
                <span style={{ alignSelf: 'center' }}>
                  第 {page} / {Math.ceil(s.total / s.pageSize)} 页
                </span>
                <Button disabled={page * s.pageSize >= s.total} onClick={() => setPage(page + 1)}>
                  下一页
                </Button>
              </Flex>
            )}
          </>
        )}
      </QueryState>
      <Drawer open={open !== null} onClose={() => setOpen(null)} title="分类记录" width={Math.min(520, window.innerWidth)} destroyOnHidden>
        {open !== null && <History enterpriseId={open} classes={classes} canEdit={canEdit} />}
      </Drawer>
    </Card>
  );
}

function History({ enterpriseId, classes, canEdit }: { enterpriseId: number; classes: CreditClass[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const history = $api.useQuery('get', '/api/inspections/credit/enterprises/{enterpriseId}', { params: { path: { enterpriseId } } });
  const [form] = Form.useForm<{ repairedOn: string; classCode: string; source: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const target = classes.find((c) => c.isDefault)?.code;
  const repair = async (v: { repairedOn: string; classCode: string; source: string; note?: string }) => {
    setBusy(true);
    try {
      await client.POST('/api/inspections/credit/repairs', { body: { enterpriseId, ...v, note: v.note || undefined } });
      message.success('已登记信用修复');
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/credit/enterprises/{enterpriseId}'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/credit/standing'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <QueryState query={history}>
      {(h) => {
        const current = classes.find((c) => c.code === h.currentClass);
        return (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="credit-history">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="企业">{h.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">{h.creditCode}</Descriptions.Item>
              <Descriptions.Item label="今日类别">{h.currentClass ? classTag(classes, h.currentClass) : '无记录（按默认类别）'}</Descriptions.Item>
            </Descriptions>
            <Timeline
              items={h.records.map((r) => ({
                color: r.kind === 'repair' ? 'green' : 'blue',
                children: (
                  <>
                    <div>
                      {r.effectiveOn} {classTag(classes, r.classCode)} {r.kindLabel}
                    </div>
                    <Typography.Text type="secondary">
                      {r.source}
                      {r.note ? `；${r.note}` : ''}（{r.recordedBy} 记录）
                    </Typography.Text>
                  </>
                ),
              }))}
            />
            {canEdit && current?.restrictive && (
              <Card size="small" title="登记信用修复">
                <Form form={form} layout="vertical" onFinish={repair} initialValues={{ classCode: target, repairedOn: chinaToday() }}>
                  <Form.Item name="repairedOn" label="修复日期" rules={[{ required: true, message: '请选择修复日期' }]}>
                    <DateInput allowClear={false} />
                  </Form.Item>
                  <Form.Item name="classCode" label="修复后类别" rules={[{ required: true, message: '请选择类别' }]}>
                    <Radio.Group options={classes.filter((c) => !c.restrictive).map((c) => ({ label: `${c.name}（${c.code}）`, value: c.code }))} />
                  </Form.Item>
                  <Form.Item name="source" label="修复依据" rules={[{ required: true, whitespace: true, message: '请填写修复依据' }]}>
                    <Input maxLength={200} placeholder="如：信用修复决定书文号" />
                  </Form.Item>
                  <Form.Item name="note" label="说明">
                    <Input.TextArea maxLength={500} rows={2} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="repair-submit">
                    登记修复
                  </Button>
                </Form>
              </Card>
            )}
          </Space>
        );
      }}
    </QueryState>
  );
}
