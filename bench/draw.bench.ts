/**
 * Draw benchmark (`npm run bench -- draw`, issue 15): one 双随机 draw over 100,000 objects (4 credit strata, the
 * demo's class mix 40/45/10/5 % and the default class shares 3/5/20/60 %) and 2,000 inspectors in 3 departments
 * (a joint task: one inspector per department per object; 回避 relations and last-check rotation on 1 % of the
 * objects): commit (canonical snapshots, their SHA-256, the commitment) + seed + the published algorithm + the
 * result hash; then the verification (`verifyDraw`: everything recomputed from the proof). Median of 3 runs each.
 * Baseline in the same run: a plain seeded Fisher–Yates shuffle of the same two arrays (`seededRandom`).
 * Aim (issue 15): each under 1 s.
 */
import {
  canonicalInspectors,
  canonicalObjects,
  commitDraw,
  drawSeed,
  resultHash,
  runDraw,
  verifyDraw,
  type DrawInspector,
  type DrawObject,
  type DrawParams,
} from '../src/inspections/core/index.js';
import { seededRandom } from '../src/shared/index.js';
import type { BenchResult } from './types.js';

const OBJECTS = 100_000;
const INSPECTORS = 2_000;
const RUNS = 3;

function fixture() {
  const rnd = seededRandom(15);
  const departments = ['U1', 'U2', 'U3'];
  const inspectors: DrawInspector[] = [];
  for (let i = 0; i < INSPECTORS; i++)
    inspectors.push({
      key: `I${i + 1}`,
      name: `检查员${i + 1}`,
      certNo: `50010300${String(i).padStart(5, '0')}`,
      department: departments[i % 3]!,
      fields: ['市场监管'],
      avoid: [],
    });
  const objects: DrawObject[] = [];
  for (let i = 0; i < OBJECTS; i++) {
    const r = rnd();
    const stratum = r < 0.4 ? 'A' : r < 0.85 ? 'B' : r < 0.95 ? 'C' : 'D';
    const lastInspectors = i % 100 === 0 ? [`I${1 + Math.floor(rnd() * INSPECTORS)}`, `I${1 + Math.floor(rnd() * INSPECTORS)}`] : [];
    objects.push({
      key: `E${i + 1}`,
      name: `重庆渝中基准样本${i + 1}号商贸有限公司`,
      code: `91500103MA${String(i).padStart(7, '0')}X`,
      stratum,
      lastInspectors,
    });
    if (i % 100 === 50) inspectors[Math.floor(rnd() * INSPECTORS)]!.avoid.push(`E${i + 1}`);
  }
  const params: DrawParams = {
    departments,
    shares: [
      { stratum: 'A', bp: 300 },
      { stratum: 'B', bp: 500 },
      { stratum: 'C', bp: 2000 },
      { stratum: 'D', bp: 6000 },
    ],
    defaultShareBp: 500,
    field: null,
    classDate: '2026-11-30',
  };
  // As the store commits them and the proof publishes them: the snapshots in canonical form (not timed).
  return { objects: canonicalObjects(objects), inspectors: canonicalInspectors(inspectors), params };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

export async function benchDraw(): Promise<BenchResult[]> {
  const { objects, inspectors, params } = fixture();
  const header = { number: '渝中双随机〔2026〕1号', title: '基准联合抽查' };
  const seedSource = { witnesses: ['王监督', '李监督'], lottery: { name: '中国福利彩票双色球', drawDate: '2026-11-30' } };
  let proof: Parameters<typeof verifyDraw>[0] | null = null;
  const draw = () => {
    const c = commitDraw(header, objects, inspectors, params, seedSource);
    const seed = drawSeed(c.commitment, ['123456', '654321'], '03 07 12 19 25 31 + 09');
    const result = runDraw(objects, inspectors, params, seed);
    proof = {
      algorithm: 'bizenv-draw-v1',
      draw: header,
      objects,
      inspectors,
      params,
      seedSource,
      committed: c,
      witnessNumbers: ['123456', '654321'],
      lotteryResult: '03 07 12 19 25 31 + 09',
      seed,
      result,
      resultHash: resultHash(result),
    };
  };
  let ok = true;
  const verify = () => {
    ok = verifyDraw(proof!).ok && ok;
  };
  const shuffle = () => {
    const rnd = seededRandom(1);
    for (const list of [objects.slice(), inspectors.slice()] as unknown[][])
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
  };
  draw(); // warm up
  verify();
  shuffle();
  const drawSec = median(Array.from({ length: RUNS }, () => time(draw)));
  const verifySec = median(Array.from({ length: RUNS }, () => time(verify)));
  const baseSec = median(Array.from({ length: RUNS }, () => time(shuffle)));
  if (!ok) throw new Error('verification failed');
  const picked = proof!.result!.picks.length;
  const base = `seeded Fisher–Yates shuffle of the same ${OBJECTS.toLocaleString('en-US')} objects and ${INSPECTORS.toLocaleString('en-US')} inspectors (${(baseSec * 1000).toFixed(1)} ms)`;
  return [
    {
      name: `draw: commit + seed + run (${OBJECTS.toLocaleString('en-US')} objects, ${INSPECTORS.toLocaleString('en-US')} inspectors, ${picked} drawn × 3 departments)`,
      seconds: drawSec,
      baseline: base,
      ratio: baseSec / drawSec,
      note: `aim < 1 s: ${drawSec < 1 ? 'met' : 'not met'}`,
    },
    {
      name: 'verification of the same draw (everything recomputed)',
      seconds: verifySec,
      baseline: base,
      ratio: baseSec / verifySec,
      note: `aim < 1 s: ${verifySec < 1 ? 'met' : 'not met'}`,
    },
  ];
}
