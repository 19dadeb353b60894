import type { InputProblem } from '../shared/index.js';

/** One schema validation error as Fastify's Ajv gives it. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema holding the failed keyword (Ajv's `verbose` option): its `title` is the field's Chinese label. */
  parentSchema?: { title?: unknown; properties?: Record<string, { title?: unknown } | undefined> };
}

/**
 * The field's name as people read it: the schema's `title` (e.g. '放假末日'), else its key. For a missing field
 * the title of that property in the object's schema.
 */
function fieldLabel(e: SchemaError, key: string): string {
  const s = e.keyword === 'required' ? e.parentSchema?.properties?.[key] : e.parentSchema;
  return typeof s?.title === 'string' && s.title ? s.title : key;
}

const TYPE_NAMES: Record<string, string> = { integer: '整数', number: '数字', string: '文本', boolean: '是或否', array: '列表', object: '对象', null: '空' };
const PARTS: Record<string, string> = { body: '', querystring: '查询参数 ', params: '路径参数 ', headers: '请求头 ' };
const FORMATS: Record<string, string> = { 'date-time': '日期时间（ISO 8601）', date: '日期（YYYY-MM-DD）', email: '电子邮箱', uri: '网址' };

/**
 * Schema validation errors in Chinese, naming the field, e.g. `字段“taskId”应为整数`. Messages reach users
 * (请求参数有误：…), so they never show the validator's English or its JSON paths.
 *
 * @example chineseProblems('params', [{ instancePath: '/taskId', keyword: 'type', params: { type: 'integer' } }])
 *   // [{ field: 'taskId', message: '路径参数 字段“taskId”应为整数' }]
 */
export function chineseProblems(context: string | undefined, errors: readonly SchemaError[]): InputProblem[] {
  const seen = new Set<string>();
  const out: InputProblem[] = [];
  for (const e of errors) {
    const segments = e.instancePath.split('/').filter(Boolean);
    const missing = e.keyword === 'required' ? String(e.params.missingProperty ?? '') : null;
    const field = missing ?? segments.filter((s) => !/^\d+$/.test(s)).at(-1) ?? '';
    const row = segments.find((s) => /^\d+$/.test(s));
    const label = field ? fieldLabel(e, field) : '';
    const what = field ? `${label === field ? `字段“${field}”` : `“${label}”`}${row !== undefined ? `（第 ${Number(row) + 1} 项）` : ''}` : '请求内容';
    const message = `${(context && Object.hasOwn(PARTS, context) ? PARTS[context] : '') ?? ''}${what}${describe(e)}`;
    if (seen.has(message)) continue; // anyOf branches repeat themselves
    seen.add(message);
    out.push({ field: label || undefined, message });
  }
  return out;
}

function describe(e: SchemaError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return '为必填项';
    case 'type': {
      const t = String(p.type ?? '');
      return `应为${t
        .split(',')
        .map((x) => (Object.hasOwn(TYPE_NAMES, x) ? TYPE_NAMES[x] : x))
        .join('或')}`;
    }
    case 'maxLength':
      return `不能超过 ${p.limit} 个字符`;
    case 'minLength':
      return Number(p.limit) <= 1 ? '不能为空' : `不能少于 ${p.limit} 个字符`;
    case 'pattern':
      return '格式不正确';
    case 'format':
      return `格式不正确，应为${Object.hasOwn(FORMATS, String(p.format)) ? FORMATS[String(p.format)] : String(p.format)}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `不能小于 ${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `不能大于 ${p.limit}`;
    case 'maxItems':
      return `最多 ${p.limit} 项`;
    case 'minItems':
      return `至少 ${p.limit} 项`;
    case 'additionalProperties':
      return `中有不认识的字段“${String(p.additionalProperty)}”`;
    case 'const':
    case 'enum':
    case 'anyOf':
    case 'oneOf':
      return '的取值不在允许范围内';
    default:
      return '不符合要求';
  }
}
