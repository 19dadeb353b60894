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

describe('generic phrases of the issuing government', () => {
  it('are a flag, not units; collectives and 各有关部门 alone stay units', () => {
    expect(splitUnitList('县政府各部门、县直各单位')).toEqual({ names: [], related: true });
    expect(splitUnitList('省政府各部门、各直属机构')).toEqual({ names: [], related: true });
    expect(splitUnitList('州直相关行业部门')).toEqual({ names: [], related: true });
    expect(splitUnitList('市委宣传部等各有关单位')).toEqual({ names: ['市委宣传部'], related: true });
    expect(splitUnitList('市直及中省驻市各有关单位、各县市区人民政府')).toEqual({ names: ['各县市区人民政府'], related: true });
    expect(splitUnitList('各有关部门，各乡镇场街')).toEqual({ names: ['各有关部门', '各乡镇场街'], related: false });
  });
});
