import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { matchProfilePage, type MatchProfileRow } from '../enterprises/index.js';
import { BatchMatcher, type AmountRule, type Condition } from './core/index.js';

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
  /** Rows of policy_match inserted or updated, and firms whose rows changed. */
  written: number;
  changedFirms: number;
  /** Per rule (in the order given): the eligible firms, when asked for (`collect`). */
  eligibleByRule: number[][] | null;
}

interface Loaded {
  firms: MatchProfileRow[];
  /** Firm id → its stored eligible results of these versions ("versionId:amount,…" by version id). */
  old: Map<number, string> | null;
}

/**
 * Matches every firm (keyset batches by id) against the given rule versions and keeps policy_match in step:
 * per batch, the firms' stored results of these versions are read (one grouped statement) and compared
 * with the new ones; only the firms whose results changed are written, in one transaction per batch: their
 * rows of these versions deleted, their new eligible rows inserted with one `insert … select from unnest`.
 * Unchanged rows keep their `as_of` and `evaluated_at` (when the result was last written). Reading the next
 * batch and writing the previous one run on other connections while a batch is evaluated.
 */
export async function matchAllFirms(
  db: Kysely<Database>,
  given: readonly BatchMatchRule[],
  o: { asOf: string; record: boolean; collect: boolean; batch: number },
): Promise<BatchMatchResult> {
  // Rules by version id: a firm's new results come out in the order of its stored ones.
  const order = given.map((_, i) => i).sort((a, b) => given[a]!.versionId - given[b]!.versionId);
  const rules = order.map((i) => given[i]!);
  const versionIds = rules.map((r) => r.versionId);
  const matcher = new BatchMatcher(rules, o.asOf);
  const eligibleByRule = o.collect ? rules.map(() => [] as number[]) : null;
  const out: BatchMatchResult = { enterprises: 0, evaluations: 0, eligible: 0, unknown: 0, written: 0, changedFirms: 0, eligibleByRule: null };
  if (!rules.length) return out;
  const versionList = versionIds.join(',');

  const load = async (afterId: number): Promise<Loaded> => {
    const firms = await matchProfilePage(db, afterId, o.batch, o.asOf);
    if (!firms.length || !o.record) return { firms, old: null };
    const r = await sql<{ id: number; m: string }>`
      select enterprise_id as id, string_agg(case when outcome = 'eligible' then rule_version_id::text || ':' || coalesce(amount::text, '') else 'x' end, ','
        order by rule_version_id) as m
      from policy_match where enterprise_id > ${afterId} and enterprise_id <= ${firms[firms.length - 1]!.id}
        and rule_version_id = any(string_to_array(${versionList}, ',')::int[])
      group by enterprise_id`.execute(db);
    return { firms, old: new Map(r.rows.map((x) => [x.id, x.m])) };
  };
  // A promise awaited later must not count as unhandled in the meantime.
  const later = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {});
    return p;
  };

  let next = later(load(0));
  let writing: Promise<void> | null = null;
  for (;;) {
    const { firms, old } = await next;
    if (!firms.length) break;
    next = later(load(firms[firms.length - 1]!.id));
    out.enterprises += firms.length;
    out.evaluations += firms.length * rules.length;
    // Rows to write (column lists for unnest) and firms to clear first.
    const e: number[] = [],
      v: number[] = [],
      it: number[] = [],
      a: Array<number | null> = [],
      clear: number[] = [];
    let parts: string[] = [];
    let firmRows: Array<[number, number | null]> = [];
    const onEligible = (k: number, amount: number | null) => {
      firmRows.push([k, amount]);
    };
    for (const f of firms) {
      firmRows = [];
      out.unknown += matcher.match(matcher.prepare(f), onEligible);
      out.eligible += firmRows.length;
      if (eligibleByRule) for (const [k] of firmRows) eligibleByRule[k]!.push(f.id);
      if (!old) continue;
      parts = firmRows.map(([k, amount]) => `${versionIds[k]}:${amount === null ? '' : amount}`);
      const before = old.get(f.id);
      if ((before ?? '') === parts.join(',')) continue;
      out.changedFirms++;
      if (before !== undefined) clear.push(f.id);
      for (const [k, amount] of firmRows) {
        e.push(f.id);
        v.push(versionIds[k]!);
        it.push(rules[k]!.itemId);
        a.push(amount);
      }
    }
    if (old && (clear.length || e.length)) {
      if (writing) await writing;
      out.written += e.length;
      writing = later(
        db.transaction().execute(async (trx) => {
          if (clear.length)
            await sql`delete from policy_match where enterprise_id = any(string_to_array(${clear.join(',')}, ',')::int[])
              and rule_version_id = any(string_to_array(${versionList}, ',')::int[])`.execute(trx);
          if (e.length)
            await sql`insert into policy_match (enterprise_id, rule_version_id, item_id, outcome, amount, as_of)
              select t.e, t.v, t.i, 'eligible', t.a, ${o.asOf}::date
              from unnest(string_to_array(${e.join(',')}, ',')::int[], string_to_array(${v.join(',')}, ',')::int[],
                string_to_array(${it.join(',')}, ',')::int[], string_to_array(${a.map((x) => (x === null ? '' : x)).join(',')}, ',', '')::numeric[]) as t(e, v, i, a)
              on conflict (enterprise_id, rule_version_id) do update
                set item_id = excluded.item_id, outcome = excluded.outcome, amount = excluded.amount, as_of = excluded.as_of, evaluated_at = now()`.execute(trx);
        }),
      );
    }
  }
  if (writing) await writing;
  if (eligibleByRule) {
    out.eligibleByRule = given.map(() => [] as number[]);
    for (const [k, i] of order.entries()) out.eligibleByRule[i] = eligibleByRule[k]!;
  }
  return out;
}
