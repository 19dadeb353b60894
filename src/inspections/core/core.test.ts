import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/index.js';
import {
  commitDraw,
  drawCount,
  drawFirst,
  drawSeed,
  DrawStream,
  feasibilityProblems,
  neutralStrata,
  normaliseLottery,
  perDepartment,
  resultHash,
  runDraw,
  sha256,
  sha256Hex,
  toHex,
  UNCLASSIFIED,
  verifyDraw,
  type DrawInspector,
  type DrawObject,
  type DrawParams,
  type PublishedDraw,
  type SeedSource,
} from './index.js';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('SHA-256 (FIPS 180-4)', () => {
  it('gives the standard digests and agrees with node:crypto on every length around the block boundaries', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    const rnd = seededRandom(7);
    for (let n = 0; n < 300; n++) {
      const b = new Uint8Array(n).map(() => Math.floor(rnd() * 256));
      expect(toHex(sha256(b))).toBe(nodeSha(b));
    }
    const text = '渝中区检查对象名录 — 统一社会信用代码 91500103MA5UR101A3';
    expect(sha256Hex(text)).toBe(nodeSha(Buffer.from(text, 'utf8')));
  });
});

// ---- golden vectors: printed by the independent Python implementation, src/inspections/reference_draw.py ----

const GOLDEN_OBJECTS: DrawObject[] = Array.from({ length: 12 }, (_, n) => {
  const i = n + 1;
  return { key: `E${i}`, name: `对象${i}`, code: null, stratum: i % 3 ? UNCLASSIFIED : '信用风险高', lastInspectors: i === 4 ? ['I2'] : [] };
});
const GOLDEN_INSPECTORS: DrawInspector[] = Array.from({ length: 7 }, (_, n) => {
  const i = n + 1;
  return {
    key: `I${i}`,
    name: `检查员${i}`,
    certNo: `500${String(i).padStart(4, '0')}`,
    department: i <= 4 ? 'U1' : 'U2',
    fields: ['食品'],
    avoid: i === 1 ? ['E1'] : [],
  };
});
const GOLDEN_PARAMS: DrawParams = {
  departments: ['U1', 'U2'],
  shares: [{ stratum: '信用风险高', bp: 10_000 }],
  defaultShareBp: 2500,
  field: null,
  classDate: '2026-11-30',
};
const GOLDEN_SOURCE: SeedSource = { witnesses: ['张三', '李四'], lottery: { name: '中国福利彩票双色球', drawDate: '2026-12-01' } };
const GOLDEN_HEADER = { number: '渝中双随机〔2026〕1号', title: '金标样例' };

describe('golden vectors (bizenv-draw-v1)', () => {
  it('stream words, unbiased integers and Fisher–Yates from fixed seeds', () => {
    const s = new DrawStream('00'.repeat(32));
    expect(Array.from({ length: 10 }, () => s.nextWord())).toEqual([
      741658141, 4063986572, 1522477695, 1681378467, 3540418261, 167716337, 502706459, 1479234027, 148898406, 4293962444,
    ]);
    // The first word is SHA-256(32 zero bytes ‖ 8 zero bytes), its first 4 bytes big-endian.
    expect(741658141).toBe(Number.parseInt(nodeSha(new Uint8Array(40)).slice(0, 8), 16));
    const b = new DrawStream('00'.repeat(32));
    expect(Array.from({ length: 10 }, (_, i) => b.below(i + 1))).toEqual([0, 0, 0, 3, 1, 5, 3, 3, 3, 4]);
    expect(
      drawFirst(
        Array.from({ length: 10 }, (_, i) => i),
        10,
        new DrawStream('11'.repeat(32)),
      ),
    ).toEqual([6, 4, 3, 1, 5, 9, 7, 0, 2, 8]);
  });

  it('a whole draw: hashes, commitment, seed, picks and teams', () => {
    const c = commitDraw(GOLDEN_HEADER, GOLDEN_OBJECTS, GOLDEN_INSPECTORS, GOLDEN_PARAMS, GOLDEN_SOURCE);
    expect(c).toEqual({
      objectsHash: '71fa5a4a28d22de050f3a9a8948a1b0815cd22a51c420b879c67a6a5ec0b655d',
      inspectorsHash: '2c0ab90626426522d97f5885ed646c2f9ea7ae429b18a5a082d95b383ed6bb3d',
      commitment: '7cff44ebfa8febf09f60878c260b1add4a15c8506708ba9d04442e947debede1',
    });
    const seed = drawSeed(c.commitment, ['123456', '007'], '03 07 12 19 25 31 + 09');
    expect(seed).toBe('c772b5e21eafb5093a44252ea0bd3834cf8b664253af75ed3ad06ff1ef4ae22e');
    // The same result whatever the order the snapshots come in.
    const r = runDraw([...GOLDEN_OBJECTS].reverse(), [...GOLDEN_INSPECTORS].reverse(), GOLDEN_PARAMS, seed);
    expect(r.strata).toEqual([
      { stratum: '信用风险高', population: 4, bp: 10000, drawn: 4 },
      { stratum: '未分级', population: 8, bp: 2500, drawn: 2 },
    ]);
    expect(r.picks.map((p) => `${p.object}:${p.team.join('+')}`)).toEqual(['E9:I1+I6', 'E6:I2+I7', 'E12:I3+I5', 'E3:I4+I5', 'E2:I2+I7', 'E11:I1+I6']);
    expect(resultHash(r)).toBe('a23e0482d48cf1fe32581fd76c64b71b5589561754f7026bdddd65a870029f4b');
  });

  it('normalises the seed inputs as published (full-width digits, spaces)', () => {
    expect(normaliseLottery('  ０３　07  12 19 25 31 ＋ 09 ')).toBe('03 07 12 19 25 31 + 09');
    const c = commitDraw(GOLDEN_HEADER, GOLDEN_OBJECTS, GOLDEN_INSPECTORS, GOLDEN_PARAMS, GOLDEN_SOURCE).commitment;
    expect(drawSeed(c, ['１２３４５６', '007'], '03  07 12 19 25 31 ＋ 09')).toBe('c772b5e21eafb5093a44252ea0bd3834cf8b664253af75ed3ad06ff1ef4ae22e');
  });
});

describe('the random stream', () => {
  class Fixed extends DrawStream {
    constructor(private readonly words: number[]) {
      super('00'.repeat(32));
    }
    override nextWord(): number {
      this.wordsRead++;
      return this.words.shift()!;
    }
  }
  it('rejects the words of the incomplete last cycle instead of folding them (no modulo bias)', () => {
    // n = 3: 2^32 mod 3 = 1, so the one word 2^32 − 1 would favour 0; it is rejected and the next word used.
    const s = new Fixed([0xffffffff, 5]);
    expect(s.below(3)).toBe(2);
    expect(s.wordsRead).toBe(2);
    // n = 2^31 + 1: limit = 2^31 + 1, words from 2^31 + 1 up are rejected (about half of them).
    const t = new Fixed([0x80000001, 0x80000000]);
    expect(t.below(0x80000001)).toBe(0x80000000);
    expect(new Fixed([7]).below(0x100000000)).toBe(7);
    expect(() => new Fixed([]).below(0)).toThrow();
  });
  it('counts ⌈n × share⌉ objects per stratum and two inspectors per department alone, one each when joint', () => {
    expect(drawCount(100, 300)).toBe(3);
    expect(drawCount(101, 300)).toBe(4);
    expect(drawCount(1, 1)).toBe(1);
    expect(drawCount(7, 10_000)).toBe(7);
    expect(drawCount(0, 500)).toBe(0);
    expect(perDepartment(1)).toBe(2);
    expect(perDepartment(3)).toBe(1);
  });
});

// ---- properties over thousands of random draws (seeded loop: fast-check is not installed) ----

interface Case {
  objects: DrawObject[];
  inspectors: DrawInspector[];
  params: DrawParams;
  seed: string;
}

function randomCase(n: number, withConflicts: boolean): Case {
  const rnd = seededRandom(n);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const departments = Array.from({ length: int(1, 3) }, (_, i) => `U${i + 1}`);
  const strata = ['信用风险低', '信用风险一般', UNCLASSIFIED].slice(0, int(1, 3));
  const inspectors: DrawInspector[] = Array.from({ length: int(departments.length * 3, 14) }, (_, i) => ({
    key: `I${i + 1}`,
    name: `人员${i + 1}`,
    certNo: `C${i + 1}`,
    department: departments[i % departments.length]!,
    fields: rnd() < 0.8 ? ['食品'] : ['特种设备'],
    avoid: [],
  }));
  const objects: DrawObject[] = Array.from({ length: int(1, 50) }, (_, i) => ({
    key: `E${i + 1}`,
    name: `企业${i + 1}`,
    code: null,
    stratum: strata[int(0, strata.length - 1)]!,
    lastInspectors: withConflicts && rnd() < 0.3 ? [`I${int(1, inspectors.length)}`, `I${int(1, inspectors.length)}`] : [],
  }));
  if (withConflicts) for (const ins of inspectors) if (rnd() < 0.4) ins.avoid = [`E${int(1, objects.length)}`];
  const params: DrawParams = {
    departments,
    shares: strata.filter(() => rnd() < 0.5).map((stratum) => ({ stratum, bp: int(1, 10_000) })),
    defaultShareBp: int(1, 10_000),
    field: withConflicts && rnd() < 0.3 ? '食品' : null,
    classDate: '2026-11-30',
  };
  return { objects, inspectors, params, seed: sha256Hex(`case-${n}`) };
}

describe('assignment rules hold on every draw', () => {
  it('teams, 回避, rotation, fields, stratum counts and the least-loaded rule over 3,000 random draws', () => {
    // Plain checks collected as text (one expect per check would dominate the run time).
    const wrong: string[] = [];
    const must = (ok: boolean, what: string) => {
      if (!ok && wrong.length < 20) wrong.push(what);
    };
    let checked = 0;
    let objectsChecked = 0;
    for (let n = 1; n <= 3000; n++) {
      const c = randomCase(n, true);
      if (feasibilityProblems(c.objects, c.inspectors, c.params).length) continue; // refused at commit
      const r = runDraw(c.objects, c.inspectors, c.params, c.seed);
      must(resultHash(runDraw(c.objects, c.inspectors, c.params, c.seed)) === resultHash(r), `case ${n}: not deterministic`);
      const byKey = new Map(c.inspectors.map((i) => [i.key, i]));
      const objects = new Map(c.objects.map((o) => [o.key, o]));
      const need = c.params.departments.length === 1 ? 2 : 1;
      const load = new Map<string, number>(c.inspectors.map((i) => [i.key, 0]));
      // Strata: the stated count, distinct objects of that stratum; 不免抽: every stratum present is drawn from.
      for (const s of r.strata) {
        const population = c.objects.filter((o) => o.stratum === s.stratum).length;
        const bp = c.params.shares.find((x) => x.stratum === s.stratum)?.bp ?? c.params.defaultShareBp;
        must(s.population === population && s.drawn === drawCount(population, bp) && s.drawn >= 1, `case ${n}: stratum ${s.stratum} counts`);
        must(r.picks.filter((p) => p.stratum === s.stratum).length === s.drawn, `case ${n}: stratum ${s.stratum} picks`);
      }
      const seen = new Set<string>();
      for (const p of r.picks) {
        const o = objects.get(p.object)!;
        must(o.stratum === p.stratum, `case ${n}: ${p.object} in the wrong stratum`);
        must(!seen.has(p.object), `case ${n}: ${p.object} drawn twice`);
        seen.add(p.object);
        must(p.team.length >= 2 && new Set(p.team).size === p.team.length, `case ${n}: ${p.object} team ${p.team}`);
        const members = p.team.map((k) => byKey.get(k)!);
        for (const d of c.params.departments) must(members.filter((m) => m.department === d).length === need, `case ${n}: ${p.object} needs ${need} from ${d}`);
        // Replay: each member eligible (回避, rotation, field) and of the least load among the eligible at that moment.
        const team: string[] = [];
        for (const m of members) {
          must(!m.avoid.includes(p.object), `case ${n}: ${m.key} declared a relation to ${p.object}`);
          must(!o.lastInspectors.includes(m.key), `case ${n}: ${m.key} inspected ${p.object} last time`);
          must(!c.params.field || m.fields.includes(c.params.field), `case ${n}: ${m.key} lacks the field`);
          const eligible = c.inspectors.filter(
            (i) =>
              i.department === m.department &&
              (!c.params.field || i.fields.includes(c.params.field)) &&
              !i.avoid.includes(p.object) &&
              !o.lastInspectors.includes(i.key) &&
              !team.includes(i.key),
          );
          must(load.get(m.key) === Math.min(...eligible.map((i) => load.get(i.key)!)), `case ${n}: ${m.key} was not among the least loaded`);
          load.set(m.key, load.get(m.key)! + 1);
          team.push(m.key);
        }
        objectsChecked++;
      }
      must(
        r.workload.every((w) => load.get(w.inspector) === w.checks) && r.workload.length === c.inspectors.length,
        `case ${n}: workload differs from the teams`,
      );
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    expect(objectsChecked).toBeGreaterThan(20_000);
  });

  it('spreads the work evenly: without 回避 or rotation, loads within a department differ by at most one', () => {
    for (let n = 1; n <= 1000; n++) {
      const c = randomCase(n, false);
      const r = runDraw(c.objects, c.inspectors, c.params, c.seed);
      const dept = new Map(c.inspectors.map((i) => [i.key, i.department]));
      for (const d of c.params.departments) {
        const loads = r.workload.filter((w) => dept.get(w.inspector) === d).map((w) => w.checks);
        expect(Math.max(...loads) - Math.min(...loads), `case ${n} ${d}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses at commit what cannot get a full team, naming object and department', () => {
    const c = randomCase(5, false);
    const ins = c.inspectors.map((i) => ({ ...i, avoid: i.department === 'U1' ? ['E1'] : [] }));
    const problems = feasibilityProblems(c.objects, ins, c.params);
    expect(problems).toContainEqual({ object: 'E1', department: 'U1', eligible: 0, needed: perDepartment(c.params.departments.length) });
    expect(() => runDraw(c.objects, ins, { ...c.params, defaultShareBp: 10_000, shares: [] }, c.seed)).toThrow(/E1/);
  });
});

// ---- uniformity within a stratum ----

/** Pearson's statistic Σ (observed − expected)² / expected. */
const chiSquare = (observed: number[], expected: number) => observed.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
/** χ² critical value for 19 degrees of freedom at p = 0.001 (tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4). */
const CHI2_19_P001 = 43.82;

describe('the selection is uniform within each stratum', () => {
  const objects: DrawObject[] = Array.from({ length: 40 }, (_, i) => ({
    key: `E${String(i).padStart(2, '0')}`,
    name: `企业${i}`,
    code: null,
    stratum: i < 20 ? '信用风险高' : UNCLASSIFIED,
    lastInspectors: [],
  }));
  const inspectors: DrawInspector[] = ['I1', 'I2'].map((key) => ({ key, name: key, certNo: key, department: 'U1', fields: [], avoid: [] }));
  const params: DrawParams = { departments: ['U1'], shares: [{ stratum: '信用风险高', bp: 2500 }], defaultShareBp: 1500, field: null, classDate: '2026-11-30' };
  const T = 20_000;

  it(`first pick and inclusion counts pass χ²(19) < ${CHI2_19_P001} in both strata over ${T} seeds`, () => {
    const first = { 信用风险高: new Array(20).fill(0), [UNCLASSIFIED]: new Array(20).fill(0) } as Record<string, number[]>;
    const included = { 信用风险高: new Array(20).fill(0), [UNCLASSIFIED]: new Array(20).fill(0) } as Record<string, number[]>;
    for (let t = 0; t < T; t++) {
      const r = runDraw(objects, inspectors, params, sha256Hex(`uniform-${t}`));
      const firstOf = new Set<string>();
      for (const p of r.picks) {
        const i = Number(p.object.slice(1)) % 20;
        included[p.stratum]![i]!++;
        if (!firstOf.has(p.stratum)) {
          first[p.stratum]![i]!++;
          firstOf.add(p.stratum);
        }
      }
    }
    // 信用风险高: 5 of 20 drawn (25%); 未分级: 3 of 20 (15%).
    for (const [stratum, k] of [
      ['信用风险高', 5],
      [UNCLASSIFIED, 3],
    ] as const) {
      // The first pick is one of 20 with equal chance: a multinomial, Pearson's χ² with 19 degrees of freedom.
      expect(chiSquare(first[stratum]!, T / 20)).toBeLessThan(CHI2_19_P001);
      // Inclusion: each object drawn with p = k/20; counts of a without-replacement draw have variance
      // T·p(1−p), so the statistic is scaled by 1/(1−p) to the same χ²(19) reference.
      const p = k / 20;
      expect(chiSquare(included[stratum]!, T * p) / (1 - p)).toBeLessThan(CHI2_19_P001);
      expect(included[stratum]!.reduce((a, b) => a + b, 0)).toBe(T * k);
    }
  });

  it('the same test catches a modulo-biased selector (the test can fail)', () => {
    // Biased: 5 random bits mod 20 favour the objects 0–11 (two preimages each) over 12–19 (one).
    const counts = new Array(20).fill(0);
    const s = new DrawStream(sha256Hex('biased'));
    for (let t = 0; t < T; t++) counts[(s.nextWord() & 31) % 20]++;
    expect(chiSquare(counts, T / 20)).toBeGreaterThan(CHI2_19_P001);
  });
});

// ---- verification ----

describe('verification recomputes the whole draw', () => {
  const published = (): PublishedDraw => {
    const committed = commitDraw(GOLDEN_HEADER, GOLDEN_OBJECTS, GOLDEN_INSPECTORS, GOLDEN_PARAMS, GOLDEN_SOURCE);
    const seed = drawSeed(committed.commitment, ['123456', '007'], '03 07 12 19 25 31 + 09');
    const result = runDraw(GOLDEN_OBJECTS, GOLDEN_INSPECTORS, GOLDEN_PARAMS, seed);
    return {
      algorithm: 'bizenv-draw-v1',
      draw: GOLDEN_HEADER,
      objects: structuredClone(GOLDEN_OBJECTS),
      inspectors: structuredClone(GOLDEN_INSPECTORS),
      params: structuredClone(GOLDEN_PARAMS),
      seedSource: structuredClone(GOLDEN_SOURCE),
      committed,
      witnessNumbers: ['123456', '007'],
      lotteryResult: '03 07 12 19 25 31 + 09',
      seed,
      result,
      resultHash: resultHash(result),
    };
  };
  it('matches on the published inputs (same inputs, same result)', () => {
    const v = verifyDraw(published());
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.checks.length).toBe(7);
    expect(v.ok).toBe(true);
  });
  it('detects any changed input: an object, an inspector’s 回避, a share, a witness number, the lottery, the result', () => {
    const failing = (change: (d: PublishedDraw) => void) => {
      const d = published();
      change(d);
      return verifyDraw(d)
        .checks.filter((c) => !c.ok)
        .map((c) => c.label);
    };
    // A changed snapshot changes the commitment, hence the seed, hence the whole draw.
    expect(failing((d) => (d.objects[0]!.name = '改过的名称')).slice(0, 3)).toEqual([
      '检查对象名录快照 SHA-256',
      '承诺值（参数、快照与种子来源）',
      '随机种子（监督人号码与开奖号码）',
    ]);
    expect(failing((d) => (d.inspectors[2]!.avoid = ['E9'])).slice(0, 2)).toEqual(['执法检查人员名录快照 SHA-256', '承诺值（参数、快照与种子来源）']);
    expect(failing((d) => (d.params.defaultShareBp = 2600))).toContain('承诺值（参数、快照与种子来源）');
    expect(failing((d) => (d.seedSource.lottery.drawDate = '2026-12-02'))).toContain('承诺值（参数、快照与种子来源）');
    expect(failing((d) => (d.witnessNumbers = ['123457', '007']))).toContain('随机种子（监督人号码与开奖号码）');
    expect(failing((d) => (d.lotteryResult = '03 07 12 19 25 31 + 10'))).toContain('随机种子（监督人号码与开奖号码）');
    expect(failing((d) => d.result!.picks[0]!.team.reverse())).toEqual(['公布的抽取结果与重算一致']);
    expect(failing((d) => (d.resultHash = '0'.repeat(64)))).toEqual(['抽取结果 SHA-256']);
  });
});

describe('neutral stratum labels on public proofs', () => {
  it('numbers the office’s classes in its order, then other strata in string order', () => {
    expect([...neutralStrata(['A', 'B', 'C', 'D'], ['D', UNCLASSIFIED, 'B', 'X'])]).toEqual([
      ['A', '第1层'],
      ['B', '第2层'],
      ['C', '第3层'],
      ['D', '第4层'],
      ['X', '第5层'],
      [UNCLASSIFIED, '第6层'],
    ]);
    expect([...neutralStrata([], [UNCLASSIFIED])]).toEqual([[UNCLASSIFIED, '第1层']]);
  });
  it('a draw committed on neutral labels verifies, and picks the same objects while the strata keep their order', () => {
    const map = neutralStrata(
      ['A', 'B', 'C', 'D'],
      GOLDEN_OBJECTS.map((o) => o.stratum),
    );
    const objects = GOLDEN_OBJECTS.map((o) => ({ ...o, stratum: map.get(o.stratum)! }));
    const params = { ...GOLDEN_PARAMS, shares: GOLDEN_PARAMS.shares.map((s) => ({ ...s, stratum: map.get(s.stratum)! })) };
    const seed = '5'.repeat(64);
    const coded = runDraw(GOLDEN_OBJECTS, GOLDEN_INSPECTORS, GOLDEN_PARAMS, seed);
    const neutral = runDraw(objects, GOLDEN_INSPECTORS, params, seed);
    const order = (r: typeof coded) => [...r.picks].map((p) => p.object).sort();
    expect(order(neutral)).toEqual(order(coded));
    expect(neutral.picks.every((p) => /^第\d+层$/.test(p.stratum))).toBe(true);
    const committed = commitDraw(GOLDEN_HEADER, objects, GOLDEN_INSPECTORS, params, GOLDEN_SOURCE);
    const drawn = drawSeed(committed.commitment, ['1'], '2');
    const result = runDraw(objects, GOLDEN_INSPECTORS, params, drawn);
    const proof: PublishedDraw = {
      algorithm: 'bizenv-draw-v1',
      draw: GOLDEN_HEADER,
      objects,
      inspectors: GOLDEN_INSPECTORS,
      params,
      seedSource: GOLDEN_SOURCE,
      committed,
      witnessNumbers: ['1'],
      lotteryResult: '2',
      seed: drawn,
      result,
      resultHash: resultHash(result),
    };
    expect(verifyDraw(proof).ok).toBe(true);
    expect(verifyDraw({ ...proof, objects: GOLDEN_OBJECTS }).ok).toBe(false);
  });
});
