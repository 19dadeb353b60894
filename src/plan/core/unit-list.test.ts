import { describe, it, expect } from 'vitest';
import { splitUnitList } from './unit-list.js';

describe('unit lists', () => {
  it('splits unit lists and keeps 等相关部门 as a flag', () => {
    expect(splitUnitList('区财政局、区科技局等相关部门')).toEqual({ names: ['区财政局', '区科技局'], related: true });
    expect(splitUnitList('区财政局,区科技局')).toEqual({ names: ['区财政局', '区科技局'], related: false });
    expect(splitUnitList('区住建委、区规划和自然资源局等有关单位')).toEqual({ names: ['区住建委', '区规划和自然资源局'], related: true });
    expect(splitUnitList('各相关部门')).toEqual({ names: ['各相关部门'], related: false });
  });
});
