import { describe, expect, it } from 'vitest';
import { chineseProblems } from './validation-messages.js';

describe('chineseProblems', () => {
  it('names the field in Chinese for the validator’s keywords, never its English', () => {
    const p = chineseProblems('params', [{ instancePath: '/taskId', keyword: 'type', params: { type: 'integer' }, message: 'must be integer' }]);
    expect(p).toEqual([{ field: 'taskId', message: '路径参数 字段“taskId”应为整数' }]);
    expect(chineseProblems('body', [{ instancePath: '', keyword: 'required', params: { missingProperty: 'title' } }])[0]!.message).toBe('字段“title”为必填项');
    expect(chineseProblems('body', [{ instancePath: '/items/2/name', keyword: 'maxLength', params: { limit: 100 } }])[0]!.message).toBe(
      '字段“name”（第 3 项）不能超过 100 个字符',
    );
    expect(chineseProblems('params', [{ instancePath: '/code', keyword: 'pattern', params: { pattern: '^[a-z]$' } }])[0]!.message).toBe(
      '路径参数 字段“code”格式不正确',
    );
    const union = chineseProblems('body', [
      { instancePath: '/role', keyword: 'const', params: { allowedValue: 'office' } },
      { instancePath: '/role', keyword: 'const', params: { allowedValue: 'leader' } },
      { instancePath: '/role', keyword: 'anyOf', params: {} },
    ]);
    expect(union.map((x) => x.message)).toEqual(['字段“role”的取值不在允许范围内']);
  });
});

describe('field labels', () => {
  it("names a field by its schema's title when it has one", () => {
    expect(
      chineseProblems('body', [
        { instancePath: '/holidays/0/lastDay', keyword: 'maxLength', params: { limit: 10 }, parentSchema: { title: '放假末日' } },
        { instancePath: '', keyword: 'required', params: { missingProperty: 'name' }, parentSchema: { properties: { name: { title: '姓名' } } } },
        { instancePath: '/taskId', keyword: 'type', params: { type: 'integer' }, parentSchema: {} },
      ]),
    ).toEqual([
      { field: '放假末日', message: '“放假末日”（第 1 项）不能超过 10 个字符' },
      { field: '姓名', message: '“姓名”为必填项' },
      { field: 'taskId', message: '字段“taskId”应为整数' },
    ]);
  });
});
