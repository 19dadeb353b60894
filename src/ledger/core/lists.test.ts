import { describe, expect, it } from 'vitest';
import { compareCodes, compareLights, compareOptional, naturalCompare, parseSort, sortRows, sortText, TASK_SORT_LABELS, TASK_SORTS } from './lists.js';

describe('ledger list sorting', () => {
  it('compares numbers inside text by value', () => {
    expect(['2-10', '2-9', '10-1', '2-1'].sort(naturalCompare)).toEqual(['2-1', '2-9', '2-10', '10-1']);
    expect(['督办〔2021〕10号', '督办〔2021〕9号'].sort(naturalCompare)).toEqual(['督办〔2021〕9号', '督办〔2021〕10号']);
    expect(compareCodes({ measureNumber: 2, seq: 10 }, { measureNumber: 2, seq: 9 })).toBeGreaterThan(0);
  });

  it('reads a sort parameter, falling back on an unknown key', () => {
    expect(parseSort('-progress', TASK_SORTS, 'code')).toEqual({ key: 'progress', desc: true });
    expect(parseSort('title', TASK_SORTS, 'code')).toEqual({ key: 'code', desc: false });
    expect(parseSort('-title', TASK_SORTS, 'code')).toEqual({ key: 'code', desc: false });
    expect(parseSort(undefined, TASK_SORTS, 'code')).toEqual({ key: 'code', desc: false });
    expect(sortText({ key: 'nextDue', desc: true }, TASK_SORT_LABELS)).toBe('排序：下一节点（降序）');
  });

  it('sorts both ways with a stable ascending tie-breaker and empty values last', () => {
    const rows = [
      { id: 1, due: '2021-10-31' },
      { id: 2, due: null },
      { id: 3, due: '2021-09-30' },
      { id: 4, due: '2021-09-30' },
    ];
    const by = (desc: boolean) =>
      sortRows(
        rows,
        (a, b) => compareOptional(a.due, b.due, desc),
        desc,
        (a, b) => a.id - b.id,
      ).map((r) => r.id);
    expect(by(false)).toEqual([3, 4, 1, 2]);
    expect(by(true)).toEqual([1, 3, 4, 2]);
    expect(['green', 'grey', 'red', 'yellow'].sort((a, b) => compareLights(a as 'red', b as 'red'))).toEqual(['red', 'yellow', 'green', 'grey']);
  });
});
