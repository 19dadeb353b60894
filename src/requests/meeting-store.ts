/**
 * 政企座谈会 (measure 51): a meeting with its date, place, host unit, participating units and firms (from the
 * registry) and minutes; each issue raised there is filed as a request (channel 座谈会) and tracked to closure like
 * any other. The meeting shows how many of its issues are closed.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday, tryParseIsoDate } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { STAGE_INFO, type RequestCategory, type RequestStage } from './core/index.js';
import { checkNew, insertRequest, type NewRequest } from './request-store.js';

type Db = Kysely<Database>;

export interface MeetingInput {
  title: string;
  heldOn: string;
  place: string;
  hostUnitId: number;
  unitIds: number[];
  enterpriseIds: number[];
  minutes?: string;
}

async function checkMeeting(db: Db, p: MeetingInput): Promise<void> {
  const problems: InputProblem[] = [];
  if (!p.title.trim()) problems.push({ field: 'title', message: '请填写座谈会名称' });
  if (!p.place.trim()) problems.push({ field: 'place', message: '请填写地点' });
  if (Number.isNaN(tryParseIsoDate(p.heldOn))) problems.push({ field: 'heldOn', message: '请填写正确的日期' });
  const unitIds = [...new Set([p.hostUnitId, ...p.unitIds])];
  const units = await findUnitsByIds(db, unitIds);
  if (!units.some((u) => u.id === p.hostUnitId)) problems.push({ field: 'hostUnitId', message: '请选择主办单位' });
  if (units.length < unitIds.length) problems.push({ field: 'unitIds', message: '参会单位中有不存在的单位' });
  const firms = await enterpriseNames(db, p.enterpriseIds);
  if (firms.size < new Set(p.enterpriseIds).size) problems.push({ field: 'enterpriseIds', message: '参会企业中有不存在的企业' });
  if (problems.length) throw new InputRejectedError('座谈会信息有误', problems);
}

async function writeParticipants(trx: Db, id: number, p: MeetingInput) {
  await trx.deleteFrom('request_meeting_unit').where('meeting_id', '=', id).execute();
  await trx.deleteFrom('request_meeting_enterprise').where('meeting_id', '=', id).execute();
  const units = [...new Set(p.unitIds)];
  const firms = [...new Set(p.enterpriseIds)];
  if (units.length)
    await trx
      .insertInto('request_meeting_unit')
      .values(units.map((unit_id) => ({ meeting_id: id, unit_id })))
      .execute();
  if (firms.length)
    await trx
      .insertInto('request_meeting_enterprise')
      .values(firms.map((enterprise_id) => ({ meeting_id: id, enterprise_id })))
      .execute();
}

export async function createMeeting(db: Db, user: SessionUser, p: MeetingInput) {
  await checkMeeting(db, p);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('request_meeting')
      .values({
        title: p.title.trim(),
        held_on: p.heldOn,
        place: p.place.trim(),
        host_unit_id: p.hostUnitId,
        minutes: p.minutes?.trim() ?? '',
        created_by: user.account,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeParticipants(trx, row.id, p);
    await recordAudit(trx, { actor: user.account, action: 'requests.meeting.create', entity: 'request_meeting', entityId: row.id, after: p });
    return { id: row.id };
  });
}

export async function updateMeeting(db: Db, user: SessionUser, id: number, p: MeetingInput) {
  await checkMeeting(db, p);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('request_meeting').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('座谈会（不存在或已删除）');
    await trx
      .updateTable('request_meeting')
      .set({
        title: p.title.trim(),
        held_on: p.heldOn,
        place: p.place.trim(),
        host_unit_id: p.hostUnitId,
        minutes: p.minutes?.trim() ?? '',
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await writeParticipants(trx, id, p);
    await recordAudit(trx, { actor: user.account, action: 'requests.meeting.update', entity: 'request_meeting', entityId: id, before, after: p });
    return { id };
  });
}

/** Meetings a user may see: staff all; unit staff those their units hosted or attended. */
function visibleMeetings(db: Db, user: SessionUser) {
  let q = db.selectFrom('request_meeting as m').innerJoin('unit as h', 'h.id', 'm.host_unit_id');
  if (user.role === 'unit_staff') {
    const mine = user.unitIds.length ? user.unitIds : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('m.host_unit_id', 'in', mine),
        eb.exists(eb.selectFrom('request_meeting_unit as mu').select('mu.unit_id').whereRef('mu.meeting_id', '=', 'm.id').where('mu.unit_id', 'in', mine)),
      ]),
    );
  }
  return q;
}

/** Meetings, newest first, with the number of issues raised and closed (one statement). */
export async function listMeetings(db: Db, user: SessionUser, f: { year?: number } = {}) {
  let q = visibleMeetings(db, user)
    .leftJoin('request_meeting_issue as i', 'i.meeting_id', 'm.id')
    .leftJoin('request_item as r', 'r.id', 'i.request_id')
    .select([
      'm.id',
      'm.title',
      'm.held_on',
      'm.place',
      'h.name as host_unit_name',
      sql<number>`count(i.request_id)::int`.as('issues'),
      sql<number>`count(i.request_id) filter (where r.stage = '办结')::int`.as('closed'),
    ])
    .groupBy(['m.id', 'h.name'])
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc');
  if (f.year) q = q.where('m.held_on', '>=', `${f.year}-01-01`).where('m.held_on', '<=', `${f.year}-12-31`);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, title: r.title, heldOn: r.held_on, place: r.place, hostUnitName: r.host_unit_name, issues: r.issues, closed: r.closed }));
}

/** One meeting: participants, minutes, its issues with their stage, and how many are closed. */
export async function getMeeting(db: Db, user: SessionUser, id: number) {
  const m = await visibleMeetings(db, user).selectAll('m').select('h.name as host_unit_name').where('m.id', '=', id).executeTakeFirst();
  if (!m) {
    const exists = await db.selectFrom('request_meeting').select('id').where('id', '=', id).executeTakeFirst();
    if (exists) throw new ForbiddenError('只能查看本单位主办或参加的座谈会');
    throw new NotFoundError('座谈会（不存在或已删除）');
  }
  const units = await db
    .selectFrom('request_meeting_unit as mu')
    .innerJoin('unit as u', 'u.id', 'mu.unit_id')
    .select(['u.id', 'u.name'])
    .where('mu.meeting_id', '=', id)
    .orderBy('u.name')
    .execute();
  const firmIds = (await db.selectFrom('request_meeting_enterprise').select('enterprise_id').where('meeting_id', '=', id).execute()).map(
    (r) => r.enterprise_id,
  );
  const issues = await db
    .selectFrom('request_meeting_issue as i')
    .innerJoin('request_item as r', 'r.id', 'i.request_id')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.number', 'r.subject', 'r.category', 'r.stage', 'r.enterprise_id', 'r.closed_on', 'u.name as unit_name'])
    .where('i.meeting_id', '=', id)
    .orderBy('r.id')
    .execute();
  const firms = await enterpriseNames(db, [...new Set([...firmIds, ...issues.flatMap((r) => (r.enterprise_id === null ? [] : [r.enterprise_id]))])]);
  return {
    id: m.id,
    title: m.title,
    heldOn: m.held_on,
    place: m.place,
    hostUnitId: m.host_unit_id,
    hostUnitName: m.host_unit_name,
    minutes: m.minutes,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    enterprises: firmIds.map((eid) => ({ id: eid, name: firms.get(eid)?.name ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    issues: issues.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      category: r.category as RequestCategory,
      stage: r.stage as RequestStage,
      stageLabel: STAGE_INFO[r.stage as RequestStage].label,
      unitName: r.unit_name,
      enterpriseName: r.enterprise_id === null ? null : (firms.get(r.enterprise_id)?.name ?? null),
      closedOn: r.closed_on,
    })),
    closed: issues.filter((r) => r.stage === '办结').length,
  };
}

/** An issue raised at the meeting becomes a request (channel 座谈会) linked to it; the firm must have attended. */
export async function addMeetingIssue(db: Db, user: SessionUser, meetingId: number, p: NewRequest & { enterpriseId?: number | null }, today = chinaToday()) {
  const problems = checkNew(p);
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('request_meeting').select(['id', 'title', 'held_on']).where('id', '=', meetingId).forUpdate().executeTakeFirst();
    if (!m) throw new NotFoundError('座谈会（不存在或已删除）');
    if (p.enterpriseId != null) {
      const attended = await trx
        .selectFrom('request_meeting_enterprise')
        .select('enterprise_id')
        .where('meeting_id', '=', meetingId)
        .where('enterprise_id', '=', p.enterpriseId)
        .executeTakeFirst();
      if (!attended) problems.push({ field: 'enterpriseId', message: '提出问题的企业须是参会企业' });
    }
    if (problems.length) throw new InputRejectedError('座谈会问题信息有误', problems);
    const filed = await insertRequest(trx, user.account, {
      ...p,
      channel: '座谈会',
      enterpriseId: p.enterpriseId ?? null,
      today,
      note: `渠道：座谈会（${m.held_on} ${m.title}）`,
    });
    await trx.insertInto('request_meeting_issue').values({ request_id: filed.id, meeting_id: meetingId }).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.meeting.issue',
      entity: 'request_meeting',
      entityId: meetingId,
      after: { requestId: filed.id, number: filed.number },
    });
    return filed;
  });
}
