import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { ExportButton } from '../shared/list-params.js';
import { problemsOf, type Problem } from '../shared/problems.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';
import { UploadButton } from '../shared/upload-button.js';

type Faq = ApiResponse<'/api/helpdesk/faq'>[number];
type FaqBody = ApiBody<'/api/helpdesk/faq', 'post'>;
type Synonym = ApiResponse<'/api/helpdesk/synonyms'>[number];
type Imported = ApiResponse<'/api/helpdesk/faq/import', 'post'>;

const refreshFaq = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/faq'] });
const refreshSynonyms = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/synonyms'] });

interface FaqForm {
  code: string;
  question: string;
  variants: string;
  answer: string;
  sourceDocument: string;
  sourceArticle: string;
  sourcePath: string;
  unitName: string;
  valid: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;
}

const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * The FAQ form. `draft` prefills a new entry and `submit` replaces the plain create (the misses page: an entry made
 * from a group of unanswered questions).
 */
export function FaqEditor({
  faq,
  onClose,
  draft,
  submit,
}: {
  faq: Faq | null;
  onClose: () => void;
  draft?: { code: string; question: string; variants: string[] };
  submit?: (body: FaqBody) => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FaqForm>();
  const [error, setError] = useState<unknown>();
  const save = async (v: FaqForm) => {
    const body: FaqBody = {
      code: v.code.trim(),
      question: v.question.trim(),
      variants: v.variants
        .split('\n')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
      answer: v.answer.trim(),
      sourceDocument: orNull(v.sourceDocument),
      sourceArticle: orNull(v.sourceArticle),
      sourcePath: orNull(v.sourcePath),
      unitName: orNull(v.unitName),
      validFrom: v.valid?.[0]?.format('YYYY-MM-DD') ?? null,
      validTo: v.valid?.[1]?.format('YYYY-MM-DD') ?? null,
    };
    try {
      if (faq) await client.PUT('/api/helpdesk/faq/{faqId}', { params: { path: { faqId: faq.id } }, body });
      else if (submit) await submit(body);
      else await client.POST('/api/helpdesk/faq', { body });
      message.success('已保存，智能客服即时生效');
      await refreshFaq();
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      title={faq ? `修改常见问题 ${faq.code}` : draft ? '转为常见问题' : '新增常见问题'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      width={720}
      destroyOnHidden
    >
      <Form<FaqForm>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          code: faq?.code ?? draft?.code ?? '',
          question: faq?.question ?? draft?.question ?? '',
          variants: (faq?.variants ?? draft?.variants)?.join('\n') ?? '',
          answer: faq?.answer ?? '',
          sourceDocument: faq?.sourceDocument ?? '',
          sourceArticle: faq?.sourceArticle ?? '',
          sourcePath: faq?.sourcePath ?? '',
          unitName: faq?.unitName ?? '',
          valid: faq && (faq.validFrom || faq.validTo) ? [faq.validFrom ? dayjs(faq.validFrom) : null, faq.validTo ? dayjs(faq.validTo) : null] : null,
        }}
      >
        <Form.Item name="code" label="编号" rules={[{ required: true, message: '请填写编号' }]}>
          <Input maxLength={40} placeholder="如 F001" />
        </Form.Item>
        <Form.Item name="question" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="variants" label="相似问法（每行一条）">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="answer" label="答案" rules={[{ required: true, message: '请填写答案' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="sourceDocument" label="来源文件">
            <Input maxLength={200} placeholder="渝中府办〔2021〕16号" />
          </Form.Item>
          <Form.Item name="sourceArticle" label="来源条款">
            <Input maxLength={200} placeholder="第6条" />
          </Form.Item>
          <Form.Item name="sourcePath" label="或本平台页面">
            <Input maxLength={300} placeholder="/calendar" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="unitName" label="责任单位">
            <Input maxLength={60} placeholder="区政务服务办" />
          </Form.Item>
          <Form.Item name="valid" label="有效期（可不填）">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
        </Space>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

function ImportFaq() {
  const { message } = App.useApp();
  const [problems, setProblems] = useState<{ text: string; list: Problem[] }>();
  const [done, setDone] = useState<Imported>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ExportButton href="/api/helpdesk/faq.xlsx" label="导出 Excel" />
        <UploadButton<Imported>
          url="/api/helpdesk/faq/import"
          accept=".xlsx,.csv"
          onUploaded={async (r) => {
            setProblems(undefined);
            setDone(r);
            message.success(`导入完成：新增 ${r.created} 条，修改 ${r.updated} 条`);
            await refreshFaq();
          }}
          onFailed={(e) => {
            setDone(undefined);
            setProblems({ text: errorText(e), list: problemsOf(e) });
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="faq-import">
            导入 Excel
          </Button>
        </UploadButton>
      </Space>
      <Typography.Text type="secondary">
        列：编号、问题、相似问法（每行一条）、答案、来源文件、来源条款、平台页面、责任单位、生效日期、失效日期。按编号新增或修改；有任何问题则一条也不导入。
      </Typography.Text>
      {done && <Alert type="success" showIcon message={`新增 ${done.created} 条，修改 ${done.updated} 条，未变 ${done.unchanged} 条`} />}
      {problems && (
        <Alert
          type="error"
          showIcon
          message={problems.text}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-problems">
              {problems.list.slice(0, 50).map((p) => (
                <li key={`${p.row}-${p.field}-${p.message}`}>
                  {p.row !== undefined ? `第${p.row}行 ` : ''}
                  {p.field ? `${p.field}：` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

function FaqTab() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Faq | null | undefined>(undefined);
  const faq = $api.useQuery('get', '/api/helpdesk/faq', { params: { query: q ? { q } : {} } });
  const wide = Grid.useBreakpoint().md !== false;
  const actions = (f: Faq) => (
    <Space>
      {f.isDemo && <Tag>演示</Tag>}
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(f)} aria-label={`修改 ${f.code}`} />
      <Popconfirm title={`删除 ${f.code}？`} okText="删除" cancelText="取消" onConfirm={() => remove(f)}>
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.code}`} />
      </Popconfirm>
    </Space>
  );
  const source = (f: Faq) => (f.sourceDocument ? `${f.sourceDocument}${f.sourceArticle ? ` ${f.sourceArticle}` : ''}` : (f.sourcePath ?? ''));
  const remove = async (f: Faq) => {
    try {
      await client.DELETE('/api/helpdesk/faq/{faqId}', { params: { path: { faqId: f.id } } });
      message.success(`已删除 ${f.code}`);
      await refreshFaq();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Input.Search placeholder="检索问题、相似问法、答案" allowClear onSearch={setQ} style={{ maxWidth: 320 }} maxLength={50} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          新增
        </Button>
      </Space>
      <ImportFaq />
      <QueryState query={faq}>
        {(rows) =>
          wide ? (
            <Table<Faq>
              size="small"
              rowKey="id"
              dataSource={rows}
              scroll={{ x: true }}
              pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 80 },
                {
                  title: '问题',
                  key: 'question',
                  render: (_, f) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>{f.question}</Typography.Text>
                      {f.variants.length > 0 && <Typography.Text type="secondary">相似问法：{f.variants.join('；')}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: '答案',
                  dataIndex: 'answer',
                  render: (a: string) => <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>{a}</Typography.Paragraph>,
                },
                { title: '来源', key: 'source', render: (_, f) => source(f) },
                { title: '责任单位', dataIndex: 'unitName', render: (u: string | null) => u ?? '' },
                { title: '', key: 'actions', render: (_, f) => actions(f) },
              ]}
            />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">共 {rows.length} 条</Typography.Text>
              {rows.slice(0, 50).map((f) => (
                <Card key={f.id} size="small" title={<Typography.Text strong>{f.question}</Typography.Text>} extra={actions(f)}>
                  <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ marginBottom: 4 }}>
                    {f.answer}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {f.code} · {source(f)}
                    {f.unitName ? ` · ${f.unitName}` : ''}
                  </Typography.Text>
                </Card>
              ))}
              {rows.length > 50 && <Typography.Text type="secondary">手机上显示前 50 条，请用检索缩小范围</Typography.Text>}
            </Space>
          )
        }
      </QueryState>
      {editing !== undefined && <FaqEditor faq={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}

function SynonymEditor({ synonym, onClose }: { synonym: Synonym | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [words, setWords] = useState(synonym?.words.join('，') ?? '');
  const [note, setNote] = useState(synonym?.note ?? '');
  const [error, setError] = useState<unknown>();
  const save = async () => {
    const body = {
      words: words
        .split(/[，,、\s]+/u)
        .map((w) => w.trim())
        .filter((w) => w !== ''),
      note: note.trim() || null,
    };
    try {
      if (synonym) await client.PUT('/api/helpdesk/synonyms/{synonymId}', { params: { path: { synonymId: synonym.id } }, body });
      else await client.POST('/api/helpdesk/synonyms', { body });
      message.success('已保存，智能客服即时生效');
      await refreshSynonyms();
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open title={synonym ? '修改同义词组' : '新增同义词组'} onCancel={onClose} onOk={save} okText="保存" destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>同一组里的词视为同一个意思（用逗号或顿号分隔），如：开公司，开办企业，企业设立登记</Typography.Text>
        <Input.TextArea value={words} onChange={(e) => setWords(e.target.value)} autoSize={{ minRows: 2 }} aria-label="同义词" />
        <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="备注（可不填）" maxLength={100} />
        {error !== undefined && <ErrorAlert error={error} />}
      </Space>
    </Modal>
  );
}

function SynonymTab() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Synonym | null | undefined>(undefined);
  const list = $api.useQuery('get', '/api/helpdesk/synonyms', {});
  const remove = async (s: Synonym) => {
    try {
      await client.DELETE('/api/helpdesk/synonyms/{synonymId}', { params: { path: { synonymId: s.id } } });
      await refreshSynonyms();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
        新增同义词组
      </Button>
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <Alert type="info" showIcon message="尚未保存同义词表：智能客服正在使用初始词表。新增第一组时，初始词表一并保存，之后可逐组修改或删除。" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              {rows.map((s) => (
                <Card key={s.id} size="small">
                  <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Space size={[4, 4]} wrap>
                      {s.words.map((w) => (
                        <Tag key={w}>{w}</Tag>
                      ))}
                      {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
                    </Space>
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label="修改" />
                      <Popconfirm title="删除这一组？" okText="删除" cancelText="取消" onConfirm={() => remove(s)}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                      </Popconfirm>
                    </Space>
                  </Space>
                </Card>
              ))}
            </Space>
          )
        }
      </QueryState>
      {editing !== undefined && <SynonymEditor synonym={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}

function TryAsk() {
  const [question, setQuestion] = useState('');
  const r = $api.useQuery('post', '/api/helpdesk/ask', { body: { question } }, { enabled: question !== '' });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search placeholder="输入一个问题，看看智能客服怎么答" enterButton="试问" onSearch={(v) => setQuestion(v.trim())} maxLength={300} />
      {question !== '' && (
        <QueryState query={r}>
          {(a) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Tag color={a.confident ? 'green' : 'orange'}>{a.confident ? '有把握' : '没有把握（会提示转人工）'}</Tag>
              {a.answers.map((x) => (
                <Card key={x.key} size="small" title={`${x.kindLabel}：${x.title}`} extra={`得分 ${x.score}，覆盖 ${Math.round(x.coverage * 100)}%`}>
                  <Typography.Paragraph>{x.text}</Typography.Paragraph>
                  <Typography.Text type="secondary">来源：{x.source.link ? <a href={x.source.link}>{x.source.label}</a> : x.source.label}</Typography.Text>
                </Card>
              ))}
            </Space>
          )}
        </QueryState>
      )}
    </Space>
  );
}

/** 智能客服知识库 (the office): the FAQ (list, edit, Excel import and export), the synonym list, and a box to try a question. */
export function HelpdeskKnowledgePage() {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        智能客服知识库
      </Typography.Title>
      <Typography.Text type="secondary">常见问题由营商办维护；实施方案的措施、惠企政策、诉求办理时限和监测指标由平台自动收录，修改后即时生效。</Typography.Text>
      <Tabs
        items={[
          { key: 'faq', label: '常见问题', children: <FaqTab /> },
          { key: 'synonyms', label: '同义词与简称', children: <SynonymTab /> },
          { key: 'try', label: '试问', children: <TryAsk /> },
        ]}
      />
    </Space>
  );
}
