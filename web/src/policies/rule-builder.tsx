import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select, type SelectProps, Space } from 'antd';
import { CREDIT_GRADES, SIZE_CLASSES } from '../../../src/enterprises/core/index.js';
import { DISTRICT_STREETS } from '../../../src/enterprises/core/streets.js';
import { useIndustryOptions } from './calculator-page.js';
import {
  type AmountRule,
  type Condition,
  type Field,
  isAll,
  isAny,
  isDateLeaf,
  isLeaf,
  isListLeaf,
  isNot,
  isNumLeaf,
  isQualLeaf,
  type LeafCondition,
  type ListLeaf,
  type NumLeaf,
} from './model.js';

/** Fields a rule can test (the server's FIELDS in src/policies/core/rules.ts) and the kind of value they take. */
const FIELD_OPTIONS: Array<{ value: Field; label: string; kind: 'list' | 'qual' | 'date' | 'num' }> = [
  { value: 'street', label: '所在街道', kind: 'list' },
  { value: 'industry', label: '所属行业', kind: 'list' },
  { value: 'size', label: '企业规模', kind: 'list' },
  { value: 'qualification', label: '资质', kind: 'qual' },
  { value: 'credit_grade', label: '信用等级', kind: 'list' },
  { value: 'legal_form', label: '企业类型', kind: 'list' },
  { value: 'age_years', label: '成立年限（年）', kind: 'num' },
  { value: 'registered_on', label: '成立日期', kind: 'date' },
  { value: 'registered_capital', label: '注册资本（万元）', kind: 'num' },
  { value: 'revenue', label: '上年度营业收入（万元）', kind: 'num' },
  { value: 'employees', label: '从业人员（人）', kind: 'num' },
  { value: 'assets', label: '资产总额（万元）', kind: 'num' },
  { value: 'rd_ratio', label: '研发投入占比（%）', kind: 'num' },
];
const NUM_OPS: Array<{ value: NumLeaf['op']; label: string }> = [
  { value: '>=', label: '不低于' },
  { value: '>', label: '高于' },
  { value: '<=', label: '不高于' },
  { value: '<', label: '低于' },
  { value: '=', label: '等于' },
  { value: 'between', label: '介于' },
];
/** The values to choose from for list fields (industry: the GB/T 4754 tree). */
const LIST_VALUES: Record<Exclude<ListLeaf['field'], 'industry'>, string[]> = {
  street: [...DISTRICT_STREETS],
  size: SIZE_CLASSES,
  credit_grade: CREDIT_GRADES,
  legal_form: ['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '个体工商户'],
};

function defaultLeaf(field: Field): LeafCondition {
  switch (field) {
    case 'street':
    case 'industry':
    case 'size':
    case 'credit_grade':
    case 'legal_form':
      return { field, op: 'in', values: [] };
    case 'qualification':
      return { field, op: 'has', value: '' };
    case 'registered_on':
      return { field, op: 'before', value: '2025-01-01' };
    default:
      return { field, op: '>=', value: 0 };
  }
}

function Leaf({ c, onChange, qualTags }: { c: LeafCondition; onChange: (c: Condition) => void; qualTags: string[] }) {
  const { options } = useIndustryOptions();
  let listOptions: SelectProps['options'] = [];
  if (isListLeaf(c)) listOptions = c.field === 'industry' ? options : LIST_VALUES[c.field].map((v) => ({ value: v, label: v }));
  return (
    <Space wrap>
      <Select
        style={{ width: 190 }}
        value={c.field}
        onChange={(v) => onChange(defaultLeaf(v))}
        options={FIELD_OPTIONS.map((x) => ({ value: x.value, label: x.label }))}
        data-testid="rule-field"
      />
      {isListLeaf(c) && (
        <>
          为
          <Select
            mode={c.field === 'legal_form' ? 'tags' : 'multiple'}
            style={{ minWidth: 260 }}
            value={c.values}
            onChange={(v) => onChange({ ...c, values: v })}
            showSearch
            optionFilterProp="label"
            options={listOptions}
            placeholder="选择一个或多个"
          />
          之一
        </>
      )}
      {isQualLeaf(c) && (
        <>
          具有有效的
          <Select
            style={{ width: 220 }}
            showSearch
            value={c.value || undefined}
            onChange={(v) => onChange({ ...c, value: v })}
            options={qualTags.map((t) => ({ value: t, label: t }))}
          />
          资质
        </>
      )}
      {isDateLeaf(c) && (
        <>
          <Select
            style={{ width: 110 }}
            value={c.op}
            onChange={(op) => onChange({ ...c, op })}
            options={[
              { value: 'before', label: '早于' },
              { value: 'on_or_after', label: '不早于' },
            ]}
          />
          <Input style={{ width: 130 }} value={c.value} onChange={(e) => onChange({ ...c, value: e.target.value })} placeholder="YYYY-MM-DD" />
        </>
      )}
      {isNumLeaf(c) && (
        <>
          <Select style={{ width: 100 }} value={c.op} onChange={(op) => onChange({ ...c, op })} options={NUM_OPS} />
          <InputNumber value={c.value} onChange={(v) => onChange({ ...c, value: v ?? 0 })} />
          {c.op === 'between' && (
            <>
              至<InputNumber value={c.value2} onChange={(v) => onChange({ ...c, value2: v ?? 0 })} />
            </>
          )}
        </>
      )}
    </Space>
  );
}

/** Form-based rule builder: groups (全部/任一), conditions, and "不满足" (NOT) on any part. */
export function ConditionEditor({
  value,
  onChange,
  qualTags,
  depth = 0,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  qualTags: string[];
  depth?: number;
}) {
  const negated = isNot(value);
  const inner = isNot(value) ? value.not : value;
  const wrap = (c: Condition) => onChange(negated ? { not: c } : c);
  const notBox = depth > 0 && (
    <Checkbox checked={negated} onChange={(e) => onChange(e.target.checked ? { not: inner } : inner)}>
      不满足
    </Checkbox>
  );
  if (isAll(inner) || isAny(inner)) {
    const all = isAll(inner);
    const list = isAll(inner) ? inner.all : inner.any;
    const set = (l: Condition[]) => wrap(all ? { all: l } : { any: l });
    return (
      <Card
        size="small"
        style={{ background: depth % 2 ? '#fafafa' : '#fff' }}
        title={
          <Space>
            {notBox}
            <Select
              style={{ width: 150 }}
              value={all ? 'all' : 'any'}
              onChange={(v) => wrap(v === 'all' ? { all: list } : { any: list })}
              options={[
                { value: 'all', label: '同时满足全部' },
                { value: 'any', label: '满足任一' },
              ]}
              data-testid="rule-group-mode"
            />
            以下条件
          </Space>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {list.map((c, i) => (
            <Space key={i} align="start" style={{ width: '100%' }}>
              <div style={{ flex: 1 }}>
                <ConditionEditor value={c} qualTags={qualTags} depth={depth + 1} onChange={(n) => set(list.map((x, k) => (k === i ? n : x)))} />
              </div>
              <Button icon={<DeleteOutlined />} size="small" onClick={() => set(list.filter((_, k) => k !== i))} title="删除" />
            </Space>
          ))}
          <Space>
            <Button size="small" icon={<PlusOutlined />} onClick={() => set([...list, defaultLeaf('revenue')])} data-testid="rule-add-condition">
              添加条件
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => set([...list, { any: [defaultLeaf('qualification')] }])}>
              添加条件组
            </Button>
          </Space>
        </Space>
      </Card>
    );
  }
  return (
    <Space>
      {notBox}
      {isLeaf(inner) ? (
        <Leaf c={inner} onChange={wrap} qualTags={qualTags} />
      ) : (
        // "不满足" of a "不满足": the inner one in its own editor
        <ConditionEditor value={inner} onChange={wrap} qualTags={qualTags} depth={depth + 1} />
      )}
    </Space>
  );
}

const AMOUNT_FIELDS = FIELD_OPTIONS.filter((f) => f.kind === 'num' && f.value !== 'age_years');

export function AmountEditor({ value, onChange }: { value: AmountRule | null; onChange: (a: AmountRule | null) => void }) {
  const kind = value?.kind ?? 'none';
  return (
    <Space wrap>
      <Select
        style={{ width: 140 }}
        value={kind}
        onChange={(k) =>
          onChange(
            k === 'none'
              ? null
              : k === 'fixed'
                ? { kind: 'fixed', amount: 0 }
                : k === 'rate'
                  ? { kind: 'rate', field: 'revenue', rate: 0.01 }
                  : { kind: 'tiered', field: 'revenue', tiers: [{ min: 0, amount: 0 }] },
          )
        }
        options={[
          { value: 'none', label: '不计算金额' },
          { value: 'fixed', label: '定额' },
          { value: 'rate', label: '按比例' },
          { value: 'tiered', label: '分档' },
        ]}
      />
      {value?.kind === 'fixed' && (
        <>
          <InputNumber min={0} value={value.amount} onChange={(v) => onChange({ ...value, amount: v ?? 0 })} /> 万元
        </>
      )}
      {value?.kind === 'rate' && (
        <>
          <Select
            style={{ width: 200 }}
            value={value.field}
            onChange={(f) => onChange({ ...value, field: f })}
            options={AMOUNT_FIELDS.map((f) => ({ value: f.value, label: f.label }))}
          />{' '}
          ×
          <InputNumber min={0} step={0.1} value={Math.round(value.rate * 10000) / 100} onChange={(v) => onChange({ ...value, rate: (v ?? 0) / 100 })} />% 最低
          <InputNumber min={0} value={value.floor} onChange={(v) => onChange({ ...value, floor: v ?? undefined })} />
          最高
          <InputNumber min={0} value={value.cap} onChange={(v) => onChange({ ...value, cap: v ?? undefined })} />
          万元
        </>
      )}
      {value?.kind === 'tiered' && (
        <>
          <Select
            style={{ width: 200 }}
            value={value.field}
            onChange={(f) => onChange({ ...value, field: f })}
            options={AMOUNT_FIELDS.map((f) => ({ value: f.value, label: f.label }))}
          />
          {value.tiers.map((t, i) => (
            <Space key={i}>
              ≥<InputNumber value={t.min} onChange={(v) => onChange({ ...value, tiers: value.tiers.map((x, k) => (k === i ? { ...x, min: v ?? 0 } : x)) })} />
              得
              <InputNumber
                value={t.amount}
                onChange={(v) => onChange({ ...value, tiers: value.tiers.map((x, k) => (k === i ? { ...x, amount: v ?? 0 } : x)) })}
              />
              万元
            </Space>
          ))}
          <Button size="small" onClick={() => onChange({ ...value, tiers: [...value.tiers, { min: 0, amount: 0 }] })}>
            加一档
          </Button>
        </>
      )}
    </Space>
  );
}
