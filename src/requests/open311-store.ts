/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) over the requests, for a unit's system with its
 * API token (src/auth `unitForToken`): services are the request categories; a unit files requests (channel 接口,
 * the unit kept as `source_unit_id`) and reads the requests it filed or that are routed to it — no other. The field
 * mapping is in docs/open311.md.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { findUnitById } from '../units/index.js';
import { InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { categoryOfServiceCode, open311Status, OPEN311_SERVICES, phoneProblem, REQUEST_CATEGORIES, STAGE_INFO, type RequestStage } from './core/index.js';
import { insertRequest } from './request-store.js';
import { chinaToday } from '../calendar/index.js';

type Db = Kysely<Database>;

export function open311Services() {
  return REQUEST_CATEGORIES.map((c) => ({
    service_code: OPEN311_SERVICES[c].code,
    service_name: c,
    description: OPEN311_SERVICES[c].description,
    metadata: false,
    type: 'realtime' as const,
    keywords: c as string,
    group: '企业诉求',
  }));
}

export interface Open311NewRequest {
  service_code: string;
  description?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  email?: string;
  address_string?: string;
  lat?: number;
  long?: number;
  jurisdiction_id?: string;
  device_id?: string;
  account_id?: string;
  media_url?: string;
}

const actorOf = (unitId: number) => `token:unit${unitId}`;

/** A unit's system files a request (POST requests.json). */
export async function open311File(db: Db, unitId: number, p: Open311NewRequest, today = chinaToday()) {
  const problems: InputProblem[] = [];
  const category = categoryOfServiceCode(p.service_code.trim());
  if (!category) problems.push({ field: 'service_code', message: `未知的 service_code“${p.service_code}”（见 services.json）` });
  const description = (p.description ?? '').trim();
  if (!description) problems.push({ field: 'description', message: '请填写诉求内容（description）' });
  // Chinese names: family name (last_name) first.
  const name = `${(p.last_name ?? '').trim()}${(p.first_name ?? '').trim()}`;
  if (!name) problems.push({ field: 'last_name', message: '请填写联系人姓名（last_name、first_name）' });
  const phone = (p.phone ?? '').trim();
  const phoneBad = phone ? phoneProblem(phone) : '请填写联系电话（phone）';
  if (phoneBad) problems.push({ field: 'phone', message: phoneBad });
  if (problems.length || !category) throw new InputRejectedError(problems.map((x) => x.message).join('；'), problems);
  const unit = await findUnitById(db, unitId);
  const firstLine = description.split(/\r?\n/)[0]!.trim();
  const subject = [...firstLine].length > 40 ? `${[...firstLine].slice(0, 39).join('')}…` : firstLine;
  const address = p.address_string?.trim() || (p.lat !== undefined && p.long !== undefined ? `${p.lat},${p.long}` : null);
  return db.transaction().execute(async (trx) => {
    const filed = await insertRequest(trx, actorOf(unitId), {
      category,
      subject,
      description,
      contactName: name,
      contactPhone: phone,
      channel: '接口',
      enterpriseId: null,
      today,
      note: `渠道：接口（${unit?.name ?? '单位'}系统提交）`,
    });
    await trx.updateTable('request_item').set({ source_unit_id: unitId, address }).where('id', '=', filed.id).execute();
    return [
      {
        service_request_id: String(filed.id),
        service_notice: `已受理，诉求编号 ${filed.number}，营商办派单后由承办单位按时限答复。`,
        account_id: null,
      },
    ];
  });
}

export interface Open311Query {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

/** ISO 8601 in China time (+08:00), as Open311 writes datetimes. */
export function chinaIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function parseInstant(text: string | undefined, field: string): Date | undefined {
  if (text === undefined || text === '') return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text);
  if (Number.isNaN(d.getTime()))
    throw new InputRejectedError(`${field} 不是有效的 ISO 8601 时间`, [{ field, message: '应为 ISO 8601 时间，如 2026-11-30T09:00:00+08:00' }]);
  return d;
}

/** Open311 returns at most 1000 requests, and by default those of the last 90 days. */
export const OPEN311_MAX = 1000;
const DEFAULT_DAYS = 90;

function visible(db: Db, unitId: number) {
  return db
    .selectFrom('request_item as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .where((eb) => eb.or([eb('r.unit_id', '=', unitId), eb('r.source_unit_id', '=', unitId)]));
}

/** What an Open311 request is made of (`toOpen311`). */
const COLUMNS = [
  'r.id',
  'r.number',
  'r.category',
  'r.description',
  'r.stage',
  'r.answer',
  'r.answer_due',
  'r.address',
  'r.created_at',
  'r.updated_at',
  'u.name as unit_name',
] as const;
type Row = Awaited<ReturnType<typeof oneRow>>;
const oneRow = (db: Db, unitId: number) => visible(db, unitId).select(COLUMNS).executeTakeFirstOrThrow();

function toOpen311(r: Row) {
  const stage = r.stage as RequestStage;
  const category = r.category as (typeof REQUEST_CATEGORIES)[number];
  return {
    service_request_id: String(r.id),
    status: open311Status(stage),
    status_notes:
      stage === '办结' || stage === '答复' ? (r.answer ?? STAGE_INFO[stage].label) : `${STAGE_INFO[stage].label}（${STAGE_INFO[stage].waitingFor}）`,
    service_name: category,
    service_code: OPEN311_SERVICES[category].code,
    description: r.description,
    agency_responsible: r.unit_name,
    service_notice: `诉求编号 ${r.number}`,
    requested_datetime: chinaIso(r.created_at),
    updated_datetime: chinaIso(r.updated_at),
    expected_datetime: r.answer_due ? `${r.answer_due}T23:59:59+08:00` : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
    request_number: r.number,
  };
}

/** GET requests.json: the unit's requests, filtered as Open311 says. */
export async function open311List(db: Db, unitId: number, q: Open311Query) {
  let query = visible(db, unitId);
  const ids = q.service_request_id
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids?.length) {
    const bad = ids.filter((s) => !/^\d{1,9}$/.test(s));
    if (bad.length)
      throw new InputRejectedError(`service_request_id 有误：${bad.join('、')}`, [{ field: 'service_request_id', message: '应为诉求 ID，多个以逗号分隔' }]);
    query = query.where('r.id', 'in', ids.map(Number));
  } else {
    if (q.service_code) {
      const c = categoryOfServiceCode(q.service_code);
      if (!c) throw new InputRejectedError(`未知的 service_code“${q.service_code}”`, [{ field: 'service_code', message: '见 services.json' }]);
      query = query.where('r.category', '=', c);
    }
    if (q.status) {
      const statuses = q.status.split(',').map((s) => s.trim());
      if (statuses.some((s) => s !== 'open' && s !== 'closed'))
        throw new InputRejectedError(`status 应为 open 或 closed`, [{ field: 'status', message: '应为 open 或 closed' }]);
      if (!statuses.includes('open')) query = query.where('r.stage', '=', '办结');
      if (!statuses.includes('closed')) query = query.where('r.stage', '<>', '办结');
    }
    const end = parseInstant(q.end_date, 'end_date');
    const start = parseInstant(q.start_date, 'start_date') ?? new Date((end ?? new Date()).getTime() - DEFAULT_DAYS * 86_400_000);
    query = query.where('r.created_at', '>=', start);
    if (end) query = query.where('r.created_at', '<=', end);
  }
  const rows = await query.select(COLUMNS).orderBy('r.id', 'desc').limit(OPEN311_MAX).execute();
  return rows.map(toOpen311);
}

/** GET requests/{id}.json: one request of the unit (an array of one, as Open311 answers), else 404. */
export async function open311Get(db: Db, unitId: number, id: number) {
  const r = await visible(db, unitId).select(COLUMNS).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError(`诉求 ${id}（不存在，或不是本单位提交或承办的诉求）`);
  return [toOpen311(r)];
}
