import { describe, expect, it } from 'vitest';
import {
  EMPTY_SCOPE,
  diffSummary,
  drawDateProblem,
  industrySection,
  planDiff,
  planStatusLabel,
  scopeText,
  taskDrawShares,
  taskProblems,
  type PlanTaskInput,
  type PublishedTask,
} from './plan.js';

const ctx = {
  year: 2026,
  items: new Map([
    [1, { unitId: 10, active: true }],
    [2, { unitId: 20, active: true }],
    [3, { unitId: 30, active: true }],
    [4, { unitId: 10, active: false }],
  ]),
  units: new Set([10, 20, 30]),
  classes: ['A', 'B', 'C', 'D'],
};
const task = (over: Partial<PlanTaskInput> = {}): PlanTaskInput => ({
  title: '食品经营联合抽查',
  leadUnitId: 10,
  jointUnitIds: [20],
  itemIds: [1, 2],
  scope: { ...EMPTY_SCOPE },
  shares: [],
  windowFrom: '2026-03-01',
  windowTo: '2026-06-30',
  note: null,
  ...over,
});
const fields = (t: PlanTaskInput) => taskProblems(t, ctx).map((p) => p.field);

describe('plan task rules (国发〔2019〕5号)', () => {
  it('accepts a joint task with items of its departments', () => {
    expect(taskProblems(task(), ctx)).toEqual([]);
  });
  it('refuses repeated departments, items of other departments or inactive, empty scope, bad shares and windows', () => {
    expect(fields(task({ jointUnitIds: [10] }))).toContain('jointUnitIds');
    expect(fields(task({ jointUnitIds: [99] }))).toContain('jointUnitIds');
    expect(fields(task({ itemIds: [3] }))).toEqual(['itemIds']);
    expect(fields(task({ itemIds: [4] }))).toEqual(['itemIds']);
    expect(fields(task({ itemIds: [] }))).toEqual(['itemIds']);
    expect(fields(task({ scope: { ...EMPTY_SCOPE, enterprises: false } }))).toEqual(['scope']);
    expect(fields(task({ scope: { ...EMPTY_SCOPE, industries: ['Z'], sizes: ['巨型'], creditClasses: ['E'], flags: ['未知'] } }))).toEqual([
      'scope.industries',
      'scope.sizes',
      'scope.creditClasses',
      'scope.flags',
    ]);
    expect(fields(task({ shares: [{ classCode: 'D', bp: 0 }] }))).toEqual(['shares']);
    expect(
      fields(
        task({
          shares: [
            { classCode: 'D', bp: 100 },
            { classCode: 'D', bp: 200 },
          ],
        }),
      ),
    ).toEqual(['shares']);
    expect(fields(task({ windowFrom: '2026-07-01' }))).toEqual(['windowTo']);
    expect(fields(task({ windowTo: '2027-01-10' }))).toEqual(['windowFrom']);
    expect(fields(task({ windowTo: '2026-02-30' }))).toEqual(['windowTo']);
  });
  it('refuses a draw after the window ends, not before it starts', () => {
    expect(drawDateProblem(task(), '2026-02-01')).toBeNull();
    expect(drawDateProblem(task(), '2026-06-30')).toBeNull();
    expect(drawDateProblem(task(), '2026-07-01')).toMatch(/已于 2026-06-30 结束/);
  });
  it('labels a draft of a published plan 修订中', () => {
    expect(planStatusLabel('draft', 0)).toBe('编制中');
    expect(planStatusLabel('draft', 2)).toBe('修订中');
    expect(planStatusLabel('published', 2)).toBe('已发布');
  });
  it('finds the 门类 of an industry code', () => {
    expect(industrySection('5211')).toBe('F');
    expect(industrySection('1310')).toBe('C');
    expect(industrySection(null)).toBeNull();
  });
  it('takes the task’s own share of a class, else the class’s share (percent to basis points)', () => {
    const classes = [
      { code: 'A', drawShare: 3, isDefault: false },
      { code: 'B', drawShare: 5, isDefault: true },
      { code: 'D', drawShare: 60, isDefault: false },
    ];
    expect(taskDrawShares({ shares: [{ classCode: 'D', bp: 10_000 }] }, classes)).toEqual({
      shares: [
        { stratum: 'A', bp: 300 },
        { stratum: 'B', bp: 500 },
        { stratum: 'D', bp: 10_000 },
      ],
      defaultShareBp: 500,
    });
    expect(taskDrawShares({ shares: [{ classCode: 'B', bp: 800 }] }, classes).defaultShareBp).toBe(800);
  });
});

describe('version diff', () => {
  const pub = (id: number, over: Partial<PublishedTask> = {}): PublishedTask => ({
    ...task(),
    id,
    seq: id,
    leadUnitName: '区市场监管局',
    jointUnitNames: ['区卫生健康委'],
    itemNames: ['食品经营许可情况检查', '公共场所卫生检查'],
    ...over,
  });
  it('names added, removed and changed tasks with the fields that changed', () => {
    const before = [pub(1), pub(2, { title: '特种设备抽查' })];
    const after = [pub(1, { windowTo: '2026-09-30', jointUnitNames: ['区卫生健康委', '区应急局'], jointUnitIds: [20, 30] }), pub(3, { title: '专利代理抽查' })];
    const d = planDiff(before, after);
    expect(d.added).toEqual([{ id: 3, title: '专利代理抽查' }]);
    expect(d.removed).toEqual([{ id: 2, title: '特种设备抽查' }]);
    expect(d.changed).toEqual([
      {
        id: 1,
        title: '食品经营联合抽查',
        fields: [
          { field: 'jointUnitIds', label: '参与部门', before: '区卫生健康委', after: '区卫生健康委、区应急局' },
          { field: 'window', label: '时间安排', before: '2026-03-01 至 2026-06-30', after: '2026-03-01 至 2026-09-30' },
        ],
      },
    ]);
    expect(diffSummary(d)).toEqual(['新增任务：专利代理抽查', '删除任务：特种设备抽查', '修改任务：食品经营联合抽查（参与部门、时间安排）']);
  });
  it('is empty between equal versions; the first version adds every task', () => {
    expect(planDiff([pub(1)], [pub(1)])).toEqual({ added: [], removed: [], changed: [] });
    expect(planDiff([], [pub(1)]).added).toHaveLength(1);
  });
  it('describes the scope in words', () => {
    expect(scopeText(EMPTY_SCOPE)).toBe('全部企业');
    expect(scopeText({ ...EMPTY_SCOPE, streets: ['解放碑街道'], sizes: ['小型', '微型'], otherKinds: ['专利代理机构'] })).toBe(
      '企业（街道 解放碑街道；规模 小型、微型）；专利代理机构',
    );
  });
});

describe('SHA-256 paths', () => {
  it('gives the same digest on the server (node:crypto) as the portable one the browser runs', async () => {
    const { portableSha256Hex, sha256Hex } = await import('./sha256.js');
    for (const text of ['', 'abc', '渝中双随机〔2026〕1号', 'x'.repeat(100_000)]) expect(sha256Hex(text)).toBe(portableSha256Hex(text));
  });
});

describe('canonical JSON written field by field', () => {
  it('equals the generic canonical JSON of the snapshots and of a result', async () => {
    const { canonicalJson } = await import('../../shared/index.js');
    const { objectsJson, inspectorsJson, canonicalObjects, canonicalInspectors, resultHash } = await import('./draw.js');
    const { sha256Hex } = await import('./sha256.js');
    const objects = Array.from({ length: 2500 }, (_, i) => ({
      stratum: i % 3 ? 'B' : '未分级',
      name: `对象"${i}"\\`,
      code: i % 7 ? `C${i}` : null,
      key: `E${i}`,
      lastInspectors: i % 5 ? [] : ['I2', 'I1', 'I2'],
    }));
    const inspectors = [{ name: '甲', key: 'I2', certNo: 'X1', department: 'U1', fields: ['b', 'a'], avoid: ['E3'] }];
    expect(objectsJson(objects)).toBe(canonicalJson(canonicalObjects(objects)));
    expect(objectsJson([])).toBe('[]');
    expect(inspectorsJson(inspectors)).toBe(canonicalJson(canonicalInspectors(inspectors)));
    const result = {
      strata: [{ stratum: 'B', population: 10, bp: 500, drawn: 1 }],
      picks: Array.from({ length: 1500 }, (_, i) => ({ object: `E${i}`, stratum: 'B', team: ['I1', 'I2'] })),
      workload: [{ inspector: 'I1', checks: 3 }],
    };
    expect(resultHash(result)).toBe(sha256Hex(canonicalJson(result)));
    expect(resultHash({ strata: [], picks: [], workload: [] })).toBe(sha256Hex(canonicalJson({ strata: [], picks: [], workload: [] })));
  });
});
