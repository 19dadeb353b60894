import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { actorNamer } from './read-api.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { findUnitById } from '../units/index.js';

/**
 * Per-unit API tokens: a department's system calls the JSON APIs for its unit (the indicators' case records,
 * the requests' Open311 endpoints). The token is shown once; only its SHA-256 is stored (a 192-bit random
 * token needs no slow hash). A token acts for its unit only. Issued and revoked by the office (the indicators'
 * token page); the table keeps its first name, `indicator_api_token`.
 */
const hash = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

export async function createApiToken(db: Kysely<Database>, p: { unitId: number; label: string; actor: string }): Promise<{ id: number; token: string }> {
  const unit = await findUnitById(db, p.unitId);
  if (!unit) throw new InputRejectedError(`单位名录中没有编号 ${p.unitId}`);
  const token = `bzt_${crypto.randomBytes(24).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('indicator_api_token')
      .values({ unit_id: p.unitId, token_hash: hash(token), label: p.label, created_by: p.actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: p.actor,
      action: 'indicator.token.create',
      entity: 'indicator_api_token',
      entityId: r.id,
      after: { unitId: p.unitId, unit: unit.name, label: p.label },
    });
    return { id: r.id, token };
  });
}

export async function listApiTokens(db: Kysely<Database>) {
  return db
    .selectFrom('indicator_api_token as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .select([
      't.id',
      't.unit_id as unitId',
      'u.name as unitName',
      't.label',
      't.created_by as createdBy',
      't.created_at as createdAt',
      't.revoked_at as revokedAt',
    ])
    .orderBy('t.id')
    .execute()
    .then(async (rows) => {
      const name = await actorNamer(
        db,
        rows.map((r) => r.createdBy),
      );
      return rows.map((r) => ({ ...r, createdBy: name(r.createdBy) }));
    });
}

export async function revokeApiToken(db: Kysely<Database>, id: number, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('indicator_api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('unit_id')
      .executeTakeFirst();
    if (!r) throw new NotFoundError('有效的令牌（不存在或已停用）');
    await recordAudit(trx, { actor, action: 'indicator.token.revoke', entity: 'indicator_api_token', entityId: id });
  });
}

/** The unit of a valid token, or null. */
export async function unitForToken(db: Kysely<Database>, token: string): Promise<{ unitId: number; tokenId: number } | null> {
  const r = await db
    .selectFrom('indicator_api_token')
    .select(['id', 'unit_id'])
    .where('token_hash', '=', hash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r ? { unitId: r.unit_id, tokenId: r.id } : null;
}

/** When the office merges a unit into another: its tokens act for the unit merged into. Returns the count moved. */
export async function moveUnitApiTokens(db: Kysely<Database>, fromId: number, intoId: number): Promise<number> {
  const r = await db.updateTable('indicator_api_token').set({ unit_id: intoId }).where('unit_id', '=', fromId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
