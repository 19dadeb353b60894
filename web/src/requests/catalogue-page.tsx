import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { QueryState } from '../shared/query-state.js';
import { formatKeywords, OVERRIDABLE_CATEGORIES, parseKeywords, type Keyword } from '../../../src/requests/core/index.js';
import { errorText } from './common.js';
import { SuggestionList, type Suggestion } from './reasons.js';

type Topic = ApiResponse<'/api/requests/catalogue'>[number];

const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/catalogue'] });

function KeywordTags({ ks }: { ks: Keyword[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {ks.map((k) => (
        <Tag key={k.word} color={k.weight < 0 ? 'red' : undefined}>
          {k.word} {k.weight}
        </Tag>
      ))}
    </Space>
  );
}

interface Draft {
  name: string;
  answerDays: number | null;
  keywords: string;
  unitIds: number[];
  unitKeywords: Record<number, string>;
  active: boolean;
}

/** Add or edit one topic; keywords typed as `融资 5，贷款 3，投标 -2`. */
function TopicEditor({ topic, open, onClose }: { topic: Topic | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const units = $api.useQuery('get', '/api/plan/units', {});
  const [d, setD] = useState<Draft>(() => ({
    name: topic?.name ?? '',
    answerDays: topic?.answerDays ?? null,
    keywords: formatKeywords(topic?.keywords ?? []),
    unitIds: topic?.units.map((u) => u.unitId) ?? [],
    unitKeywords: Object.fromEntries((topic?.units ?? []).map((u) => [u.unitId, formatKeywords(u.keywords)])),
    active: topic?.active ?? true,
  }));
  const unitName = (id: number) => units.data?.find((u) => u.id === id)?.name ?? topic?.units.find((u) => u.unitId === id)?.unitName ?? '';
  const save = async () => {
    const main = parseKeywords(d.keywords);
    const perUnit = d.unitIds.map((id) => ({ id, ...parseKeywords(d.unitKeywords[id] ?? '') }));
    const problems = [...main.problems, ...perUnit.flatMap((u) => u.problems)];
    if (problems.length) return void message.error(`关键词有误：${problems.join('；')}`);
    const body = {
      name: d.name,
      answerDays: d.answerDays,
      keywords: main.keywords,
      units: perUnit.map((u) => ({ unitId: u.id, keywords: u.keywords })),
      active: d.active,
    };
    try {
      if (topic) await client.PUT('/api/requests/catalogue/{topicId}', { params: { path: { topicId: topic.id } }, body });
      else await client.POST('/api/requests/catalogue', { body });
      message.success('已保存');
      await refresh();
      onClose();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal open={open} title={topic ? `修改事项类别：${topic.name}` : '新增事项类别'} onCancel={onClose} onOk={save} okText="保存" width={640} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label="事项类别" required>
          <Input value={d.name} maxLength={30} onChange={(e) => setD({ ...d, name: e.target.value })} data-testid="topic-name" />
        </Form.Item>
        <Form.Item label="承办单位（第一个为默认）" required>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            value={d.unitIds}
            onChange={(v: number[]) => setD({ ...d, unitIds: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            data-testid="topic-units"
          />
        </Form.Item>
        <Form.Item label="关键词与权重" extra="如“融资 5，贷款 3，投标 -2”；权重 1–10，负数表示出现该词时不像这一类；未写权重按 3。标题中出现的词计两倍。">
          <Input.TextArea rows={3} value={d.keywords} onChange={(e) => setD({ ...d, keywords: e.target.value })} data-testid="topic-keywords" />
        </Form.Item>
        {d.unitIds.length > 1 &&
          d.unitIds.map((id) => (
            <Form.Item key={id} label={`${unitName(id)}的关键词（在本类别的单位中选它）`}>
              <Input.TextArea
                rows={2}
                value={d.unitKeywords[id] ?? ''}
                onChange={(e) => setD({ ...d, unitKeywords: { ...d.unitKeywords, [id]: e.target.value } })}
              />
            </Form.Item>
          ))}
        <Form.Item label="答复时限（工作日）" extra={`只用于${OVERRIDABLE_CATEGORIES.join('、')}类诉求；留空按诉求类型的时限。`}>
          <InputNumber min={1} max={60} value={d.answerDays} onChange={(v) => setD({ ...d, answerDays: v ?? null })} />
        </Form.Item>
        <Form.Item label="启用">
          <Switch checked={d.active} onChange={(v) => setD({ ...d, active: v })} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Try a text against the catalogue: the top 3 with the reasons, as the 派单 screen will show them. */
function TryOut() {
  const { message } = App.useApp();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [result, setResult] = useState<Suggestion[] | null>(null);
  const run = async () => {
    try {
      const { data } = await client.POST('/api/requests/catalogue/try', { body: { subject, description } });
      setResult(data ?? []);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title="试算派单建议">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input placeholder="诉求标题" maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="try-subject" />
        <Input.TextArea placeholder="诉求内容" rows={2} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <Button onClick={run} disabled={!subject.trim() && !description.trim()} data-testid="try">
          试算
        </Button>
        {result && <SuggestionList items={result} />}
      </Space>
    </Card>
  );
}

/**
 * 派单目录 (the office): topics (事项类别) → responsible units, keywords with weights, answer-limit override. Seeded from
 * the plan's measures; every change audited. Leaders read it.
 */
export function RequestCataloguePage() {
  const { message } = App.useApp();
  const { user } = useSession();
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  const catalogue = $api.useQuery('get', '/api/requests/catalogue', {}, { enabled: !!user });
  const [editing, setEditing] = useState<Topic | 'new' | null>(null);
  const seed = async () => {
    try {
      const { data } = await client.POST('/api/requests/catalogue/seed', {});
      message.success(data?.added.length ? `已新增：${data.added.join('、')}` : '没有需要新增的类别');
      if (data?.missing.length) message.warning(`方案中找不到对应措施：${data.missing.join('、')}`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          派单目录
        </Typography.Title>
        {isOffice && (
          <Space wrap>
            <Button onClick={seed} data-testid="seed">
              按实施方案生成
            </Button>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="new-topic">
              新增类别
            </Button>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        事项类别说明诉求“关于什么”（决定承办单位），诉求类型（咨询、求决、投诉举报、建议）说明企业“要什么”（决定默认办理时限），两者独立。诉求到达时按标题和内容分词匹配关键词，给出前
        3 个建议及理由。
      </Typography.Paragraph>
      {isOffice && <TryOut />}
      <QueryState query={catalogue}>
        {(topics) =>
          topics.length === 0 ? (
            <Empty description="派单目录为空：点“按实施方案生成”，以方案各措施的牵头单位生成" />
          ) : (
            <Row gutter={[12, 12]}>
              {topics.map((t) => (
                <Col key={t.id} xs={24} lg={12} xl={8}>
                  <Card
                    size="small"
                    data-testid="topic"
                    title={
                      <Space size={4} wrap>
                        {t.name}
                        {!t.active && <Tag>已停用</Tag>}
                        {t.answerDays !== null && <Tag color="orange">答复 {t.answerDays} 个工作日</Tag>}
                      </Space>
                    }
                    extra={
                      isOffice && (
                        <Typography.Link onClick={() => setEditing(t)} data-testid="edit-topic">
                          修改
                        </Typography.Link>
                      )
                    }
                  >
                    <Space direction="vertical" size={6} style={{ width: '100%' }}>
                      <div>
                        <Typography.Text type="secondary">承办单位：</Typography.Text>
                        {t.units.map((u, i) => (
                          <span key={u.unitId}>
                            {i > 0 && '、'}
                            {u.unitName}
                            {i === 0 && t.units.length > 1 ? '（默认）' : ''}
                          </span>
                        ))}
                      </div>
                      <KeywordTags ks={t.keywords} />
                      {t.units.length > 1 &&
                        t.units.map((u) =>
                          u.keywords.length ? (
                            <div key={u.unitId}>
                              <Typography.Text type="secondary">{u.unitName}：</Typography.Text>
                              <KeywordTags ks={u.keywords} />
                            </div>
                          ) : null,
                        )}
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          )
        }
      </QueryState>
      {editing && <TopicEditor topic={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
    </Space>
  );
}
