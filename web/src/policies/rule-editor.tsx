import { Alert, Button, Card, Divider, Input, InputNumber, message, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { $api, client } from '../api.js';
import { errorText, QueryError } from '../shared/query-state.js';
import { chinaToday } from '../shared/today.js';
import { useIndustryOptions } from './calculator-page.js';
import { ExplanationTree } from './explanation.js';
import { OUTCOME, type AmountRule, type Condition, type Outcome, type PolicyItem, type Preview, type TestCase } from './model.js';
import { AmountEditor, ConditionEditor } from './rule-builder.js';

const PROFILE_LABELS: Record<string, string> = {
  street: '街道',
  industryCode: '行业',
  sizeClass: '规模',
  registeredOn: '成立日期',
  registeredCapital: '注册资本',
  revenue: '营业收入',
  employees: '从业人员',
  assets: '资产总额',
  rdRatio: '研发占比',
  creditGrade: '信用等级',
  legalForm: '企业类型',
  qualifications: '资质',
};

/** Staff: build the item's rule with the form, read it as Chinese, try it on firms, keep test cases, publish. */
export function RuleEditor({ item, canPublish, onSaved }: { item: PolicyItem; canPublish: boolean; onSaved: () => void }) {
  const latest = item.versions?.[item.versions.length - 1] ?? null;
  const [condition, setCondition] = useState<Condition>(latest?.condition ?? { all: [{ field: 'revenue', op: '>=', value: 0 }] });
  const [amount, setAmount] = useState<AmountRule | null>(latest?.amount ?? null);
  const [effectiveFrom, setEffectiveFrom] = useState(latest?.status === 'draft' ? latest.effectiveFrom : chinaToday());
  const [asOf, setAsOf] = useState(chinaToday());
  const [cases, setCases] = useState<TestCase[]>(item.testCases ?? []);
  const [firmIds, setFirmIds] = useState<number[]>([]);
  const [q, setQ] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firms = $api.useQuery('get', '/api/enterprises/', { params: { query: { limit: 20, q: q || undefined } } });
  const { reference, query: referenceQuery } = useIndustryOptions();
  const run = async (f: () => Promise<void>) => {
    try {
      setError(null);
      await f();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const putCases = () => client.PUT('/api/policies/items/{id}/test-cases', { params: { path: { id: item.id } }, body: cases });

  const doPreview = () =>
    run(async () => {
      const { data } = await client.POST('/api/policies/rules/preview', {
        body: { condition, amount, asOf, enterpriseIds: firmIds, profiles: cases.map((c) => c.profile) },
      });
      setPreview(data ?? null);
    });
  const saveCases = () =>
    run(async () => {
      await putCases();
      message.success('测试用例已保存');
      onSaved();
    });
  const saveDraft = () =>
    run(async () => {
      await putCases();
      const { data: v } = await client.POST('/api/policies/items/{id}/rules', {
        params: { path: { id: item.id } },
        body: { condition, amount, effectiveFrom },
      });
      message.success(`已保存为第 ${v?.version ?? ''} 版草稿`);
      onSaved();
    });
  const publish = (versionId: number) =>
    run(async () => {
      const { data: r } = await client.POST('/api/policies/rules/{id}/publish', { params: { path: { id: versionId } } });
      message.success(`已发布（${r?.tests.length ?? 0} 个测试用例全部通过），推送 ${r?.pushed ?? 0} 家企业`);
      onSaved();
    });
  const addCase = (r: Preview['results'][number]) =>
    setCases([...cases, { name: `${r.name}（${OUTCOME[r.outcome].label}）`, asOf, profile: r.profile, expected: r.outcome, expectedAmount: r.amount }]);

  return (
    <Card size="small" title={`规则设置：${item.name}`} data-testid="rule-editor">
      <QueryError query={referenceQuery} />
      <ConditionEditor value={condition} onChange={setCondition} qualTags={reference?.qualificationTags ?? []} />
      <Divider plain titlePlacement="start">
        金额
      </Divider>
      <AmountEditor value={amount} onChange={setAmount} />
      <Divider plain titlePlacement="start">
        试算与测试用例
      </Divider>
      <Space wrap>
        试算日期
        <Input style={{ width: 130 }} value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        示例企业
        <Select
          mode="multiple"
          style={{ width: 360 }}
          filterOption={false}
          onSearch={setQ}
          value={firmIds}
          onChange={setFirmIds}
          options={(firms.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
          loading={firms.isFetching}
          placeholder="搜索并选择企业"
        />
        <Button onClick={doPreview} data-testid="rule-preview">
          试算
        </Button>
      </Space>
      <QueryError query={firms} />
      {preview && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type="info"
            message={
              <>
                规则（中文）：{preview.conditionText}
                {preview.amountText ? `；金额：${preview.amountText}` : ''}
              </>
            }
            data-testid="rule-text"
          />
          {preview.results.map((r, i) => (
            <Card
              key={i}
              size="small"
              style={{ marginTop: 8 }}
              title={
                <Space>
                  <Tag color={OUTCOME[r.outcome].color}>{OUTCOME[r.outcome].label}</Tag>
                  {r.name}
                  {r.amount !== null && ` · ${r.amount} 万元`}
                </Space>
              }
              extra={
                r.enterpriseId !== null && (
                  <Button size="small" onClick={() => addCase(r)}>
                    作为测试用例
                  </Button>
                )
              }
            >
              <ExplanationTree e={r.explanation} />
            </Card>
          ))}
        </div>
      )}
      <Table<TestCase>
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(_, i) => String(i)}
        dataSource={cases}
        pagination={false}
        title={() => '测试用例（发布前须全部通过，且至少各有一个“符合”和“不符合”）'}
        columns={[
          {
            title: '名称',
            render: (_, c, i) => <Input value={c.name} onChange={(e) => setCases(cases.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} />,
          },
          {
            title: '日期',
            width: 130,
            render: (_, c, i) => <Input value={c.asOf} onChange={(e) => setCases(cases.map((x, k) => (k === i ? { ...x, asOf: e.target.value } : x)))} />,
          },
          {
            title: '输入（企业信息）',
            render: (_, c) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {Object.entries(c.profile)
                  .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))
                  .map(([k, v]) => `${PROFILE_LABELS[k] ?? k}=${Array.isArray(v) ? v.map((x) => x.tag).join('/') : v}`)
                  .join('；')}
              </Typography.Text>
            ),
          },
          {
            title: '期望',
            width: 150,
            render: (_, c, i) => (
              <Select
                style={{ width: 140 }}
                value={c.expected}
                onChange={(v: Outcome) => setCases(cases.map((x, k) => (k === i ? { ...x, expected: v } : x)))}
                options={Object.entries(OUTCOME).map(([v, o]) => ({ value: v, label: o.label }))}
              />
            ),
          },
          {
            title: '期望金额',
            width: 110,
            render: (_, c, i) => (
              <InputNumber
                value={c.expectedAmount ?? undefined}
                onChange={(v) => setCases(cases.map((x, k) => (k === i ? { ...x, expectedAmount: v ?? null } : x)))}
              />
            ),
          },
          {
            title: '',
            width: 60,
            render: (_, _c, i) => (
              <Button size="small" danger onClick={() => setCases(cases.filter((_, k) => k !== i))}>
                删
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        生效日期
        <Input style={{ width: 130 }} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
        <Button onClick={saveCases}>保存测试用例</Button>
        <Button type="primary" onClick={saveDraft} data-testid="rule-save">
          保存为新版本（草稿）
        </Button>
        {canPublish && latest?.status === 'draft' && (
          <Button type="primary" danger onClick={() => publish(latest.id)} data-testid="rule-publish">
            发布第 {latest.version} 版
          </Button>
        )}
      </Space>
      {error && <Alert style={{ marginTop: 12 }} type="error" message={error} />}
    </Card>
  );
}
