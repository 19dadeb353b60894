import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { notify } from '../inbox/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { unitStaffIds } from './access.js';
import { findUnitsByIds } from '../units/index.js';
import { issuedBulletins } from './read-api.js';
import { getTask } from './task-store.js';

/** What a 批示 is written on: a task, an order or an issued bulletin (drafts are the office's own). */
export const INSTRUCTION_TARGETS = ['task', 'order', 'bulletin'] as const;
export type InstructionTarget = (typeof INSTRUCTION_TARGETS)[number];
export const INSTRUCTION_TARGET_LABELS: Record<InstructionTarget, string> = { task: '任务', order: '督办单', bulletin: '通报' };

/** Longest 批示 and answer, in characters. */
export const MAX_INSTRUCTION_TEXT = 2000;

interface Target {
  planId: number;
  title: string;
  /** The item's own units (a task's lead and responsible units, an order's addressee, the units a bulletin concerns). */
  units: number[];
  link: string;
}

/** The item a 批示 is about: its plan, name, units and page (NotFoundError when there is none). */
async function resolveTarget(db: Kysely<Database>, kind: InstructionTarget, id: number): Promise<Target> {
  if (kind === 'task') {
    const t = await getTask(db, id, chinaToday());
    return {
      planId: t.planId,
      title: `任务${t.code} ${t.title}`,
      units: [...t.leadUnits, ...t.responsibleUnits].map((u) => u.id),
      link: `/ledger/tasks/${id}`,
    };
  }
  if (kind === 'order') {
    const o = await db.selectFrom('ledger_order').select(['plan_id', 'number', 'unit_id']).where('id', '=', id).executeTakeFirst();
    if (!o) throw new NotFoundError(`督办单 ${id}`);
    return { planId: o.plan_id, title: `督办单${o.number}`, units: [o.unit_id], link: `/ledger/orders/${id}` };
  }
  const [b] = await issuedBulletins(db, { id });
  if (!b) throw new NotFoundError(`已签发的通报 ${id}`);
  return { planId: b.planId, title: `通报${b.number}`, units: b.unitIds, link: `/ledger/bulletins/${id}` };
}

/**
 * A leader writes a 批示 on a task, an order or a bulletin. It concerns the item's units (a task's lead and
 * responsible units, or those of them the leader names; an order's addressee) or, on a bulletin, the units the leader
 * names. Their staff are told in their inbox (the title names the item); one of them answers it.
 */
export async function createInstruction(
  db: Kysely<Database>,
  user: SessionUser,
  p: { targetKind: InstructionTarget; targetId: number; text: string; unitIds?: number[] },
): Promise<{ id: number }> {
  if (user.role !== 'leader') throw new ForbiddenError('批示由领导填写');
  const target = await resolveTarget(db, p.targetKind, p.targetId);
  const problems: InputProblem[] = [];
  const text = p.text.trim();
  if (!text) problems.push({ field: 'text', message: '请填写批示内容' });
  if (text.length > MAX_INSTRUCTION_TEXT) problems.push({ field: 'text', message: `批示不超过 ${MAX_INSTRUCTION_TEXT} 字` });
  let unitIds = [...new Set(p.unitIds ?? [])];
  if (unitIds.length) {
    for (const id of unitIds)
      if (!target.units.includes(id)) problems.push({ field: 'unitIds', message: `单位 ${id} 不是该${INSTRUCTION_TARGET_LABELS[p.targetKind]}的承办单位` });
  } else unitIds = target.units;
  if (!problems.length && !unitIds.length) problems.push({ field: 'unitIds', message: '该事项没有承办单位，无法送达' });
  if (problems.length) throw new InputRejectedError('批示有误', problems);
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('ledger_instruction')
      .values({
        plan_id: target.planId,
        target_kind: p.targetKind,
        target_id: p.targetId,
        target_title: target.title,
        text,
        unit_ids: unitIds,
        author_id: user.id,
        author: user.account,
        author_name: user.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.instruction.create',
      entity: 'ledger_instruction',
      entityId: r.id,
      after: { targetKind: p.targetKind, targetId: p.targetId, text, unitIds },
    });
    await notify(trx, {
      userIds: await unitStaffIds(trx, unitIds),
      kind: 'ledger.instruction',
      title: `领导批示：${target.title}`,
      body: `${user.name}：${text}（请答复）`,
      link: target.link,
      dedupeKey: `instruction:${r.id}`,
    });
    return { id: r.id };
  });
}

/** Staff of a unit concerned answer a 批示 (once); the leader who wrote it is told. */
export async function answerInstruction(db: Kysely<Database>, user: SessionUser, id: number, answerText: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('ledger_instruction').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw new NotFoundError(`批示 ${id}`);
    const unitId = user.role === 'unit_staff' ? user.unitIds.find((u) => cur.unit_ids.includes(u)) : undefined;
    if (unitId === undefined) throw new ForbiddenError('批示由送达单位的工作人员答复');
    if (cur.answer !== null) throw new ConflictError('该批示已答复');
    const answer = answerText.trim();
    if (!answer) throw new InputRejectedError('请填写答复内容', [{ field: 'answer', message: '请填写答复内容' }]);
    if (answer.length > MAX_INSTRUCTION_TEXT) throw new InputRejectedError('答复过长', [{ field: 'answer', message: `不超过 ${MAX_INSTRUCTION_TEXT} 字` }]);
    const now = new Date();
    await trx
      .updateTable('ledger_instruction')
      .set({ answer, answer_unit_id: unitId, answered_by: user.account, answered_by_name: user.name, answered_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.instruction.answer',
      entity: 'ledger_instruction',
      entityId: id,
      before: { answer: null },
      after: { answer, unitId },
    });
    const target = await resolveTarget(trx, cur.target_kind, cur.target_id);
    await notify(trx, {
      userIds: [cur.author_id],
      kind: 'ledger.instruction',
      title: `批示已答复：${cur.target_title}`,
      body: `${user.name}：${answer}`,
      link: target.link,
      dedupeKey: `instruction-answer:${id}`,
    });
  });
}

export interface InstructionFilter {
  planId?: number;
  targetKind?: InstructionTarget;
  targetId?: number;
  /** Only those written by this account. */
  authorId?: number;
  /** Only those not yet answered. */
  open?: boolean;
  limit?: number;
}

/**
 * 批示 with their answers, newest first. Unit staff see those that concern one of their units (and may answer those
 * not yet answered); leaders, the office and admins see all.
 */
export async function listInstructions(db: Kysely<Database>, user: SessionUser, f: InstructionFilter) {
  let q = db
    .selectFrom('ledger_instruction')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.limit ?? 200);
  if (f.planId !== undefined) q = q.where('plan_id', '=', f.planId);
  if (f.targetKind !== undefined) q = q.where('target_kind', '=', f.targetKind);
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
  if (f.open) q = q.where('answer', 'is', null);
  if (f.authorId !== undefined) q = q.where('author_id', '=', f.authorId);
  if (user.role === 'unit_staff') q = q.where(sql<boolean>`unit_ids && ${user.unitIds}::integer[]`);
  const rows = await q.execute();
  const names = new Map(
    (await findUnitsByIds(db, [...new Set(rows.flatMap((r) => [...r.unit_ids, ...(r.answer_unit_id ? [r.answer_unit_id] : [])]))])).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    targetKind: r.target_kind,
    targetId: r.target_id,
    targetTitle: r.target_title,
    text: r.text,
    units: r.unit_ids.map((id) => names.get(id) ?? '').filter(Boolean),
    author: r.author_name,
    createdAt: r.created_at,
    answer: r.answer,
    answerUnit: r.answer_unit_id ? (names.get(r.answer_unit_id) ?? null) : null,
    answeredBy: r.answered_by_name,
    answeredAt: r.answered_at,
    canAnswer: r.answer === null && user.role === 'unit_staff' && r.unit_ids.some((u) => user.unitIds.includes(u)),
  }));
}
