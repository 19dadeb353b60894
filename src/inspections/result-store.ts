/**
 * Results of the draws' checks (检查结果) and their publication (一公开). The inspector assigned to an object records
 * the result per item of the inspector's department; the department (or the office) corrects it before publication
 * and publishes it; the 20-working-day deadline (企业信息公示暂行条例 第六条第二款, ./core/results.ts) is tracked.
 * Every change is one transaction with its audit entry. Evidence files go through src/files `storeFile`
 * (content-addressed under BIZENV_DATA_DIR/inspection-files), as the requests' attachments do.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountIdsOfUnits, findAccountId, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile, sweepStoredFiles } from '../files/index.js';
import { checkFileContent, ConflictError, ForbiddenError, InputRejectedError, NotFoundError, safeFileName } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { EVIDENCE_EXTENSIONS, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, rectifyDue, resultProblems, type ResultInput } from './core/recording.js';
import { PUBLICATION_WORKING_DAYS, publicationState, resultCategory, type ResultOutcome } from './core/results.js';

type Db = Kysely<Database>;
export const EVIDENCE_FOLDER = 'inspection-files';

const isOffice = (u: SessionUser) => u.role === 'office' || u.role === 'admin';

// ---- which login an inspector uses ----

/** Links an inspector to the login (a unit_staff account of the inspector's unit) the inspector records with. */
export async function linkInspectorAccount(db: Db, user: SessionUser, inspectorId: number, account: string | null): Promise<{ ok: true }> {
  const ins = await db.selectFrom('inspection_inspector').select(['id', 'unit_id', 'name']).where('id', '=', inspectorId).executeTakeFirst();
  if (!ins) throw new NotFoundError('检查人员（不存在）');
  if (!isOffice(user) && !user.unitIds.includes(ins.unit_id)) throw new ForbiddenError('只能设置本单位检查人员的登录账号');
  let accountId: number | null = null;
  if (account !== null) {
    accountId = (await findAccountId(db, account.trim())) ?? null;
    if (accountId === null) throw new InputRejectedError('账号不存在', [{ field: 'account', message: `账号“${account}”不存在` }]);
    if (!(await accountIdsOfUnits(db, [ins.unit_id])).includes(accountId))
      throw new InputRejectedError('账号不属于该检查人员所在单位', [{ field: 'account', message: '请选择该检查人员所在单位的工作人员账号' }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insp_inspector_account').select('account_id').where('inspector_id', '=', inspectorId).executeTakeFirst();
    await trx.deleteFrom('insp_inspector_account').where('inspector_id', '=', inspectorId).execute();
    if (accountId !== null) {
      const taken = await trx.selectFrom('insp_inspector_account').select('inspector_id').where('account_id', '=', accountId).executeTakeFirst();
      if (taken) throw new ConflictError('该账号已关联另一名检查人员');
      await trx.insertInto('insp_inspector_account').values({ inspector_id: inspectorId, account_id: accountId, linked_by: user.account }).execute();
    }
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.inspector.account',
      entity: 'inspection_inspector',
      entityId: inspectorId,
      before: { accountId: before?.account_id ?? null },
      after: { accountId },
    });
    return { ok: true as const };
  });
}

/** The inspector records of a login (none for anyone but unit staff). */
async function inspectorIdsOf(db: Db, user: SessionUser): Promise<number[]> {
  if (user.role !== 'unit_staff') return [];
  const rows = await db.selectFrom('insp_inspector_account').select('inspector_id').where('account_id', '=', user.id).execute();
  return rows.map((r) => r.inspector_id);
}

// ---- an inspector's checks ----

/** The objects a login's inspector records were sent to, with the items of the inspector's department and their results. */
export async function myChecks(db: Db, user: SessionUser) {
  const ids = await inspectorIdsOf(db, user);
  if (!ids.length) return { linked: false, checks: [] };
  const rows = await db
    .selectFrom('inspection_assignment as a')
    .innerJoin('inspection_draw as d', 'd.id', 'a.draw_id')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select([
      'a.draw_id',
      'a.object_key',
      'a.object_name',
      'a.unit_id',
      'a.inspector_id',
      'd.number',
      'd.title',
      'd.item_ids',
      'd.run_at',
      'u.name as unit_name',
    ])
    .where('a.inspector_id', 'in', ids)
    .orderBy('a.draw_id', 'desc')
    .orderBy('a.position')
    .limit(2000)
    .execute();
  const itemIds = [...new Set(rows.flatMap((r) => r.item_ids))];
  const items = itemIds.length ? await db.selectFrom('inspection_item').select(['id', 'name', 'unit_id', 'method']).where('id', 'in', itemIds).execute() : [];
  const results = rows.length
    ? await db
        .selectFrom('insp_result')
        .select(['id', 'draw_id', 'object_key', 'item_id', 'category', 'published_on'])
        .where(
          'draw_id',
          'in',
          rows.map((r) => r.draw_id),
        )
        .execute()
    : [];
  const resultOf = new Map(results.map((r) => [`${r.draw_id}|${r.object_key}|${r.item_id}`, r]));
  return {
    linked: true,
    checks: rows.map((r) => ({
      drawId: r.draw_id,
      drawNumber: r.number,
      drawTitle: r.title,
      objectKey: r.object_key,
      objectName: r.object_name,
      unitName: r.unit_name,
      items: items
        .filter((i) => r.item_ids.includes(i.id) && i.unit_id === r.unit_id)
        .map((i) => {
          const res = resultOf.get(`${r.draw_id}|${r.object_key}|${i.id}`);
          return {
            itemId: i.id,
            itemName: i.name,
            method: i.method,
            resultId: res?.id ?? null,
            categoryLabel: res ? (resultCategory(res.category)?.label ?? res.category) : null,
            published: Boolean(res?.published_on),
          };
        }),
    })),
  };
}

// ---- record, correct ----

export interface RecordBody extends ResultInput {
  drawId: number;
  objectKey: string;
  itemId: number;
}

async function checkInput(db: Db, r: ResultInput, unitId: number) {
  const problems = resultProblems(r, { ownUnitId: unitId });
  if (r.transferUnitId !== null && !(await findUnitsByIds(db, [r.transferUnitId])).length)
    problems.push({ field: 'transferUnitId', message: '移交部门不存在' });
  if (r.exemptionId !== null) {
    const e = await db.selectFrom('insp_exemption').select(['unit_id', 'active']).where('id', '=', r.exemptionId).executeTakeFirst();
    if (!e?.active) problems.push({ field: 'exemptionId', message: '免罚清单事项不存在或已停用' });
    else if (e.unit_id !== null && e.unit_id !== unitId) problems.push({ field: 'exemptionId', message: '只能援引本部门或全区通用的免罚清单事项' });
  }
  if (problems.length) throw new InputRejectedError('检查结果有误', problems);
}

const columns = async (db: Db, r: ResultInput, producedOn: string) => ({
  category: r.category,
  outcome: resultCategory(r.category)!.outcome as ResultOutcome,
  notes: r.notes.trim(),
  rectify_days: r.rectifyDays,
  rectify_due: rectifyDue(provisionalWorkingDays(await loadCalendar(db)), producedOn, r.rectifyDays),
  transfer_unit_id: r.transferUnitId,
  transfer_note: r.transferUnitId === null ? null : r.transferNote?.trim() || null,
  exemption_id: r.exemptionId,
});

/**
 * The assigned inspector records (or, before publication, re-records) the result of one object for one item of the
 * inspector's department. The result's date (产生之日, from which the 20 working days run) is the day first recorded.
 */
export async function recordResult(db: Db, user: SessionUser, b: RecordBody, o: { today?: string; isDemo?: boolean; asInspector?: number } = {}) {
  const today = o.today ?? chinaToday();
  const mine = o.asInspector !== undefined ? [o.asInspector] : await inspectorIdsOf(db, user);
  const assignment = mine.length
    ? await db
        .selectFrom('inspection_assignment')
        .select(['inspector_id', 'unit_id', 'object_name'])
        .where('draw_id', '=', b.drawId)
        .where('object_key', '=', b.objectKey)
        .where('inspector_id', 'in', mine)
        .executeTakeFirst()
    : undefined;
  if (!assignment) throw new ForbiddenError('只有被选派检查该对象的检查人员才能录入检查结果');
  const draw = await db.selectFrom('inspection_draw').select(['item_ids']).where('id', '=', b.drawId).executeTakeFirstOrThrow();
  const item = await db.selectFrom('inspection_item').select(['id', 'unit_id']).where('id', '=', b.itemId).executeTakeFirst();
  if (!item || !draw.item_ids.includes(item.id))
    throw new InputRejectedError('抽查事项不属于该抽查', [{ field: 'itemId', message: '抽查事项不属于该抽查任务' }]);
  if (item.unit_id !== assignment.unit_id) throw new ForbiddenError('只能录入本部门抽查事项的结果');
  await checkInput(db, b, item.unit_id);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('insp_result')
      .selectAll()
      .where('draw_id', '=', b.drawId)
      .where('object_key', '=', b.objectKey)
      .where('item_id', '=', b.itemId)
      .forUpdate()
      .executeTakeFirst();
    if (existing?.published_on) throw new ConflictError('该结果已公示，不能再修改');
    const producedOn = existing?.produced_on ?? today;
    const set = await columns(trx, b, producedOn);
    let id: number;
    if (existing) {
      id = existing.id;
      await trx
        .updateTable('insp_result')
        .set({ ...set, recorded_by: user.account, inspector_id: assignment.inspector_id, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    } else
      id = (
        await trx
          .insertInto('insp_result')
          .values({
            ...set,
            draw_id: b.drawId,
            object_key: b.objectKey,
            object_name: assignment.object_name,
            item_id: b.itemId,
            unit_id: item.unit_id,
            produced_on: producedOn,
            recorded_by: user.account,
            inspector_id: assignment.inspector_id,
            is_demo: o.isDemo ?? false,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.result.record',
      entity: 'insp_result',
      entityId: id,
      before: existing ? { category: existing.category, notes: existing.notes } : undefined,
      after: { drawId: b.drawId, objectKey: b.objectKey, itemId: b.itemId, producedOn, ...set },
    });
    return { id, producedOn };
  });
}

/** May `user` act for the department of this result (correct, publish)? The office always; unit staff their units. */
const actsFor = (user: SessionUser, unitId: number) => isOffice(user) || (user.role === 'unit_staff' && user.unitIds.includes(unitId));

/** The department (or the office) corrects a result before publication (audited, before and after). */
export async function correctResult(db: Db, user: SessionUser, id: number, r: ResultInput) {
  const cur = await db.selectFrom('insp_result').select(['unit_id']).where('id', '=', id).executeTakeFirst();
  if (!cur) throw new NotFoundError('检查结果（不存在）');
  if (!actsFor(user, cur.unit_id)) throw new ForbiddenError('只能更正本部门的检查结果');
  await checkInput(db, r, cur.unit_id);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insp_result').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.published_on) throw new ConflictError('该结果已公示，不能再更正');
    const set = await columns(trx, r, before.produced_on);
    await trx
      .updateTable('insp_result')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.result.correct',
      entity: 'insp_result',
      entityId: id,
      before: {
        category: before.category,
        notes: before.notes,
        rectifyDays: before.rectify_days,
        transferUnitId: before.transfer_unit_id,
        exemptionId: before.exemption_id,
      },
      after: set,
    });
    return { ok: true as const };
  });
}

/** Publishes results (一公开) on `today`: the department for its own, the office for any; already published are refused. */
export async function publishResults(db: Db, user: SessionUser, ids: number[], o: { today?: string } = {}) {
  const today = o.today ?? chinaToday();
  const unique = [...new Set(ids)];
  return db.transaction().execute(async (trx) => {
    const rows = unique.length
      ? await trx.selectFrom('insp_result').select(['id', 'unit_id', 'published_on']).where('id', 'in', unique).forUpdate().execute()
      : [];
    if (rows.length !== unique.length || !rows.length) throw new NotFoundError('检查结果（不存在）');
    if (rows.some((r) => !actsFor(user, r.unit_id))) throw new ForbiddenError('只能公示本部门的检查结果');
    if (rows.some((r) => r.published_on)) throw new ConflictError('所选结果中有已公示的');
    await trx.updateTable('insp_result').set({ published_on: today, published_by: user.account }).where('id', 'in', unique).execute();
    await recordAudit(trx, { actor: user.account, action: 'inspections.result.publish', entity: 'insp_result', after: { ids: unique, publishedOn: today } });
    return { published: unique.length };
  });
}

// ---- evidence ----

async function resultForFiles(db: Db, user: SessionUser, id: number) {
  const r = await db.selectFrom('insp_result').select(['id', 'unit_id', 'inspector_id', 'published_on']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('检查结果（不存在）');
  const mine = await inspectorIdsOf(db, user);
  const recorder = r.inspector_id !== null && mine.includes(r.inspector_id);
  if (!recorder && !actsFor(user, r.unit_id) && user.role !== 'leader') throw new ForbiddenError('只能查看本部门的检查结果');
  return { ...r, recorder };
}

/** Adds one evidence file (pdf, jpg, png, docx, xlsx; checked by content; at most 5 per result) before publication. */
export async function addEvidence(db: Db, dataDir: string, user: SessionUser, id: number, fileName: string, content: Buffer) {
  const r = await resultForFiles(db, user, id);
  if (user.role === 'leader') throw new ForbiddenError('领导只读');
  if (r.published_on) throw new ConflictError('该结果已公示，不能再添加证据');
  const name = safeFileName(fileName);
  const check = checkFileContent(name, content, { extensions: EVIDENCE_EXTENSIONS, maxBytes: MAX_EVIDENCE_BYTES });
  if ('problem' in check) throw new InputRejectedError(`证据“${name}”：${check.problem}`, [{ file: name, field: 'file', message: check.problem }]);
  return db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom('insp_result_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('result_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_EVIDENCE_FILES)
      throw new InputRejectedError(`证据最多 ${MAX_EVIDENCE_FILES} 个`, [{ field: 'file', message: `证据最多 ${MAX_EVIDENCE_FILES} 个` }]);
    const stored = storeFile(dataDir, EVIDENCE_FOLDER, content);
    const row = await trx
      .insertInto('insp_result_file')
      .values({ result_id: id, file_name: name, stored_name: stored, mime: check.mime, size: content.length, uploaded_by: user.account })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.result.evidence',
      entity: 'insp_result_file',
      entityId: row.id,
      after: { resultId: id, fileName: name, size: content.length, sha256: stored },
    });
    return { id: row.id };
  });
}

export async function readEvidence(db: Db, dataDir: string, user: SessionUser, id: number, fileId: number) {
  await resultForFiles(db, user, id);
  const f = await db.selectFrom('insp_result_file').selectAll().where('id', '=', fileId).where('result_id', '=', id).executeTakeFirst();
  if (!f) throw new NotFoundError('证据文件（不存在）');
  return { fileName: f.file_name, mime: f.mime, content: readStoredFile(dataDir, EVIDENCE_FOLDER, f.stored_name) };
}

/** Removes evidence files no result refers to (left by a rolled-back upload), older than `minAgeMs`; at start-up. */
export async function sweepOrphanEvidenceFiles(db: Db, dataDir: string, minAgeMs = 3_600_000): Promise<number> {
  const known = new Set((await db.selectFrom('insp_result_file').select('stored_name').distinct().execute()).map((r) => r.stored_name));
  return sweepStoredFiles(dataDir, EVIDENCE_FOLDER, known, minAgeMs);
}

// ---- lists ----

export type ResultState = 'unpublished' | 'overdue' | 'published';

export interface ResultQuery {
  state?: ResultState;
  drawId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Results the staff see (unit staff: their units' results and those they recorded), with the publication deadline
 * and whether it is missed; `overdue` lists unpublished results past it.
 */
export async function listResults(db: Db, user: SessionUser, q: ResultQuery, o: { today?: string } = {}) {
  const today = o.today ?? chinaToday();
  const cal = provisionalWorkingDays(await loadCalendar(db));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const mine = await inspectorIdsOf(db, user);
  let base = db.selectFrom('insp_result as r');
  if (user.role === 'unit_staff') {
    const units = user.unitIds.length ? user.unitIds : [-1];
    base = base.where((eb) => eb.or([eb('r.unit_id', 'in', units), ...(mine.length ? [eb('r.inspector_id', 'in', mine)] : [])]));
  }
  if (q.drawId) base = base.where('r.draw_id', '=', q.drawId);
  if (q.q?.trim()) base = base.where('r.object_name', 'like', `%${q.q.trim().replace(/[\\%_]/g, '\\$&')}%`);
  // Due day per result: the 20th working day after produced_on (on the calendar's ordinals when it covers the year).
  const lastDay = cal.addWorkingDays(today, -PUBLICATION_WORKING_DAYS); // produced before it: due before today
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.count<number>('r.id').filterWhere('r.published_on', 'is', null).as('unpublished'),
      eb.fn
        .count<number>('r.id')
        .filterWhere((w) => w.and([w('r.published_on', 'is', null), w('r.produced_on', '<', lastDay)]))
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  let list = base;
  if (q.state === 'published') list = list.where('r.published_on', 'is not', null);
  if (q.state === 'unpublished') list = list.where('r.published_on', 'is', null);
  if (q.state === 'overdue') list = list.where('r.published_on', 'is', null).where('r.produced_on', '<', lastDay);
  const total = Number((await list.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await list
    .innerJoin('inspection_draw as d', 'd.id', 'r.draw_id')
    .innerJoin('inspection_item as i', 'i.id', 'r.item_id')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .leftJoin('unit as t', 't.id', 'r.transfer_unit_id')
    .leftJoin('insp_exemption as e', 'e.id', 'r.exemption_id')
    .leftJoin('inspection_inspector as p', 'p.id', 'r.inspector_id')
    .select([
      'r.id',
      'r.draw_id',
      'd.number as draw_number',
      'r.object_key',
      'r.object_name',
      'r.item_id',
      'i.name as item_name',
      'u.name as unit_name',
      'r.unit_id',
      'r.category',
      'r.notes',
      'r.rectify_days',
      'r.rectify_due',
      'r.transfer_unit_id',
      't.name as transfer_unit_name',
      'r.transfer_note',
      'r.exemption_id',
      'e.item as exemption_item',
      'e.kind as exemption_kind',
      'r.produced_on',
      'r.published_on',
      'p.name as inspector_name',
      'r.is_demo',
    ])
    .orderBy(sql`r.published_on is not null`)
    .orderBy('r.produced_on')
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const files = ids.length
    ? await db.selectFrom('insp_result_file').select(['id', 'result_id', 'file_name', 'size']).where('result_id', 'in', ids).orderBy('id').execute()
    : [];
  return {
    total,
    page,
    pageSize,
    unpublished: Number(counts.unpublished),
    overdue: Number(counts.overdue),
    items: rows.map((r) => {
      const st = publicationState(cal, { producedOn: r.produced_on, publishedOn: r.published_on }, today);
      return {
        id: r.id,
        drawId: r.draw_id,
        drawNumber: r.draw_number,
        objectKey: r.object_key,
        objectName: r.object_name,
        itemId: r.item_id,
        itemName: r.item_name,
        unitName: r.unit_name,
        category: r.category,
        categoryLabel: resultCategory(r.category)?.label ?? r.category,
        notes: r.notes,
        rectifyDays: r.rectify_days,
        rectifyDue: r.rectify_due,
        transferUnitId: r.transfer_unit_id,
        transferUnitName: r.transfer_unit_name,
        transferNote: r.transfer_note,
        exemptionId: r.exemption_id,
        exemptionText: r.exemption_item ? `${r.exemption_kind}：${r.exemption_item}` : null,
        producedOn: r.produced_on,
        publishedOn: r.published_on,
        due: st.due,
        overdue: st.overdue,
        workingDaysLeft: st.workingDaysLeft,
        inspectorName: r.inspector_name,
        canEdit: !r.published_on && actsFor(user, r.unit_id),
        files: files.filter((f) => f.result_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
        isDemo: r.is_demo,
      };
    }),
  };
}

/**
 * The public list of published results (一公开): the object's name, item, category, dates, department and the
 * inspectors' names and 执法证号 — never notes, evidence, follow-up details or anything else about a person.
 */
export async function publicResults(db: Db, q: { q?: string; unitId?: number; page?: number; pageSize?: number }) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = db.selectFrom('insp_result as r').where('r.published_on', 'is not', null);
  if (q.q?.trim()) base = base.where('r.object_name', 'like', `%${q.q.trim().replace(/[\\%_]/g, '\\$&')}%`);
  if (q.unitId) base = base.where('r.unit_id', '=', q.unitId);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .innerJoin('inspection_draw as d', 'd.id', 'r.draw_id')
    .innerJoin('inspection_item as i', 'i.id', 'r.item_id')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.draw_id',
      'd.number as draw_number',
      'd.title as draw_title',
      'r.object_key',
      'r.object_name',
      'r.unit_id',
      'i.name as item_name',
      'u.name as unit_name',
      'r.category',
      'r.produced_on',
      'r.published_on',
      'r.is_demo',
    ])
    .orderBy('r.published_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const teams = rows.length
    ? await db
        .selectFrom('inspection_assignment as a')
        .innerJoin('inspection_inspector as p', 'p.id', 'a.inspector_id')
        .select(['a.draw_id', 'a.object_key', 'a.unit_id', 'p.name', 'p.cert_no'])
        .where(
          'a.draw_id',
          'in',
          rows.map((r) => r.draw_id),
        )
        .orderBy('a.id')
        .execute()
    : [];
  const units = await db
    .selectFrom('insp_result')
    .innerJoin('unit', 'unit.id', 'insp_result.unit_id')
    .select(['unit.id', 'unit.name'])
    .distinct()
    .where('insp_result.published_on', 'is not', null)
    .orderBy('unit.name')
    .execute();
  return {
    total,
    page,
    pageSize,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    items: rows.map((r) => ({
      id: r.id,
      drawId: r.draw_id,
      drawNumber: r.draw_number,
      drawTitle: r.draw_title,
      objectName: r.object_name,
      itemName: r.item_name,
      unitName: r.unit_name,
      categoryLabel: resultCategory(r.category)?.label ?? r.category,
      producedOn: r.produced_on,
      publishedOn: r.published_on!,
      inspectors: teams
        .filter((t) => t.draw_id === r.draw_id && t.object_key === r.object_key && t.unit_id === r.unit_id)
        .map((t) => ({ name: t.name, certNo: t.cert_no })),
      isDemo: r.is_demo,
    })),
  };
}

/** 首违不罚 per department: results citing a 免罚清单 entry of that kind (published only when `publishedOnly`). */
export async function firstOffenceCounts(db: Db, o: { year?: number; publishedOnly?: boolean } = {}) {
  let q = db
    .selectFrom('insp_result as r')
    .innerJoin('insp_exemption as e', 'e.id', 'r.exemption_id')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .where('e.kind', '=', '首违不罚');
  if (o.publishedOnly) q = q.where('r.published_on', 'is not', null);
  if (o.year) q = q.where('r.produced_on', '>=', `${o.year}-01-01`).where('r.produced_on', '<=', `${o.year}-12-31`);
  const rows = await q
    .select(['u.name as unit_name', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('u.name')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ unitName: r.unit_name, count: Number(r.n) }));
}
