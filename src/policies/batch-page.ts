import type { MatchProfileRow } from '../enterprises/index.js';
import { BatchMatcher, type AmountRule, type Condition } from './core/index.js';

/**
 * The evaluation of bulk matching, one page of firms at a time, as it runs in a worker thread
 * (`matchAllFirms` in batch-match.ts: one worker per run, `streamInWorker` of src/files). What crosses
 * between the threads is compact: a page of profiles as columns (typed arrays for the numbers, arrays
 * of strings for the discrete facts) and, back, the eligible pairs as typed arrays and each firm's
 * results text as one string. Structured-cloning 10,000 profile objects cost the main thread ≈ 14 ms per page
 * to send; these columns ≈ 3 ms to build and send (measured, src/policies/README.md).
 */

/** What the matcher needs once per run. `rules` are in the order of the results text (by version id). */
export interface PageMatchSetup {
  rules: ReadonlyArray<{ versionId: number; condition: Condition; amount: AmountRule | null | undefined }>;
  asOf: string;
  /** Return each firm's eligible pairs (`counts`, `rules`, `amounts`): the run records results. */
  pairs: boolean;
  /** Return each firm's results text (`texts`): a full run keeping per-firm texts. */
  texts: boolean;
  /** Keep, per rule, the ids of the eligible firms (`allCollectedIds`): the push after the run. */
  collect: boolean;
}

/** A page of firms as columns (row i of every column is firm i). */
export interface ProfilePage {
  ids: Int32Array;
  /** Per firm 5 numbers (registered capital, revenue, employees, assets, R&D ratio); NaN = none. */
  nums: Float64Array;
  street: Array<string | null>;
  industryCode: Array<string | null>;
  sizeClass: Array<string | null>;
  creditGrade: Array<string | null>;
  legalForm: Array<string | null>;
  registeredOn: Array<string | null>;
  /** The valid qualification tags, sorted, joined by U+0001 ('' for none). */
  quals: string[];
}

export interface PageResult {
  eligible: number;
  unknown: number;
  /** Per firm: how many of `rules`/`amounts` are its own (in page order); null unless `pairs`. */
  counts: Int32Array | null;
  /** Rule indexes (into the setup's rules) of the eligible pairs, firm after firm. */
  rules: Int32Array | null;
  /** The pairs' amounts; NaN = no amount. */
  amounts: Float64Array | null;
  /** The firms' results texts (`versionId:amount,…`) joined by '\n'; null unless `texts`. */
  texts: string | null;
}

const QSEP = '\u0001';

/** A page of `matchProfilePage` rows as columns (what the main thread builds and sends). */
export function profilePage(firms: readonly MatchProfileRow[]): ProfilePage {
  const n = firms.length;
  const ids = new Int32Array(n);
  const nums = new Float64Array(n * 5);
  const page: ProfilePage = { ids, nums, street: [], industryCode: [], sizeClass: [], creditGrade: [], legalForm: [], registeredOn: [], quals: [] };
  const num = (v: number | null) => (v === null ? Number.NaN : v);
  for (let i = 0; i < n; i++) {
    const f = firms[i]!;
    ids[i] = f.id;
    const o = i * 5;
    nums[o] = num(f.registeredCapital);
    nums[o + 1] = num(f.revenue);
    nums[o + 2] = num(f.employees);
    nums[o + 3] = num(f.assets);
    nums[o + 4] = num(f.rdRatio);
    page.street.push(f.street);
    page.industryCode.push(f.industryCode);
    page.sizeClass.push(f.sizeClass);
    page.creditGrade.push(f.creditGrade);
    page.legalForm.push(f.legalForm);
    page.registeredOn.push(f.registeredOn);
    page.quals.push(f.quals.join(QSEP));
  }
  return page;
}

/** A typed array that grows (doubling). */
class Grow<A extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(x: number) {
    if (this.length === this.data.length) {
      const d = this.make(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

/** Evaluates pages of firms against a run's rules (`BatchMatcher`), keeping the matcher's per-key plans between pages. */
export class PageMatcher {
  private readonly matcher: BatchMatcher;
  private readonly tokens: Array<string | undefined>;
  private readonly collected: Array<Grow<Int32Array>> | null;

  constructor(private readonly s: PageMatchSetup) {
    this.matcher = new BatchMatcher(s.rules, s.asOf);
    // A rule's entry in the results text, where it does not depend on the firm (no amount or a fixed one).
    this.tokens = s.rules.map((r) => (!r.amount ? `${r.versionId}:` : r.amount.kind === 'fixed' ? `${r.versionId}:${r.amount.amount}` : undefined));
    this.collected = s.collect ? s.rules.map(() => new Grow(new Int32Array(1024), (n) => new Int32Array(n))) : null;
  }

  match(page: ProfilePage): PageResult {
    const { rules, pairs, texts: wantTexts } = this.s;
    const n = page.ids.length;
    const counts = pairs ? new Int32Array(n) : null;
    const ks = new Grow(new Int32Array(Math.max(1024, n * 16)), (m) => new Int32Array(m));
    const as = new Grow(new Float64Array(Math.max(1024, n * 16)), (m) => new Float64Array(m));
    const texts: string[] = [];
    const collected = this.collected;
    let eligible = 0;
    let unknown = 0;
    let firmEligible = 0;
    let text = '';
    let id = 0;
    const onEligible = (k: number, amount: number | null) => {
      firmEligible++;
      if (pairs) {
        ks.push(k);
        as.push(amount === null ? Number.NaN : amount);
      }
      if (wantTexts) {
        const t = this.tokens[k] ?? `${rules[k]!.versionId}:${amount === null ? '' : amount}`;
        text = text === '' ? t : `${text},${t}`;
      }
      if (collected) collected[k]!.push(id);
    };
    const nums = page.nums;
    const at = (o: number) => (Number.isNaN(nums[o]!) ? null : nums[o]!);
    for (let i = 0; i < n; i++) {
      id = page.ids[i]!;
      firmEligible = 0;
      text = '';
      const o = i * 5;
      const q = page.quals[i]!;
      const p = this.matcher.prepare({
        street: page.street[i]!,
        industryCode: page.industryCode[i]!,
        sizeClass: page.sizeClass[i]!,
        creditGrade: page.creditGrade[i]!,
        legalForm: page.legalForm[i]!,
        registeredOn: page.registeredOn[i]!,
        registeredCapital: at(o),
        revenue: at(o + 1),
        employees: at(o + 2),
        assets: at(o + 3),
        rdRatio: at(o + 4),
        quals: q === '' ? [] : q.split(QSEP),
      });
      unknown += this.matcher.match(p, onEligible);
      eligible += firmEligible;
      if (counts) counts[i] = firmEligible;
      if (wantTexts) texts.push(text);
    }
    return {
      eligible,
      unknown,
      counts,
      rules: pairs ? ks.done() : null,
      amounts: pairs ? as.done() : null,
      texts: wantTexts ? texts.join('\n') : null,
    };
  }

  /** The ids of the firms eligible for rule k, over every page matched. */
  collectedIds(k: number): Int32Array {
    return this.collected?.[k]?.done() ?? new Int32Array(0);
  }

  /** Every rule's `collectedIds`, in one answer (one message, not a round trip per rule). */
  allCollectedIds(): Int32Array[] {
    return this.s.rules.map((_, k) => this.collectedIds(k));
  }
}

// ---------------------------------------------------------------------------------------------
// Worker entries (`streamInWorker(…, 'openPageMatcher', [setup])`, then `call('matchPage', [page])`):
// one run per worker, so one matcher per module instance.

let current: PageMatcher | null = null;

/** Worker entry: sets up the run's matcher; yields nothing, returns the number of rules. */
// biome-ignore lint/correctness/useYield: streamInWorker runs an async generator; this one only sets up the worker's state
export async function* openPageMatcher(setup: PageMatchSetup): AsyncGenerator<never, number> {
  current = new PageMatcher(setup);
  return setup.rules.length;
}

/** Worker entry: evaluates one page. */
export function matchPage(page: ProfilePage): PageResult {
  if (!current) throw new Error('page matcher not opened');
  return current.match(page);
}

/** Worker entry: per rule, the firms eligible for it (after the last page). */
export function allCollectedIds(): Int32Array[] {
  if (!current) throw new Error('page matcher not opened');
  return current.allCollectedIds();
}
