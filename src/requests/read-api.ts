/**
 * What other capabilities read of requests (they never read the request tables): the open requests routed to some
 * units with their deadlines, for 我的待办 (the ledger's workbench) and for the CLI.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { overdue, type RequestCategory, type RequestStage } from './core/index.js';

export interface OpenRequest {
  id: number;
  number: string;
  subject: string;
  category: RequestCategory;
  stage: RequestStage;
  unitId: number;
  unitName: string;
  /** 签收 for a request still to sign, else 答复. */
  next: '签收' | '答复';
  due: string;
  overdue: boolean;
  reopens: number;
  escalated: boolean;
  link: string;
}

/** Requests waiting on the given units (to sign or to answer), the earliest deadline first; `unitIds` undefined: all units. */
export async function openRequestsOfUnits(db: Kysely<Database>, unitIds: readonly number[] | undefined, today: string): Promise<OpenRequest[]> {
  if (unitIds && unitIds.length === 0) return [];
  let q = db
    .selectFrom('request_item as r')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.number',
      'r.subject',
      'r.category',
      'r.stage',
      'r.unit_id',
      'u.name as unit_name',
      'r.sign_due',
      'r.signed_on',
      'r.answer_due',
      'r.reopens',
      'r.escalated_on',
      'r.suspended_on',
    ])
    .where('r.stage', 'in', ['派单', '办理']);
  if (unitIds) q = q.where('r.unit_id', 'in', [...unitIds]);
  const rows = await q.execute();
  return rows
    .map((r) => {
      const stage = r.stage as RequestStage;
      const late = overdue({ stage, signDue: r.sign_due, signedOn: r.signed_on, answerDue: r.answer_due, suspendedOn: r.suspended_on }, today);
      const toSign = stage === '派单';
      return {
        id: r.id,
        number: r.number,
        subject: r.subject,
        category: r.category as RequestCategory,
        stage,
        unitId: r.unit_id!,
        unitName: r.unit_name,
        next: toSign ? ('签收' as const) : ('答复' as const),
        due: (toSign ? r.sign_due : r.answer_due) ?? today,
        overdue: late.sign || late.answer,
        reopens: r.reopens,
        escalated: r.escalated_on !== null,
        link: `/requests/${r.id}`,
      };
    })
    .sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id);
}
