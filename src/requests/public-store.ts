/**
 * Anonymous filing (免登录提交) and following a request with its number and query code (查询码). The visitor gives
 * a name and a mainland mobile number; the request is channel 网上 without a firm, filed by `anonymous`. The query
 * code is random (8 symbols of 32, 40 bits), shown once and stored as an scrypt hash (src/auth's password hash), so
 * the database alone does not reveal it; guessing online is bounded by the routes' rate limit.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { addAttachmentsIn, attachmentContent, attachmentProblems, attachmentsOf, decodeAttachments, type AttachmentUpload } from './attachment-store.js';
import {
  maskName,
  maskPhone,
  mobileProblem,
  normalizeQueryCode,
  parseRequestNumber,
  queryCode,
  STAGE_INFO,
  type RequestCategory,
  type RequestStage,
} from './core/index.js';
import { checkNew, insertRequest, type NewRequest } from './request-store.js';

type Db = Kysely<Database>;
/** The actor of anonymous filings (audit, timeline). */
export const ANONYMOUS = 'anonymous';

/** An anonymous visitor files a request; returns its number and the query code (shown once). */
export async function fileAnonymousRequest(
  db: Db,
  dataDir: string,
  p: NewRequest & { attachments?: AttachmentUpload[]; today?: string },
): Promise<{ number: string; queryCode: string }> {
  const problems = checkNew(p).filter((x) => x.field !== 'contactPhone');
  const phone = mobileProblem(p.contactPhone);
  if (phone) problems.push({ field: 'contactPhone', message: phone });
  const files = decodeAttachments(p.attachments);
  problems.push(...files.problems, ...attachmentProblems(files.files));
  if (problems.length) throw new InputRejectedError('诉求信息有误', problems);
  const code = queryCode(crypto.randomBytes(8));
  const hash = await hashPassword(code);
  const today = p.today ?? chinaToday();
  const filed = await db.transaction().execute(async (trx) => {
    const r = await insertRequest(trx, ANONYMOUS, {
      category: p.category,
      subject: p.subject,
      description: p.description,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
      channel: '网上',
      enterpriseId: null,
      today,
      note: '渠道：网上（免登录提交）',
    });
    await trx.updateTable('request_item').set({ query_code_hash: hash }).where('id', '=', r.id).execute();
    await addAttachmentsIn(trx, dataDir, r.id, files.files, ANONYMOUS);
    return r;
  });
  return { number: filed.number, queryCode: code };
}

const NOT_FOUND = '诉求编号或查询码不正确';

/** The request of a number and query code, or a 404 that does not say which of the two was wrong. */
async function findByCode(db: Db, number: string, code: string) {
  const n = parseRequestNumber(number);
  const r = n
    ? await db
        .selectFrom('request_item as r')
        .leftJoin('unit as u', 'u.id', 'r.unit_id')
        .selectAll('r')
        .select('u.name as unit_name')
        .where('r.year', '=', n.year)
        .where('r.seq', '=', n.seq)
        .executeTakeFirst()
    : undefined;
  // Verify against a dummy hash when there is no such request: the answer takes as long either way.
  const ok = await verifyPassword(normalizeQueryCode(code), r?.query_code_hash ?? (await dummyHash()));
  if (!r?.query_code_hash || !ok) throw new NotFoundError(NOT_FOUND);
  return r;
}
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('not-a-query-code'));

/** What the filer sees of a request: its steps with dates and units (no staff names, no internal notes). */
const PUBLIC_STEPS: Record<string, string> = {
  file: '已受理',
  route: '已派单',
  sign: '承办单位已签收',
  return: '转办（重新派单）',
  note: '办理中',
  answer: '已答复',
  rate: '已评价',
  reopen: '重办',
};

export async function followRequest(db: Db, p: { number: string; code: string }) {
  const r = await findByCode(db, p.number, p.code);
  const events = await db
    .selectFrom('request_event as e')
    .leftJoin('unit as u', 'u.id', 'e.unit_id')
    .select(['e.action', 'e.note', 'e.on_day', 'u.name as unit_name'])
    .where('e.request_id', '=', r.id)
    .orderBy('e.id')
    .execute();
  const stage = r.stage as RequestStage;
  return {
    number: r.number,
    category: r.category as RequestCategory,
    subject: r.subject,
    description: r.description,
    contactName: maskName(r.contact_name),
    contactPhone: maskPhone(r.contact_phone),
    stage,
    stageLabel: STAGE_INFO[stage].label,
    // Nobody rates an anonymous request online: once answered, it waits on nobody here.
    waitingFor: stage === '答复' ? '' : STAGE_INFO[stage].waitingFor,
    filedOn: r.filed_on,
    unitName: r.unit_name,
    answerDue: r.answer_due,
    answer: r.answer,
    timeline: events.map((e) => ({
      label: PUBLIC_STEPS[e.action] ?? '办理',
      onDay: e.on_day,
      // The office's routing and the unit's steps name the unit; the filer's own steps name nobody.
      unitName: e.action === 'file' || e.action === 'rate' ? null : e.unit_name,
      note: e.action === 'answer' ? e.note : null,
    })),
    attachments: await attachmentsOf(db, r.id),
  };
}

/** An attachment of the request, for its anonymous filer. */
export async function publicAttachment(db: Db, dataDir: string, p: { number: string; code: string; attachmentId: number }) {
  const r = await findByCode(db, p.number, p.code);
  return attachmentContent(db, dataDir, r.id, p.attachmentId);
}
