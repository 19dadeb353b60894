import { useEffect, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Chart, gridWithLabels, rowLabels, rowsHeight } from '../shared/chart.js';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { useBackgroundRun } from '../jobs/use-background-run.js';
import { AsOfTag } from '../shared/as-of-tag.js';
import { BulletinInstructions } from './instructions.js';
import { errorText, NeedLogin, planWaiting, usePlan, useRoles } from './common.js';

type BulletinDoc = ApiResponse<'/api/ledger/bulletins/{bulletinId}'>;
type Bulletin = BulletinDoc['content'];
type BulletinSummary = ApiResponse<'/api/ledger/plans/{planId}/bulletins'>[number];
type BulletinPatch = ApiBody<'/api/ledger/bulletins/{bulletinId}', 'patch'>;

const invalidateBulletins = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/plans/{planId}/bulletins'] }),
    queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/bulletins/{bulletinId}'] }),
  ]);

const docxHref = (id: number) => `/api/ledger/bulletins/${id}/bulletin.docx`;

/** 定期通报: the office drafts bulletins of a cycle; everyone reads the archive of issued ones. */
export function BulletinPage() {
  const { user, isOffice } = useRoles();
  const planState = usePlan();
  const { plan } = planState;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const planId = plan?.id ?? 0;
  const cycles = $api.useQuery('get', '/api/ledger/plans/{planId}/cycles', { params: { path: { planId } } }, { enabled: !!user && !!plan });
  const list = $api.useQuery('get', '/api/ledger/plans/{planId}/bulletins', { params: { path: { planId } } }, { enabled: !!user && !!plan });
  const [cycleId, setCycleId] = useState<number | undefined>(params.get('cycleId') ? Number(params.get('cycleId')) : undefined);
  const [dataDate, setDataDate] = useState('');
  // Drafting sums the ledger's figures in the background: its run is followed here, then the draft opens.
  const drafting = useBackgroundRun({
    unit: '步',
    onFinished: (run) => {
      void invalidateBulletins();
      // The finished run links to its draft: open it, as the synchronous drafting did.
      const draftLink = run.status === 'succeeded' ? run.result?.links?.find((l) => l.href.startsWith('/ledger/bulletins/')) : undefined;
      if (draftLink) navigate(draftLink.href);
    },
  });
  if (!user) return <NeedLogin />;
  const waiting = planWaiting(planState);
  if (waiting) return waiting;
  const chosenCycle = cycleId ?? cycles.data?.at(-1)?.id;
  const draft = () => {
    if (!chosenCycle) return;
    void drafting.start(() =>
      client.POST('/api/ledger/plans/{planId}/bulletins', {
        params: { path: { planId } },
        body: { cycleId: chosenCycle, ...(dataDate ? { dataDate } : {}) },
      }),
    );
  };
  const byCycle = (b: BulletinSummary) => !params.get('cycleId') || b.cycleId === Number(params.get('cycleId'));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          定期通报
        </Typography.Title>
        {plan && <AsOfTag planId={plan.id} />}
      </Space>
      {isOffice && (
        <Card size="small" title="起草通报">
          <QueryState query={cycles}>
            {(cs) =>
              cs.length === 0 ? (
                <Empty description="尚未设置报送周期" />
              ) : (
                <Space wrap>
                  <span>报送周期</span>
                  <Select
                    style={{ width: 160 }}
                    value={chosenCycle}
                    onChange={setCycleId}
                    options={cs.map((c) => ({ value: c.id, label: c.label }))}
                    data-testid="draft-cycle"
                  />
                  <span>数据截至</span>
                  <Input
                    type="date"
                    value={dataDate}
                    onChange={(e) => setDataDate(e.target.value)}
                    style={{ width: 160 }}
                    placeholder="默认周期截止后第一个工作日"
                    data-testid="draft-date"
                  />
                  <Button type="primary" icon={<FileAddOutlined />} loading={drafting.starting} onClick={draft} data-testid="draft-new">
                    新建草稿
                  </Button>
                  <Typography.Text type="secondary">数据截至日期留空时取周期截止后第一个工作日。</Typography.Text>
                </Space>
              )
            }
          </QueryState>
          {drafting.progress && <div style={{ marginTop: 12 }}>{drafting.progress}</div>}
        </Card>
      )}
      <QueryState query={list}>
        {(all) => {
          const drafts = all.filter((b) => b.state === 'draft' && byCycle(b));
          const issued = all.filter((b) => b.state === 'issued' && byCycle(b));
          return (
            <>
              {isOffice && (
                <Card size="small" title={`草稿（${drafts.length}）`} data-testid="drafts">
                  <List
                    dataSource={drafts}
                    locale={{ emptyText: '暂无草稿' }}
                    renderItem={(b) => (
                      <List.Item
                        actions={[
                          <Link key="edit" to={`/ledger/bulletins/${b.id}`}>
                            编辑
                          </Link>,
                        ]}
                      >
                        <List.Item.Meta
                          title={<Link to={`/ledger/bulletins/${b.id}`}>{b.title}</Link>}
                          description={`${b.cycleLabel} · 数据截至 ${b.dataDate} · ${b.authorName} 起草 · 更新于 ${new Date(b.updatedAt).toLocaleString('zh-CN')}`}
                        />
                      </List.Item>
                    )}
                  />
                </Card>
              )}
              <Card size="small" title={`已签发通报（${issued.length}）`} data-testid="archive">
                <List
                  dataSource={issued}
                  locale={{ emptyText: '尚无已签发的通报' }}
                  renderItem={(b) => (
                    <List.Item
                      actions={[
                        <a key="docx" href={docxHref(b.id)} aria-label={`下载${b.number}`}>
                          <DownloadOutlined /> Word
                        </a>,
                      ]}
                    >
                      <List.Item.Meta
                        title={
                          <Space wrap size={4}>
                            <Tag color="red">{b.number}</Tag>
                            <Link to={`/ledger/bulletins/${b.id}`}>{b.title}</Link>
                          </Space>
                        }
                        description={`${b.issuedOn} 签发 · 签发人 ${b.issuerName}（${b.issuerUnit}）· 数据截至 ${b.dataDate}`}
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}

/** One bulletin: a draft the office edits and issues, or an issued one (frozen, with its .docx). */
export function BulletinDocPage() {
  const { bulletinId } = useParams();
  const id = Number(bulletinId);
  const { user, isOffice } = useRoles();
  const doc = $api.useQuery('get', '/api/ledger/bulletins/{bulletinId}', { params: { path: { bulletinId: id } } }, { enabled: !!user });
  if (!user) return <NeedLogin />;
  return (
    <QueryState query={doc}>
      {(d) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Link to="/ledger/bulletins">← 定期通报</Link>
            {d.state === 'issued' ? (
              <Tag color="success" data-testid="bulletin-state">
                已签发
              </Tag>
            ) : (
              <Tag color="processing" data-testid="bulletin-state">
                草稿
              </Tag>
            )}
          </Space>
          {d.state === 'issued' ? <IssuedHeader d={d} /> : isOffice ? <DraftEditor d={d} /> : null}
          {d.state === 'issued' && <BulletinInstructions bulletinId={d.id} />}
          <BulletinView b={d.content} />
        </Space>
      )}
    </QueryState>
  );
}

function IssuedHeader({ d }: { d: BulletinDoc }) {
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { label: '文号', children: <span data-testid="bulletin-number">{d.number}</span> },
          { label: '签发日期', children: <span data-testid="bulletin-issued-on">{d.issuedOn}</span> },
          { label: '签发人', children: <span data-testid="bulletin-issuer">{`${d.issuerName}（${d.issuerUnit}）`}</span> },
          { label: '数据截至', children: d.dataDate },
        ]}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<DownloadOutlined />} href={docxHref(d.id)} data-testid="bulletin-docx">
          下载 Word 版
        </Button>
        <Typography.Text type="secondary">已签发的通报及其 Word 文件不再改变。</Typography.Text>
      </Space>
    </Card>
  );
}

type Form = Required<Pick<BulletinPatch, 'title' | 'dataDate' | 'recipients' | 'overview' | 'problems' | 'requirements'>>;
const formOf = (d: BulletinDoc): Form => ({ title: d.title, dataDate: d.dataDate, ...d.content.texts });

function DraftEditor({ d }: { d: BulletinDoc }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(() => formOf(d));
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(formOf(d)), [d]);
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(d));
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const save = async () => {
    await client.PATCH('/api/ledger/bulletins/{bulletinId}', { params: { path: { bulletinId: d.id } }, body: form });
    await invalidateBulletins();
  };
  const run = async (what: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await what();
      message.success(done);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const issue = () =>
    Modal.confirm({
      title: '签发通报',
      content: '签发后将编号，通报的数据和文字连同 Word 文件一并冻结，不能再修改或删除，并通知各责任单位。确定签发？',
      okText: '签发',
      cancelText: '取消',
      onOk: () =>
        run(async () => {
          if (dirty) await save();
          const { data } = await client.POST('/api/ledger/bulletins/{bulletinId}/issue', { params: { path: { bulletinId: d.id } } });
          await invalidateBulletins();
          if (data) message.info(`文号 ${data.number}，已通知 ${data.notified} 个账号`);
        }, '已签发'),
    });
  const field = (label: string, k: keyof Form, rows: number, testId: string, hint?: string) => (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      {hint && <Typography.Text type="secondary">（{hint}）</Typography.Text>}
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 16 }} value={form[k]} onChange={set(k)} data-testid={testId} />
    </div>
  );
  return (
    <Card size="small" title="编辑草稿" data-testid="draft-editor">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message="草稿的数据按“数据截至”日期实时汇总；签发时连同下列文字冻结。" />
        <Row gutter={[12, 8]}>
          <Col xs={24} md={16}>
            <Typography.Text strong>标题</Typography.Text>
            <Input value={form.title} onChange={set('title')} maxLength={200} data-testid="draft-title" />
          </Col>
          <Col xs={24} md={8}>
            <Typography.Text strong>数据截至</Typography.Text>
            <Input type="date" value={form.dataDate} onChange={set('dataDate')} data-testid="draft-data-date" />
          </Col>
        </Row>
        <div>
          <Typography.Text strong>主送</Typography.Text>
          <Input value={form.recipients} onChange={set('recipients')} maxLength={500} data-testid="draft-recipients" />
        </div>
        {field('总体情况（补充说明）', 'overview', 2, 'draft-overview', '接在自动汇总的数据之后，可留空')}
        {field('存在问题', 'problems', 3, 'draft-problems', '已按数据起草，可改写；留空则不列此部分')}
        {field('下步工作要求', 'requirements', 3, 'draft-requirements')}
        <Space wrap>
          <Button type="primary" disabled={!dirty} loading={busy} onClick={() => run(save, '已保存')} data-testid="draft-save">
            保存
          </Button>
          <Button icon={<DownloadOutlined />} href={docxHref(d.id)} disabled={dirty}>
            预览 Word
          </Button>
          <Button type="primary" danger loading={busy} onClick={issue} data-testid="draft-issue">
            签发…
          </Button>
          <Popconfirm
            title="删除这份草稿？"
            okText="删除"
            cancelText="取消"
            onConfirm={() =>
              run(async () => {
                await client.DELETE('/api/ledger/bulletins/{bulletinId}', { params: { path: { bulletinId: d.id } } });
                await invalidateBulletins();
                navigate('/ledger/bulletins');
              }, '已删除')
            }
          >
            <Button danger disabled={busy}>
              删除草稿
            </Button>
          </Popconfirm>
          {dirty && <Typography.Text type="warning">有未保存的修改（签发时会先保存）</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}

const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The bulletin as a page, in the order of the Word document. */
function BulletinView({ b }: { b: Bulletin }) {
  const para = (p: string, i: number) => (
    <Typography.Paragraph key={i} style={{ textIndent: '2em' }}>
      {p}
    </Typography.Paragraph>
  );
  const problems = paragraphsOf(b.texts.problems);
  let n = 0;
  const h = (t: string) => <Typography.Title level={5}>{`${'一二三四五六七八九十'[n++]}、${t}`}</Typography.Title>;
  const table = { size: 'small' as const, pagination: false as const, scroll: { x: true as const } };
  return (
    <Card data-testid="bulletin-view">
      <Typography.Title level={3} style={{ textAlign: 'center', color: '#c41d26' }}>
        {b.issuer}
      </Typography.Title>
      <div style={{ textAlign: 'center', borderBottom: '2px solid #c41d26', paddingBottom: 8 }} data-testid="bulletin-doc-number">
        {b.docNumber}
      </div>
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 24 }} data-testid="bulletin-title">
        {b.title}
      </Typography.Title>
      <Typography.Paragraph>{b.texts.recipients}：</Typography.Paragraph>
      {b.paragraphs.slice(0, 1).map(para)}
      {h('总体情况')}
      <div data-testid="bulletin-overall">{b.paragraphs.slice(1).map(para)}</div>
      {paragraphsOf(b.texts.overview).map(para)}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="任务总数" value={b.overall.tasks} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="总体进度" value={b.overall.progress ?? 0} suffix="%" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="红灯" value={b.overall.byLight.red} valueStyle={{ color: '#f5222d' }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="按时报送" value={`${b.reporting.onTime}/${b.reporting.owed}`} />
        </Col>
      </Row>
      {h('分领域推进情况')}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Chart
            option={{
              tooltip: {},
              series: [
                {
                  type: 'pie',
                  radius: ['40%', '70%'],
                  data: b.overall.byStatus.filter((s) => s.count > 0).map((s) => ({ name: s.label, value: s.count, itemStyle: { color: s.color } })),
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} md={12}>
          <Chart
            height={rowsHeight(b.sections.length, false)}
            option={(w) => ({
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              grid: gridWithLabels({ top: 8 }),
              yAxis: { type: 'category', inverse: true, data: b.sections.map((s) => s.title), axisLabel: rowLabels(w) },
              xAxis: { type: 'value', max: 100 },
              series: [{ type: 'bar', name: '进度%', data: b.sections.map((s) => s.progress ?? 0) }],
            })}
          />
        </Col>
      </Row>
      {h('本期完成的任务')}
      <Table
        {...table}
        rowKey="code"
        dataSource={b.completed}
        locale={{ emptyText: '本期无新完成的任务' }}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '任务', dataIndex: 'title' },
          { title: '牵头单位', dataIndex: 'units' },
          { title: '完成日期', dataIndex: 'completedOn' },
        ]}
      />
      {h('滞后任务')}
      <Table
        {...table}
        rowKey="code"
        dataSource={b.lagging}
        locale={{ emptyText: '本期无滞后任务' }}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '任务', dataIndex: 'title' },
          { title: '牵头单位', dataIndex: 'units' },
          { title: '灯号', dataIndex: 'light' },
          { title: '情况', dataIndex: 'reasons' },
        ]}
      />
      {h('进展报送情况')}
      <Typography.Paragraph>逾期报送：{b.reporting.late.map((u) => `${u.unit}（${u.tasks.join('、')}）`).join('；') || '无'}</Typography.Paragraph>
      <Typography.Paragraph>未报送：{b.reporting.missing.map((u) => `${u.unit}（${u.tasks.join('、')}）`).join('；') || '无'}</Typography.Paragraph>
      {h('督办事项')}
      <Table
        {...table}
        rowKey="number"
        dataSource={b.openOrders}
        locale={{ emptyText: '目前无未办结的督办事项' }}
        columns={[
          { title: '督办单号', dataIndex: 'number' },
          { title: '单位', dataIndex: 'unit' },
          { title: '任务', dataIndex: 'task' },
          { title: '阶段', dataIndex: 'stage' },
          { title: '反馈期限', render: (_, o) => `${o.replyDue ?? '—'}${o.overdue ? '（逾期）' : ''}` },
        ]}
      />
      {problems.length > 0 && (
        <>
          {h('存在问题')}
          <div data-testid="bulletin-problems">{problems.map(para)}</div>
        </>
      )}
      {h('下步工作要求')}
      <div data-testid="bulletin-requirements">{paragraphsOf(b.texts.requirements).map(para)}</div>
      <div style={{ textAlign: 'right', marginTop: 24 }}>
        {b.issuer}
        <br />
        {b.issue?.issuedOn ?? b.asOf}
        <br />
        <Typography.Text type="secondary">数据截至 {b.asOf}</Typography.Text>
      </div>
    </Card>
  );
}
