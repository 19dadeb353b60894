import { canonicalJson } from '../../shared/index.js';
import { sha256Hex, sha256HexOfParts } from './sha256.js';
import { DrawStream, drawFirst } from './stream.js';

/**
 * 双随机 draws anyone can verify (国发〔2019〕5号 国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见:
 * 随机抽取检查对象、随机选派执法检查人员 from the 检查对象名录库 and the 执法检查人员名录库; the 2015 definition
 * 国办发〔2015〕58号: “通过摇号等方式，从市场主体名录库中随机抽取检查对象，从执法检查人员名录库中随机选派执法检查人员”).
 *
 * The whole procedure is pure and published (README "The algorithm"); the server, `bizenv inspections verify` and
 * the public verification page run this same code, and an independent implementation can be checked against the
 * golden vectors in core.test.ts.
 *
 * 1. Commit (before any randomness exists): SHA-256 of the canonical object snapshot and inspector snapshot,
 *    the parameters and the seed's sources, bound together in `commitment`.
 * 2. Seed: SHA-256 of the canonical JSON { commitment, witnessNumbers, lotteryResult }, values unknown at commit.
 * 3. Objects: per stratum (credit class, or 未分级), in stratum order, k = ⌈n × share⌉ objects by partial
 *    Fisher–Yates over the stratum's objects in key order, driven by the SHA-256 counter-mode stream.
 * 4. Inspectors: per drawn object in draw order, per department in the task's order, 2 inspectors when one
 *    department inspects alone, 1 from each when the task is joint (so always at least two: 行政处罚法 第四十二条
 *    “执法人员不得少于两人”); never one who declared a relation to the object (回避, 行政处罚法 第四十三条) nor one who
 *    inspected it in its last check; among the eligible, those with the least work so far in this draw, one of them
 *    chosen uniformly by the same stream.
 */

/** The published algorithm's name: part of every commitment, so a changed algorithm is a different draw. */
export const ALGORITHM = 'bizenv-draw-v1';
/** The stratum of objects without a credit class (until credit classes exist, every object). */
export const UNCLASSIFIED = '未分级';
/** Shares are in basis points (1 = 0.01%); 不免抽: every stratum present is drawn from (share ≥ 1). */
export const FULL_SHARE = 10_000;

/**
 * Neutral stratum labels for the public proof (第1层, 第2层 …). The credit-risk class of a firm is an internal
 * reference of the authorities, not an evaluation to publish (国市监信发〔2022〕6号: “分类结果作为配置监管资源的内部参考
 * 依据”), yet the proof must name each object's stratum so that anyone can recompute the draw. So a draw commits
 * these labels instead of class codes or names; the label ↔ class mapping is kept internally with the draw.
 *
 * Numbering: the office's classes in the office's order (all of them, so that 第N层 is the same class in every draw
 * of the same class list), then any other stratum used (未分级, or one named only in the shares) in string order.
 * The algorithm only needs stable labels, so verification is unchanged.
 *
 * @example neutralStrata(['A', 'B', 'C', 'D'], ['B', '未分级']) // Map { A→第1层, B→第2层, C→第3层, D→第4层, 未分级→第5层 }
 */
export function neutralStrata(classOrder: readonly string[], used: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const add = (s: string) => {
    if (!out.has(s)) out.set(s, `第${out.size + 1}层`);
  };
  for (const c of classOrder) add(c);
  for (const s of [...new Set(used)].filter((x) => !out.has(x)).sort()) add(s);
  return out;
}

/** One object of the 检查对象名录库 as committed. `key`: E<enterprise id> or O<other object id>. */
export interface DrawObject {
  key: string;
  name: string;
  /** 统一社会信用代码 (or the object's own code), null if none. */
  code: string | null;
  stratum: string;
  /** Inspectors (keys) of the object's last check: not sent again (rotation). */
  lastInspectors: string[];
}

/** One inspector of the 执法检查人员名录库 as committed: only name and 执法证号 of the person are published. */
export interface DrawInspector {
  /** I<inspector id> */
  key: string;
  name: string;
  certNo: string;
  /** U<unit id> of the inspector's department. */
  department: string;
  fields: string[];
  /** Objects (keys) the inspector may not inspect (a declared relation: 回避). The reason stays internal. */
  avoid: string[];
}

export interface DrawParams {
  /** Departments (U<unit id>), the lead (发起部门) first, then the joint ones (参与部门). */
  departments: string[];
  /** Share per stratum in basis points; strata not named use `defaultShareBp`. Sorted by stratum. */
  shares: Array<{ stratum: string; bp: number }>;
  defaultShareBp: number;
  /** Field of competence the inspectors must have (null: any). */
  field: string | null;
  /** The date whose credit classes set the strata (信用分级分类: the class in force on that day). */
  classDate: string;
}

export interface SeedSource {
  /** 监督人: each enters a number after the commitment, before the lottery result. */
  witnesses: string[];
  /** A public lottery whose result is unknown at commit (e.g. 中国福利彩票双色球, drawn the evening of drawDate). */
  lottery: { name: string; drawDate: string };
}

export interface DrawHeader {
  number: string;
  title: string;
}

export interface DrawCommitment {
  objectsHash: string;
  inspectorsHash: string;
  commitment: string;
}

export interface DrawResult {
  strata: Array<{ stratum: string; population: number; bp: number; drawn: number }>;
  picks: Array<{ object: string; stratum: string; team: string[] }>;
  /** Checks per inspector in this draw (every committed inspector, in key order). */
  workload: Array<{ inspector: string; checks: number }>;
}

// ---- canonical snapshots ----

const KEY = /^[A-Za-z0-9_:-]{1,40}$/;
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const uniqSorted = (xs: readonly string[]) => [...new Set(xs)].sort();

/**
 * Objects in canonical form: key order, lists sorted and without repeats. The properties are built in
 * alphabetical order, so `JSON.stringify` of the list is its canonical JSON.
 */
export function canonicalObjects(objects: readonly DrawObject[]): DrawObject[] {
  if (isCanonical(objects, (o) => o.lastInspectors)) return objects as DrawObject[];
  return objects.map((o) => ({ code: o.code, key: o.key, lastInspectors: uniqSorted(o.lastInspectors), name: o.name, stratum: o.stratum })).sort(byKey);
}
export function canonicalInspectors(inspectors: readonly DrawInspector[]): DrawInspector[] {
  if (
    isCanonical(
      inspectors,
      (i) => i.avoid,
      (i) => i.fields,
    )
  )
    return inspectors as DrawInspector[];
  return inspectors
    .map((i) => ({ avoid: uniqSorted(i.avoid), certNo: i.certNo, department: i.department, fields: uniqSorted(i.fields), key: i.key, name: i.name }))
    .sort(byKey);
}

/** Strictly ascending (sorted, no repeats), in JavaScript string order. */
function ascending(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1]! < xs[i]!)) return false;
  return true;
}
/**
 * Already in canonical order (keys strictly ascending, the lists sorted without repeats)? Then the canonical form
 * has the same content and the list is used as it is (no copy of 100,000 objects; the canonical JSON is written
 * field by field below, so the objects' own property order does not matter).
 */
function isCanonical<T extends { key: string }>(xs: readonly T[], ...lists: Array<(x: T) => readonly string[]>): boolean {
  for (let i = 0; i < xs.length; i++) {
    if (i > 0 && !(xs[i - 1]!.key < xs[i]!.key)) return false;
    for (const l of lists) if (!ascending(l(xs[i]!))) return false;
  }
  return true;
}
export function canonicalParams(p: DrawParams): DrawParams {
  return {
    departments: [...p.departments],
    shares: p.shares.map((s) => ({ stratum: s.stratum, bp: s.bp })).sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0)),
    defaultShareBp: p.defaultShareBp,
    field: p.field,
    classDate: p.classDate,
  };
}

const j = JSON.stringify;
const objectJson = (o: DrawObject) =>
  `{"code":${j(o.code)},"key":${j(o.key)},"lastInspectors":${j(o.lastInspectors)},"name":${j(o.name)},"stratum":${j(o.stratum)}}`;
/** The canonical JSON of the object snapshot (= canonicalJson(canonicalObjects(objects))), written field by field. */
export function objectsJson(objects: readonly DrawObject[]): string {
  return [...objectsJsonParts(canonicalObjects(objects))].join('');
}
/** The canonical JSON of canonical objects in parts of 1,000 objects (hashed part by part). */
function* objectsJsonParts(objs: readonly DrawObject[]): Generator<string> {
  if (!objs.length) {
    yield '[]';
    return;
  }
  for (let i = 0; i < objs.length; i += 1000) {
    const end = Math.min(objs.length, i + 1000);
    let s = i === 0 ? '[' : ',';
    for (let k = i; k < end; k++) s += (k === i ? '' : ',') + objectJson(objs[k]!);
    yield end === objs.length ? `${s}]` : s;
  }
}
/** The canonical JSON of the inspector snapshot, written field by field. */
export function inspectorsJson(inspectors: readonly DrawInspector[]): string {
  const ins = canonicalInspectors(inspectors);
  const parts = new Array<string>(ins.length);
  for (let i = 0; i < ins.length; i++) {
    const x = ins[i]!;
    parts[i] = `{"avoid":${j(x.avoid)},"certNo":${j(x.certNo)},"department":${j(x.department)},"fields":${j(x.fields)},"key":${j(x.key)},"name":${j(x.name)}}`;
  }
  return `[${parts.join(',')}]`;
}

/** SHA-256 of the canonical JSON of the object snapshot. */
export const objectsHash = (objects: readonly DrawObject[]) => sha256HexOfParts(objectsJsonParts(canonicalObjects(objects)));
/** SHA-256 of the canonical JSON of the inspector snapshot. */
export const inspectorsHash = (inspectors: readonly DrawInspector[]) => sha256Hex(inspectorsJson(inspectors));

/** Step 1: the public commitment. */
export function commitDraw(
  header: DrawHeader,
  objects: readonly DrawObject[],
  inspectors: readonly DrawInspector[],
  params: DrawParams,
  seedSource: SeedSource,
): DrawCommitment {
  const o = objectsHash(objects);
  const i = inspectorsHash(inspectors);
  const commitment = sha256Hex(
    canonicalJson({ algorithm: ALGORITHM, draw: header, objectsHash: o, inspectorsHash: i, params: canonicalParams(params), seedSource }),
  );
  return { objectsHash: o, inspectorsHash: i, commitment };
}

// ---- inputs of the seed ----

const FULL_WIDTH = /[\uff10-\uff19\uff0b\u3000]/g;
/** A lottery result as published, normalised: full-width digits, ＋ and spaces to ASCII, spaces collapsed. */
export function normaliseLottery(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/\s+/g, ' ')
    .trim();
}
export const lotteryProblem = (text: string): string | null =>
  !normaliseLottery(text) ? '请填写开奖号码' : normaliseLottery(text).length > 100 ? '开奖号码过长' : !/\d/.test(text) ? '开奖号码应含数字' : null;
/** A witness's number: 1 to 12 digits, leading zeros kept (full-width digits accepted). */
export const normaliseWitnessNumber = (text: string) => normaliseLottery(text).replace(/ /g, '');
export const witnessNumberProblem = (text: string): string | null => (/^\d{1,12}$/.test(normaliseWitnessNumber(text)) ? null : '应为 1 至 12 位数字');

/** Step 2: the seed, from values nobody knew at commit, combined by this published rule. */
export function drawSeed(commitment: string, witnessNumbers: readonly string[], lotteryResult: string): string {
  return sha256Hex(canonicalJson({ commitment, lotteryResult: normaliseLottery(lotteryResult), witnessNumbers: witnessNumbers.map(normaliseWitnessNumber) }));
}

// ---- steps 3 and 4 ----

/** Objects drawn from a stratum of n at a share of bp basis points: ⌈n × bp / 10000⌉ (integer arithmetic). */
export const drawCount = (n: number, bp: number) => Math.min(n, Math.floor((n * bp + FULL_SHARE - 1) / FULL_SHARE));

/** Inspectors per department on one object: 2 when one department inspects alone, 1 each when joint. */
export const perDepartment = (departments: number) => (departments === 1 ? 2 : 1);

const shareOf = (p: DrawParams, stratum: string) => p.shares.find((s) => s.stratum === stratum)?.bp ?? p.defaultShareBp;

export interface DrawProblem {
  object: string;
  department: string;
  eligible: number;
  needed: number;
}

/** Per department, the inspectors who may be sent at all (with the field when one is required), in key order. */
function pools(inspectors: readonly DrawInspector[], p: DrawParams): Map<string, number[]> {
  const out = new Map<string, number[]>(p.departments.map((d) => [d, []]));
  inspectors.forEach((ins, idx) => {
    if (p.field !== null && !ins.fields.includes(p.field)) return;
    out.get(ins.department)?.push(idx);
  });
  return out;
}

/** Per object, the inspectors (indexes) that may not inspect it: declared relation or last check. */
function exclusions(objects: readonly DrawObject[], inspectors: readonly DrawInspector[]): Map<string, Set<number>> {
  const index = new Map(inspectors.map((ins, i) => [ins.key, i]));
  const out = new Map<string, Set<number>>();
  const add = (object: string, i: number | undefined) => {
    if (i === undefined) return;
    let s = out.get(object);
    if (!s) out.set(object, (s = new Set()));
    s.add(i);
  };
  inspectors.forEach((ins, i) => {
    for (const o of ins.avoid) add(o, i);
  });
  for (const o of objects) for (const k of o.lastInspectors) add(o.key, index.get(k));
  return out;
}

/** Objects that could not get a full team (checked at commit, so that a committed draw always runs). */
export function feasibilityProblems(objects: readonly DrawObject[], inspectors: readonly DrawInspector[], params: DrawParams): DrawProblem[] {
  const ins = canonicalInspectors(inspectors);
  const objs = canonicalObjects(objects);
  const pool = pools(ins, params);
  const excluded = exclusions(objs, ins);
  const needed = perDepartment(params.departments.length);
  const problems: DrawProblem[] = [];
  for (const o of objs) {
    const ex = excluded.get(o.key);
    for (const d of params.departments) {
      const eligible = (pool.get(d) ?? []).filter((i) => !ex?.has(i)).length;
      if (eligible < needed) problems.push({ object: o.key, department: d, eligible, needed });
    }
  }
  return problems;
}

/**
 * Inspectors of one department grouped by their load in this draw: levels[l] = indexes (ascending, i.e. key
 * order) of the inspectors with l checks so far.
 */
class Loads {
  readonly levels: number[][] = [];
  readonly load = new Map<number, number>();
  /** Levels below this one are empty (loads only grow). */
  private low = 0;
  constructor(pool: number[]) {
    this.levels.push(pool.slice());
    for (const i of pool) this.load.set(i, 0);
  }
  private static position(a: number[], x: number): number {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /**
   * The least loaded eligible inspectors, one chosen uniformly (index below(count) among them in key order); null
   * when nobody is eligible. `excluded`: inspectors (of any department) that may not be sent to this object.
   */
  pick(excluded: readonly number[], stream: DrawStream): number | null {
    while (this.low < this.levels.length && this.levels[this.low]!.length === 0) this.low++;
    for (let l = this.low; l < this.levels.length; l++) {
      const level = this.levels[l]!;
      // Positions of the excluded members of this level (few: declared relations, last check, this team).
      const out = excluded
        .filter((i) => this.load.get(i) === l)
        .map((i) => Loads.position(level, i))
        .sort((a, b) => a - b);
      const count = level.length - out.length;
      if (count === 0) continue;
      // The r-th eligible member in key order.
      let at = stream.below(count);
      for (const p of out) if (p <= at) at++;
      const chosen = level[at]!;
      level.splice(at, 1);
      if (!this.levels[l + 1]) this.levels[l + 1] = [];
      const next = this.levels[l + 1]!;
      next.splice(Loads.position(next, chosen), 0, chosen);
      this.load.set(chosen, l + 1);
      return chosen;
    }
    return null;
  }
}

/** Steps 3 and 4: the deterministic draw over the seed. Throws if an object cannot get a full team. */
export function runDraw(objects: readonly DrawObject[], inspectors: readonly DrawInspector[], params: DrawParams, seed: string): DrawResult {
  const objs = canonicalObjects(objects);
  const ins = canonicalInspectors(inspectors);
  const p = canonicalParams(params);
  for (const o of objs) if (!KEY.test(o.key)) throw new Error(`对象编码不合规：${o.key}`);
  for (const i of ins) if (!KEY.test(i.key)) throw new Error(`检查人员编码不合规：${i.key}`);
  const stream = new DrawStream(seed);
  // Step 3: strata in code-unit order, objects of a stratum in key order.
  const strata = new Map<string, DrawObject[]>();
  for (const o of objs) {
    const list = strata.get(o.stratum);
    if (list) list.push(o);
    else strata.set(o.stratum, [o]);
  }
  const names = [...strata.keys()].sort();
  const picks: DrawResult['picks'] = [];
  const strataOut: DrawResult['strata'] = [];
  for (const s of names) {
    const members = strata.get(s)!;
    const bp = shareOf(p, s);
    const drawn = drawFirst(members, drawCount(members.length, bp), stream);
    strataOut.push({ stratum: s, population: members.length, bp, drawn: drawn.length });
    for (const o of drawn) picks.push({ object: o.key, stratum: s, team: [] });
  }
  // Step 4: teams.
  const pool = pools(ins, p);
  const loads = new Map(p.departments.map((d) => [d, new Loads(pool.get(d) ?? [])]));
  const excluded = exclusions(objs, ins);
  const needed = perDepartment(p.departments.length);
  const count = new Array<number>(ins.length).fill(0);
  for (const pick of picks) {
    const ex = [...(excluded.get(pick.object) ?? [])];
    for (const d of p.departments) {
      for (let t = 0; t < needed; t++) {
        const chosen = loads.get(d)!.pick(ex, stream);
        if (chosen === null) throw new Error(`对象 ${pick.object} 在部门 ${d} 没有可派的检查人员`);
        ex.push(chosen);
        count[chosen]!++;
        pick.team.push(ins[chosen]!.key);
      }
    }
  }
  return { strata: strataOut, picks, workload: ins.map((i, idx) => ({ inspector: i.key, checks: count[idx]! })) };
}

/**
 * SHA-256 of the canonical JSON of a result (= canonicalJson(r): keys in alphabetical order at every level), written
 * field by field and hashed in parts.
 */
export const resultHash = (r: DrawResult) => sha256HexOfParts(resultJsonParts(r));
function* resultJsonParts(r: DrawResult): Generator<string> {
  yield '{"picks":[';
  for (let i = 0; i < r.picks.length; i += 1000) {
    let s = '';
    for (let k = i; k < Math.min(r.picks.length, i + 1000); k++) {
      const p = r.picks[k]!;
      s += `${k ? ',' : ''}{"object":${j(p.object)},"stratum":${j(p.stratum)},"team":${j(p.team)}}`;
    }
    yield s;
  }
  yield `],"strata":[${r.strata.map((x) => `{"bp":${j(x.bp)},"drawn":${j(x.drawn)},"population":${j(x.population)},"stratum":${j(x.stratum)}}`).join(',')}],"workload":[`;
  yield r.workload.map((w) => `{"checks":${j(w.checks)},"inspector":${j(w.inspector)}}`).join(',');
  yield ']}';
}

// ---- verification ----

/** Everything a draw publishes: enough to recompute it. */
export interface PublishedDraw {
  algorithm: string;
  draw: DrawHeader;
  objects: DrawObject[];
  inspectors: DrawInspector[];
  params: DrawParams;
  seedSource: SeedSource;
  committed: DrawCommitment;
  witnessNumbers: string[] | null;
  lotteryResult: string | null;
  seed: string | null;
  result: DrawResult | null;
  resultHash: string | null;
}

export interface VerifyCheck {
  label: string;
  ok: boolean;
  expected: string;
  actual: string;
}

/**
 * Recomputes a published draw from its inputs: the snapshot hashes, the commitment, the seed and the whole
 * result. Every check names what was published and what was recomputed.
 */
export function verifyDraw(d: PublishedDraw): { ok: boolean; checks: VerifyCheck[] } {
  const checks: VerifyCheck[] = [];
  const check = (label: string, expected: string, actual: string) => checks.push({ label, ok: expected === actual, expected, actual });
  check('算法', ALGORITHM, d.algorithm);
  const c = commitDraw(d.draw, d.objects, d.inspectors, d.params, d.seedSource);
  check('检查对象名录快照 SHA-256', d.committed.objectsHash, c.objectsHash);
  check('执法检查人员名录快照 SHA-256', d.committed.inspectorsHash, c.inspectorsHash);
  check('承诺值（参数、快照与种子来源）', d.committed.commitment, c.commitment);
  if (d.witnessNumbers && d.lotteryResult !== null && d.seed && d.result && d.resultHash) {
    const seed = drawSeed(c.commitment, d.witnessNumbers, d.lotteryResult);
    check('随机种子（监督人号码与开奖号码）', d.seed, seed);
    let recomputed: DrawResult | null = null;
    try {
      recomputed = runDraw(d.objects, d.inspectors, d.params, seed);
    } catch (e) {
      check('重新抽取', '可以完成', e instanceof Error ? e.message : String(e));
    }
    if (recomputed) {
      check('抽取结果 SHA-256', d.resultHash, resultHash(recomputed));
      check('公布的抽取结果与重算一致', resultHash(d.result), resultHash(recomputed));
    }
  }
  return { ok: checks.every((x) => x.ok), checks };
}
