/**
 * The 派单目录 kept by the office: topics (事项类别) with keywords and weights, an answer-limit override, and the units
 * responsible (the default first, each with keywords that pick it). Seeded from the plan's measures through the
 * plan's read API; every change one transaction with its audit entry.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { findPlan, listMeasures } from '../plan/index.js';
import { ConflictError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { resolveSeedTopics, SEED_TOPICS, topicProblems, type CatalogueTopic, type Keyword } from './core/index.js';

type Db = Kysely<Database>;

export interface TopicInput {
  name: string;
  answerDays: number | null;
  keywords: Keyword[];
  units: Array<{ unitId: number; keywords: Keyword[] }>;
  active: boolean;
}

const clean = (ks: Keyword[]) => ks.map((k) => ({ word: k.word.trim(), weight: k.weight }));

/** The whole catalogue in the office's order (inactive topics included, flagged). */
export async function listCatalogue(db: Db): Promise<CatalogueTopic[]> {
  const topics = await db.selectFrom('request_topic').selectAll().orderBy('position').orderBy('id').execute();
  const units = await db
    .selectFrom('request_topic_unit as tu')
    .innerJoin('unit as u', 'u.id', 'tu.unit_id')
    .select(['tu.topic_id', 'tu.unit_id', 'tu.keywords', 'u.name'])
    .orderBy('tu.topic_id')
    .orderBy('tu.position')
    .execute();
  return topics.map((t) => ({
    id: t.id,
    name: t.name,
    answerDays: t.answer_days,
    keywords: t.keywords,
    active: t.active,
    units: units.filter((u) => u.topic_id === t.id).map((u) => ({ unitId: u.unit_id, unitName: u.name, keywords: u.keywords })),
  }));
}

async function writeUnits(trx: Db, topicId: number, units: TopicInput['units']) {
  await trx.deleteFrom('request_topic_unit').where('topic_id', '=', topicId).execute();
  if (units.length)
    await trx
      .insertInto('request_topic_unit')
      .values(units.map((u, i) => ({ topic_id: topicId, unit_id: u.unitId, position: i, keywords: JSON.stringify(clean(u.keywords)) })))
      .execute();
}

async function check(db: Db, t: TopicInput, id: number | null): Promise<void> {
  const problems: InputProblem[] = topicProblems(t).map((p) => ({ field: p.field, message: p.message }));
  const known = await findUnitsByIds(
    db,
    t.units.map((u) => u.unitId),
  );
  t.units.forEach((u, i) => {
    if (!known.some((k) => k.id === u.unitId)) problems.push({ field: `units[${i}]`, message: '承办单位不存在' });
  });
  const same = await db.selectFrom('request_topic').select('id').where('name', '=', t.name.trim()).executeTakeFirst();
  if (same && same.id !== id) problems.push({ field: 'name', message: `事项类别“${t.name.trim()}”已存在` });
  if (problems.length) throw new InputRejectedError('派单目录有误', problems);
}

/** The office adds a topic (at the end of the catalogue). */
export async function createTopic(db: Db, actor: string, t: TopicInput): Promise<CatalogueTopic> {
  await check(db, t, null);
  const id = await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('request_topic')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    const row = await trx
      .insertInto('request_topic')
      .values({
        name: t.name.trim(),
        answer_days: t.answerDays,
        keywords: JSON.stringify(clean(t.keywords)),
        position: Number(last?.p ?? -1) + 1,
        active: t.active,
        updated_by: actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeUnits(trx, row.id, t.units);
    await recordAudit(trx, { actor, action: 'requests.topic.create', entity: 'request_topic', entityId: row.id, after: t });
    return row.id;
  });
  return getTopic(db, id);
}

export async function getTopic(db: Db, id: number): Promise<CatalogueTopic> {
  const t = (await listCatalogue(db)).find((x) => x.id === id);
  if (!t) throw new NotFoundError('事项类别（不存在）');
  return t;
}

/** The office edits a topic: name, answer limit, keywords, units (replaced as given), active. */
export async function updateTopic(db: Db, actor: string, id: number, t: TopicInput): Promise<CatalogueTopic> {
  const before = await getTopic(db, id);
  await check(db, t, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('request_topic')
      .set({
        name: t.name.trim(),
        answer_days: t.answerDays,
        keywords: JSON.stringify(clean(t.keywords)),
        active: t.active,
        updated_by: actor,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await writeUnits(trx, id, t.units);
    await recordAudit(trx, { actor, action: 'requests.topic.update', entity: 'request_topic', entityId: id, before, after: t });
  });
  return getTopic(db, id);
}

/**
 * Seeds the catalogue from the plan of the year (or the latest): each seed topic's units are the lead units of its
 * measure (core/catalogue-seed.ts), looked up through the plan's read API. Topics already in the catalogue (by name)
 * are left as the office keeps them. Returns the topics added and those the plan could not resolve.
 */
export async function seedCatalogue(db: Db, actor: string, year?: number): Promise<{ added: string[]; missing: string[] }> {
  const plan = await findPlan(db, { year, orLatest: true });
  if (!plan) throw new ConflictError('尚未导入实施方案，无法从方案的牵头单位生成派单目录');
  const measures = await listMeasures(db, plan.id);
  const { topics, missing } = resolveSeedTopics(
    SEED_TOPICS,
    measures.map((m) => ({ number: m.number, title: m.title, text: m.text, leadUnits: m.leadUnits })),
  );
  return db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('request_topic').select('name').execute()).map((r) => r.name));
    const last = await trx
      .selectFrom('request_topic')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    let position = Number(last?.p ?? -1) + 1;
    const added: string[] = [];
    for (const t of topics) {
      if (existing.has(t.name)) continue;
      const row = await trx
        .insertInto('request_topic')
        .values({ name: t.name, answer_days: t.answerDays, keywords: JSON.stringify(t.keywords), position: position++, updated_by: actor })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeUnits(trx, row.id, t.units);
      added.push(t.name);
    }
    await recordAudit(trx, { actor, action: 'requests.topic.seed', entity: 'request_topic', after: { planId: plan.id, added, missing } });
    return { added, missing };
  });
}
