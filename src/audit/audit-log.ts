import { advisoryXactLock } from '../db/index.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { canonicalJson } from '../shared/index.js';
import type { AuditHead } from './checkpoints.js';

export interface AuditEntry {
  /** Account name of the person, or `system`/`cli:<user>` for automated changes. */
  actor: string;
  /** What happened, e.g. `plan.import`, `ledger.report.submit`. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

function rowHash(
  prev: string,
  r: { at: string; actor: string; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown },
): string {
  return crypto
    .createHash('sha256')
    .update(prev)
    .update(
      canonicalJson({
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        before: r.before ?? null,
        after: r.after ?? null,
      }),
    )
    .digest('hex');
}

/**
 * Appends an audit entry in the caller's transaction. Rows are chained: each stores the hash of
 * the previous row and its own, so `verifyAuditLog` detects a removed or altered row. The
 * advisory lock serialises writers so that two transactions never chain onto the same row.
 */
export async function recordAudit(trx: Kysely<Database>, e: AuditEntry): Promise<void> {
  await advisoryXactLock(trx, 'audit');
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const before = e.before === undefined ? null : JSON.parse(canonicalJson(e.before));
  const after = e.after === undefined ? null : JSON.parse(canonicalJson(e.after));
  const entity_id = e.entityId === undefined || e.entityId === null ? null : String(e.entityId);
  const hash = rowHash(prev, { at, actor: e.actor, action: e.action, entity: e.entity, entity_id, before, after });
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      prev_hash: prev,
      hash,
    })
    .execute();
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row that breaks the chain, with the reason. */
  problem?: { id: number; reason: string };
  /** Checkpoints checked against the chain (see checkpoints.ts). */
  checkpoints?: number;
}

/**
 * Recomputes the chain from the first row, then checks it against the signed checkpoints (the
 * external anchors that show a deleted or rewritten tail).
 */
export async function verifyAuditLog(db: Kysely<Database>, opts: { checkpoints?: AuditHead[] } = {}): Promise<AuditVerification> {
  let prev = GENESIS;
  let checked = 0;
  let lastId = 0;
  // Checkpoint ids → the count and hash the chain must have there.
  const anchors = new Map<number, AuditHead[]>();
  for (const c of opts.checkpoints ?? []) anchors.set(c.lastId, [...(anchors.get(c.lastId) ?? []), c]);
  const seen = new Set<number>();
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, problem: { id: Number(r.id), reason: '与前一条记录的链接不符（有记录被删除或插入）' } };
      const at = new Date(r.at).toISOString();
      const h = rowHash(prev, { at, actor: r.actor, action: r.action, entity: r.entity, entity_id: r.entity_id, before: r.before, after: r.after });
      if (h !== r.hash) return { ok: false, checked, problem: { id: Number(r.id), reason: '记录内容与其哈希不符（记录被修改）' } };
      prev = r.hash;
      checked++;
      lastId = Number(r.id);
      for (const c of anchors.get(lastId) ?? []) {
        if (c.hash !== r.hash || c.count !== checked)
          return { ok: false, checked, problem: { id: lastId, reason: '与签名检查点不符（检查点之前的记录被改写）' } };
        seen.add(lastId);
      }
    }
  }
  for (const c of opts.checkpoints ?? []) {
    if (c.lastId > 0 && !seen.has(c.lastId)) {
      return {
        ok: false,
        checked,
        problem: { id: c.lastId, reason: `签名检查点记录的第 ${c.count} 条（编号 ${c.lastId}）已不存在（最新的记录被删除或改写）` },
      };
    }
  }
  return { ok: true, checked, ...(opts.checkpoints ? { checkpoints: opts.checkpoints.length } : {}) };
}

export async function listAudit(db: Kysely<Database>, opts: { entity?: string; entityId?: string; limit?: number; offset?: number }) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0);
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  return q.execute();
}
