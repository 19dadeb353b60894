import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { matchProfilePage, type MatchProfileRow } from '../enterprises/index.js';
import { streamInWorker } from '../files/index.js';
import type { AmountRule, Condition } from './core/index.js';
import { PageMatcher, profilePage, type PageMatchSetup, type PageResult, type ProfilePage } from './batch-page.js';

/** The worker's module (batch-page.ts): `openPageMatcher`, then `matchPage` per page. */
const PAGE_MODULE = new URL('./batch-page.ts', import.meta.url);
/**
 * The matching worker at its heap limit (`WORKER_MEMORY_MB`): not the file parser's 文件过大 but what happened to
 * the run. The pages written before stay (each firm whole) and the push, which comes after every firm, has not begun.
 */
export const matchOutOfMemory = (limitMb: number): Error =>
  new Error(
    `政策匹配的计算线程超出内存上限（${limitMb.toLocaleString('zh-CN')} MB），本次匹配未完成：已匹配的企业结果已保存，尚未推送任何消息；请联系系统运维人员`,
  );
/** A run of one page with at most this many evaluations (firms × rules; ≈ 15 ms) is evaluated on the calling thread. */
const INLINE_EVALUATIONS = 500_000;

/** A rule version in force, as bulk matching needs it. */
export interface BatchMatchRule {
  versionId: number;
  itemId: number;
  condition: Condition;
  amount: AmountRule | null | undefined;
}

export interface BatchMatchResult {
  enterprises: number;
  evaluations: number;
  eligible: number;
  unknown: number;
  /** policy_match rows inserted or updated, rows deleted, and firms whose results changed. */
  written: number;
  deleted: number;
  changedFirms: number;
  /** Per rule (in the order given): the eligible firms' ids, when asked for (`collect`). */
  eligibleByRule: Int32Array[] | null;
}

/** Firm → (version id → amount): the stored results of the versions asked about. */
type Stored = Map<number, Map<number, number | null>>;

interface Loaded {
  firms: MatchProfileRow[];
  /** Per firm: its kept results text and cover (full runs). */
  state: Map<number, { cover: number; results: string }> | null;
  /** Results read from policy_match for the versions the kept state does not cover. */
  stored: Stored | null;
}

const ints = (xs: readonly number[]) => sql`string_to_array(${xs.join(',')}, ',')::int[]`;

function parseResults(text: string): Map<number, number | null> {
  const m = new Map<number, number | null>();
  if (!text) return m;
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    const a = part.slice(i + 1);
    m.set(Number(part.slice(0, i)), a === '' ? null : Number(a));
  }
  return m;
}

/**
 * Drops the kept per-firm results whose cover includes any of these versions: a run over some items only
 * (or a profile change, per firm) rewrites their policy_match rows without updating the kept text.
 */
export async function dropMatchState(db: Kysely<Database>, p: { versionIds?: readonly number[]; enterpriseIds?: readonly number[] }): Promise<void> {
  if (p.enterpriseIds?.length) await sql`delete from policy_match_firm where enterprise_id = any(${ints(p.enterpriseIds)})`.execute(db);
  if (p.versionIds?.length)
    await sql`delete from policy_match_firm where cover_id in (select id from policy_match_cover where versions && ${ints(p.versionIds)})`.execute(db);
}

/**
 * Matches every firm (keyset batches by id) against the given rule versions and keeps policy_match in step,
 * writing only what changed. A full run (`full`: every rule version in force) keeps, per firm, its results
 * as one text over the run's set of versions (policy_match_firm, cover in policy_match_cover): the next full
 * run reads that one row per firm, and a firm whose text and cover are the same is not written at all.
 * Versions the kept text does not cover (published since) and firms without kept text are read from
 * policy_match. A changed firm gets, in one transaction per batch, its vanished rows deleted and its new or
 * changed rows inserted (`insert … select from unnest … on conflict do update`) and its text replaced.
 * Unchanged rows keep their `as_of` and `evaluated_at` (when the result was last written). Reading the next
 * batch and writing the previous one run on other connections while a batch is evaluated.
 */
export async function matchAllFirms(
  db: Kysely<Database>,
  given: readonly BatchMatchRule[],
  o: {
    asOf: string;
    record: boolean;
    collect: boolean;
    batch: number;
    full: boolean;
    /**
     * true: evaluate on this thread (the benchmark's baseline, bench/match-load.bench.ts); false: in a worker
     * even when the run is one small page (tests). Unset: a worker unless the run is one small page.
     */
    onMainThread?: boolean;
    /** The background job's hooks: a cancel check before each batch (the batches written keep), firms done after each. */
    steps?: { progress?: (firmsDone: number) => void; checkCancelled?: () => void };
  },
): Promise<BatchMatchResult> {
  // Rules by version id: a firm's results text lists them in that order.
  const order = given.map((_, i) => i).sort((a, b) => given[a]!.versionId - given[b]!.versionId);
  const rules = order.map((i) => given[i]!);
  const versionIds = rules.map((r) => r.versionId);
  const versionSet = new Set(versionIds);
  const out: BatchMatchResult = { enterprises: 0, evaluations: 0, eligible: 0, unknown: 0, written: 0, deleted: 0, changedFirms: 0, eligibleByRule: null };
  if (!rules.length) return out;

  let cover = 0;
  const covers = new Map<number, Set<number>>();
  if (o.record && o.full) {
    const found = await sql<{ id: number }>`select id from policy_match_cover where versions = ${ints(versionIds)} order by id limit 1`.execute(db);
    cover =
      found.rows[0]?.id ??
      (await sql<{ id: number }>`insert into policy_match_cover (versions) values (${ints(versionIds)}) returning id`.execute(db)).rows[0]!.id;
    covers.set(cover, new Set(versionIds));
  } else if (o.record) await dropMatchState(db, { versionIds });

  const readStored = async (lo: number, hi: number, versions: readonly number[]): Promise<Stored> => {
    const wanted = new Set(versions);
    const items = [...new Set(rules.filter((r) => wanted.has(r.versionId)).map((r) => r.itemId))];
    const r = await sql<{ e: number; v: number; a: number | null }>`
      select enterprise_id as e, rule_version_id as v, amount as a from policy_match
      where enterprise_id > ${lo} and enterprise_id <= ${hi} and item_id = any(${ints(items)}) and rule_version_id = any(${ints(versions)})
        and outcome = 'eligible'`.execute(db);
    const m: Stored = new Map();
    for (const x of r.rows) {
      let f = m.get(x.e);
      if (!f) m.set(x.e, (f = new Map()));
      f.set(x.v, x.a);
    }
    return m;
  };

  const load = async (afterId: number): Promise<Loaded> => {
    const firms = await matchProfilePage(db, afterId, o.batch, o.asOf);
    if (!firms.length || !o.record) return { firms, state: null, stored: null };
    const hi = firms[firms.length - 1]!.id;
    if (!o.full) return { firms, state: null, stored: await readStored(afterId, hi, versionIds) };
    const rows = await sql<{ id: number; cover: number; results: string }>`
      select enterprise_id as id, cover_id as cover, results from policy_match_firm where enterprise_id > ${afterId} and enterprise_id <= ${hi}`.execute(db);
    const state = new Map(rows.rows.map((x) => [x.id, { cover: x.cover, results: x.results }]));
    // Versions some firm's kept text does not cover.
    const missing = new Set<number>();
    for (const f of firms) {
      const s = state.get(f.id);
      if (s?.cover === cover) continue;
      let c = s ? covers.get(s.cover) : undefined;
      if (s && !c) {
        const r = await sql<{ versions: number[] }>`select versions from policy_match_cover where id = ${s.cover}`.execute(db);
        c = new Set(r.rows[0]?.versions ?? []);
        covers.set(s.cover, c);
      }
      for (const v of versionIds) if (!c?.has(v)) missing.add(v);
      if (missing.size === versionIds.length) break;
    }
    return { firms, state, stored: missing.size ? await readStored(afterId, hi, [...missing]) : null };
  };
  // A promise awaited later must not count as unhandled in the meantime.
  const later = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {});
    return p;
  };

  // The evaluation: in one worker thread for the run (the rules sent once, then each page as columns), or
  // here when the whole run is one small page (a policy published in a small registry: the worker's start,
  // 0.2–0.5 s, would cost more than the evaluation holds this thread), or when asked (`onMainThread`).
  const first = await load(0);
  const setup: PageMatchSetup = {
    rules: rules.map((r) => ({ versionId: r.versionId, condition: r.condition, amount: r.amount })),
    asOf: o.asOf,
    pairs: o.record,
    texts: o.record && o.full,
    collect: o.collect,
  };
  let evaluate: (page: ProfilePage) => Promise<PageResult>;
  let collected: () => Promise<Int32Array[]>;
  let close = async () => {};
  if (o.onMainThread ?? (first.firms.length < o.batch && first.firms.length * rules.length <= INLINE_EVALUATIONS)) {
    const m = new PageMatcher(setup);
    evaluate = async (page) => m.match(page);
    collected = async () => m.allCollectedIds();
  } else {
    const w = streamInWorker<never, number>(PAGE_MODULE, 'openPageMatcher', [setup], { outOfMemory: matchOutOfMemory });
    const ready = later(w.next());
    close = () => w.close();
    evaluate = async (page) => {
      await ready;
      return w.call<PageResult>('matchPage', [page]);
    };
    collected = () => w.call<Int32Array[]>('allCollectedIds', []);
  }
  // A page evaluated: as soon as it is read, the next one is read while it is evaluated; and the page after is
  // evaluated while this one's results are compared and written (at most three pages in hand).
  const evaluated = async (l: Loaded) => {
    const more = l.firms.length ? later(load(l.firms[l.firms.length - 1]!.id)) : null;
    return { ...l, more, res: l.firms.length ? await evaluate(profilePage(l.firms)) : null };
  };

  try {
    let next = later(evaluated(first));
    let writing: Promise<void> | null = null;
    for (;;) {
      try {
        o.steps?.checkCancelled?.();
      } catch (e) {
        // A cancel: the batch being written finishes (its own transaction), nothing more starts.
        if (writing) await writing.catch(() => {});
        throw e;
      }
      const { firms, state, stored, res, more } = await next;
      if (!firms.length || !res || !more) break;
      next = later(more.then(evaluated));
      out.enterprises += firms.length;
      out.evaluations += firms.length * rules.length;
      out.unknown += res.unknown;
      out.eligible += res.eligible;
      // Rows to upsert and to delete (column lists for unnest), kept texts to replace.
      const e: number[] = [],
        v: number[] = [],
        it: number[] = [],
        a: Array<number | null> = [],
        de: number[] = [],
        dv: number[] = [],
        se: number[] = [],
        st: string[] = [];
      const texts = res.texts === null ? null : res.texts.split('\n');
      const counts = res.counts,
        ks = res.rules,
        amounts = res.amounts;
      let end = 0;
      for (let i = 0; o.record && counts && ks && amounts && i < firms.length; i++) {
        const f = firms[i]!;
        const start = end;
        end += counts[i]!;
        const s = state?.get(f.id);
        const text = texts ? texts[i]! : '';
        if (state && s && s.cover === cover && s.results === text) continue;
        // What policy_match holds for this firm and these versions: the kept text where it covers them, else read.
        const old = new Map<number, number | null>();
        if (s) {
          const c = covers.get(s.cover)!;
          for (const [ver, amt] of parseResults(s.results)) if (c.has(ver)) old.set(ver, amt);
        }
        const read = stored?.get(f.id);
        if (read) for (const [ver, amt] of read) if (!s || !covers.get(s.cover)!.has(ver)) old.set(ver, amt);
        let changed = false;
        for (let j = start; j < end; j++) {
          const k = ks[j]!;
          const amount = Number.isNaN(amounts[j]!) ? null : amounts[j]!;
          const ver = versionIds[k]!;
          const had = old.get(ver);
          old.delete(ver);
          if (had === amount) continue;
          changed = true;
          e.push(f.id);
          v.push(ver);
          it.push(rules[k]!.itemId);
          a.push(amount);
        }
        for (const ver of old.keys())
          if (versionSet.has(ver)) {
            changed = true;
            de.push(f.id);
            dv.push(ver);
          }
        if (changed) out.changedFirms++;
        if (state) {
          se.push(f.id);
          st.push(text);
        }
      }
      o.steps?.progress?.(out.enterprises);
      if (e.length || de.length || se.length) {
        if (writing) await writing;
        out.written += e.length;
        out.deleted += de.length;
        writing = later(
          db.transaction().execute(async (trx) => {
            if (de.length)
              await sql`delete from policy_match m using unnest(${ints(de)}, ${ints(dv)}) as t(e, v)
              where m.enterprise_id = t.e and m.rule_version_id = t.v`.execute(trx);
            if (e.length)
              await sql`insert into policy_match (enterprise_id, rule_version_id, item_id, outcome, amount, as_of)
              select t.e, t.v, t.i, 'eligible', t.a, ${o.asOf}::date
              from unnest(${ints(e)}, ${ints(v)}, ${ints(it)}, string_to_array(${a.map((x) => (x === null ? '' : x)).join(',')}, ',', '')::numeric[]) as t(e, v, i, a)
              on conflict (enterprise_id, rule_version_id) do update
                set item_id = excluded.item_id, outcome = excluded.outcome, amount = excluded.amount, as_of = excluded.as_of, evaluated_at = now()`.execute(
                trx,
              );
            if (se.length)
              await sql`insert into policy_match_firm (enterprise_id, cover_id, results)
              select t.e, ${cover}, t.r from unnest(${ints(se)}, ${st}::text[]) as t(e, r)
              on conflict (enterprise_id) do update set cover_id = excluded.cover_id, results = excluded.results`.execute(trx);
          }),
        );
      }
    }
    if (writing) await writing;
    if (o.collect) {
      // One answer for every rule (a round trip per rule waits for a turn of this thread's event loop each
      // time: 500 of them under load took seconds); typed arrays, turned into lists rule by rule by the push.
      const ids = await collected();
      out.eligibleByRule = given.map(() => new Int32Array(0));
      for (const [k, i] of order.entries()) out.eligibleByRule[i] = ids[k]!;
    }
  } finally {
    await close();
  }
  return out;
}
