import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { actorNamer } from '../auth/index.js';
import { ConflictError, InputRejectedError, NotFoundError } from '../shared/index.js';
import {
  describe as describeCondition,
  describeAmount,
  indexWords,
  queryWords,
  snippet,
  type AmountRule,
  type Condition,
  type RuleTestCase,
  type RuleTestResult,
  type Segment,
} from './core/index.js';

export const ITEM_KINDS: Record<string, string> = {
  subsidy: '资金补贴',
  award: '奖励',
  tax: '税费减免',
  loan: '融资支持',
  rent: '房租减免',
  service: '服务支持',
  other: '其他',
};

export interface PolicyItemInput {
  id?: number;
  name: string;
  kind: string;
  amountText?: string | null;
  description?: string | null;
}
export interface PolicyInput {
  title: string;
  docNumber?: string | null;
  issuer: string;
  publishedOn?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  body?: string;
  interpretation?: string;
  topics?: string[];
  attachments?: Array<{ name: string; url: string }>;
  items?: PolicyItemInput[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function check(p: PolicyInput): void {
  const problems: Array<{ field: string; message: string }> = [];
  if (!p.title?.trim()) problems.push({ field: '标题', message: '不能为空' });
  if (!p.issuer?.trim()) problems.push({ field: '发文单位', message: '不能为空' });
  for (const [f, v] of [
    ['发布日期', p.publishedOn],
    ['有效期起', p.validFrom],
    ['有效期止', p.validTo],
  ] as const)
    if (v && !ISO.test(v)) problems.push({ field: f, message: `“${v}”不是 YYYY-MM-DD 日期` });
  if (p.validFrom && p.validTo && p.validFrom > p.validTo) problems.push({ field: '有效期', message: '起始晚于截止' });
  for (const [i, it] of (p.items ?? []).entries()) {
    if (!it.name?.trim()) problems.push({ field: `政策事项${i + 1}`, message: '名称不能为空' });
    if (!Object.hasOwn(ITEM_KINDS, it.kind))
      problems.push({ field: `政策事项${i + 1}`, message: `类型“${it.kind}”未知（${Object.keys(ITEM_KINDS).join('/')}）` });
  }
  if (problems.length) throw new InputRejectedError(`政策信息有误：${problems.map((x) => `${x.field}${x.message}`).join('；')}`, problems);
}

async function reindex(trx: Kysely<Database>, id: number, p: PolicyInput): Promise<void> {
  const t = indexWords(`${p.title} ${p.docNumber ?? ''} ${p.issuer}`);
  const i = indexWords(`${p.interpretation ?? ''} ${(p.items ?? []).map((x) => `${x.name} ${x.description ?? ''}`).join(' ')}`);
  const b = indexWords(p.body ?? '');
  await sql`update policy set search = setweight(to_tsvector('simple', ${t}), 'A') || setweight(to_tsvector('simple', ${i}), 'B') || setweight(to_tsvector('simple', ${b}), 'C') where id = ${id}`.execute(
    trx,
  );
}

function cols(p: PolicyInput) {
  return {
    title: p.title.trim(),
    doc_number: p.docNumber?.trim() || null,
    issuer: p.issuer.trim(),
    published_on: p.publishedOn || null,
    valid_from: p.validFrom || null,
    valid_to: p.validTo || null,
    body: p.body ?? '',
    interpretation: p.interpretation ?? '',
    topics: p.topics ?? [],
    attachments: JSON.stringify(p.attachments ?? []),
  };
}

async function writeItems(trx: Kysely<Database>, policyId: number, items: PolicyItemInput[]): Promise<void> {
  const existing = await trx.selectFrom('policy_item').select(['id', 'seq']).where('policy_id', '=', policyId).execute();
  const keepIds = items.map((i) => i.id).filter((x): x is number => !!x);
  for (const id of keepIds) if (!existing.some((e) => e.id === id)) throw new InputRejectedError(`政策事项 ${id} 不属于该政策`);
  const drop = existing.filter((e) => !keepIds.includes(e.id)).map((e) => e.id);
  if (drop.length) await trx.deleteFrom('policy_item').where('id', 'in', drop).execute();
  // Renumber through negative seqs first so that the unique (policy_id, seq) never clashes.
  if (keepIds.length) await trx.updateTable('policy_item').set({ seq: sql`-seq` }).where('id', 'in', keepIds).execute();
  for (const [i, it] of items.entries()) {
    const v = { name: it.name.trim(), kind: it.kind, amount_text: it.amountText ?? null, description: it.description ?? '', seq: i + 1 };
    if (it.id) await trx.updateTable('policy_item').set(v).where('id', '=', it.id).execute();
    else
      await trx
        .insertInto('policy_item')
        .values({ ...v, policy_id: policyId })
        .execute();
  }
}

/** Empty dates (a cleared form field) are no dates. */
const blankToNull = (p: PolicyInput): PolicyInput => ({ ...p, publishedOn: p.publishedOn || null, validFrom: p.validFrom || null, validTo: p.validTo || null });

export async function createPolicy(db: Kysely<Database>, input: PolicyInput, actor: string, opts: { isDemo?: boolean } = {}): Promise<number> {
  const p = blankToNull(input);
  check(p);
  return db.transaction().execute(async (trx) => {
    if (p.docNumber) {
      const dup = await trx.selectFrom('policy').select('id').where('doc_number', '=', p.docNumber.trim()).executeTakeFirst();
      if (dup) throw new ConflictError(`文号 ${p.docNumber} 已存在（政策 ${dup.id}）`);
    }
    const { id } = await trx
      .insertInto('policy')
      .values({ ...cols(p), is_demo: opts.isDemo ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeItems(trx, id, p.items ?? []);
    await reindex(trx, id, p);
    await recordAudit(trx, { actor, action: 'policy.create', entity: 'policy', entityId: id, after: p });
    return id;
  });
}

/**
 * Changes a policy. A draft (or withdrawn) policy changes at once. A published policy is public text:
 * the edit becomes its pending revision, which the office publishes (`publishPolicyRevision`) or
 * discards; until then the public keeps seeing the published text. Returns whether it is pending.
 */
export async function updatePolicy(db: Kysely<Database>, id: number, input: PolicyInput, actor: string): Promise<{ pending: boolean }> {
  const p = blankToNull(input);
  check(p);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFoundError('政策（不存在或已删除）');
    await checkDocNumber(trx, id, p);
    if (before.status === 'published') {
      await trx
        .updateTable('policy')
        .set({ pending: JSON.stringify(p), pending_by: actor, pending_at: new Date() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, { actor, action: 'policy.revise', entity: 'policy', entityId: id, after: p });
      return { pending: true };
    }
    await applyPolicy(trx, id, p, before, actor, 'policy.update');
    return { pending: false };
  });
}

async function checkDocNumber(trx: Kysely<Database>, id: number, p: PolicyInput): Promise<void> {
  if (!p.docNumber) return;
  const dup = await trx.selectFrom('policy').select('id').where('doc_number', '=', p.docNumber.trim()).where('id', '<>', id).executeTakeFirst();
  if (dup) throw new ConflictError(`文号 ${p.docNumber} 已属于政策 ${dup.id}`);
}

async function applyPolicy(
  trx: Kysely<Database>,
  id: number,
  p: PolicyInput,
  before: { search: unknown } & Record<string, unknown>,
  actor: string,
  action: string,
): Promise<void> {
  await trx
    .updateTable('policy')
    .set({ ...cols(p), pending: null, pending_by: null, pending_at: null, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  if (p.items) await writeItems(trx, id, p.items);
  await reindex(trx, id, p);
  const { search: _s, pending: _p, ...b } = before;
  await recordAudit(trx, { actor, action, entity: 'policy', entityId: id, before: b, after: p });
}

/** The office publishes a published policy's pending revision: the public text changes now. */
export async function publishPolicyRevision(db: Kysely<Database>, id: number, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFoundError('政策（不存在或已删除）');
    if (!before.pending) throw new ConflictError('该政策没有待发布的修改');
    const p = blankToNull(before.pending as PolicyInput);
    check(p);
    await checkDocNumber(trx, id, p);
    await applyPolicy(trx, id, p, before, actor, 'policy.revision.publish');
  });
}

/** The office (or the person who made it) discards a pending revision. */
export async function discardPolicyRevision(db: Kysely<Database>, id: number, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('policy')
      .set({ pending: null, pending_by: null, pending_at: null })
      .where('id', '=', id)
      .where('pending', 'is not', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new ConflictError('该政策没有待发布的修改');
    await recordAudit(trx, { actor, action: 'policy.revision.discard', entity: 'policy', entityId: id });
  });
}

export async function setPolicyStatus(db: Kysely<Database>, id: number, status: 'published' | 'withdrawn' | 'draft', actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('policy').set({ status, updated_at: sql<Date>`now()` }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('政策（不存在或已删除）');
    await recordAudit(trx, {
      actor,
      action: `policy.${status === 'published' ? 'publish' : status === 'withdrawn' ? 'withdraw' : 'unpublish'}`,
      entity: 'policy',
      entityId: id,
    });
  });
}

export interface RuleVersion {
  id: number;
  itemId: number;
  version: number;
  condition: Condition;
  amount: AmountRule | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: 'draft' | 'published';
  createdBy: string;
  publishedAt: string | null;
  conditionText: string;
  amountRuleText: string | null;
  /** The test cases' results when the version was published. */
  testResults: RuleTestResult[] | null;
}

export function toRuleVersion(
  r: Database['policy_rule_version'] extends unknown
    ? {
        id: number;
        item_id: number;
        version: number;
        condition: unknown;
        amount: unknown;
        effective_from: string;
        effective_to: string | null;
        status: 'draft' | 'published';
        created_by: string;
        published_at: Date | null;
        test_results: unknown;
      }
    : never,
): RuleVersion {
  const condition = r.condition as Condition;
  const amount = (r.amount ?? null) as AmountRule | null;
  return {
    id: r.id,
    itemId: r.item_id,
    version: r.version,
    condition,
    amount,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    status: r.status,
    createdBy: r.created_by,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    conditionText: describeCondition(condition),
    amountRuleText: describeAmount(amount),
    testResults: (r.test_results ?? null) as RuleTestResult[] | null, // written by publishRuleVersion
  };
}

export async function getPolicy(db: Kysely<Database>, id: number, opts: { staff?: boolean } = {}) {
  const p = await db.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p || (!opts.staff && p.status !== 'published')) throw new NotFoundError('政策（不存在或已删除）');
  const items = await db.selectFrom('policy_item').selectAll().where('policy_id', '=', id).orderBy('seq').execute();
  const versions = items.length
    ? await db
        .selectFrom('policy_rule_version')
        .selectAll()
        .where(
          'item_id',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('version')
        .execute()
    : [];
  const { search: _s, ...rest } = p;
  const name = await actorNamer(db, [rest.pending_by, ...versions.map((v) => v.created_by)]);
  return {
    id: rest.id,
    title: rest.title,
    docNumber: rest.doc_number,
    issuer: rest.issuer,
    publishedOn: rest.published_on,
    validFrom: rest.valid_from,
    validTo: rest.valid_to,
    body: rest.body,
    interpretation: rest.interpretation,
    topics: rest.topics,
    attachments: rest.attachments,
    status: rest.status,
    isDemo: rest.is_demo,
    pendingRevision:
      opts.staff && rest.pending ? { by: name(rest.pending_by ?? ''), at: rest.pending_at ?? new Date(), policy: rest.pending as PolicyInput } : null,
    items: items.map((it) => {
      const vs = versions.filter((v) => v.item_id === it.id).map((v) => ({ ...toRuleVersion(v), createdBy: name(v.created_by) }));
      return {
        id: it.id,
        seq: it.seq,
        name: it.name,
        kind: it.kind,
        kindLabel: ITEM_KINDS[it.kind] ?? it.kind,
        amountText: it.amount_text,
        description: it.description,
        testCases: opts.staff ? (it.test_cases as RuleTestCase[]) : undefined, // written by setTestCases
        rule: [...vs].reverse().find((v) => v.status === 'published') ?? null,
        versions: opts.staff ? vs : undefined,
      };
    }),
  };
}

export interface PolicySearch {
  q?: string;
  issuer?: string;
  topic?: string;
  validOn?: string;
  status?: 'published' | 'all';
  limit?: number;
  offset?: number;
}
export interface PolicyHit {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string;
  publishedOn: string | null;
  validTo: string | null;
  topics: string[];
  status: 'draft' | 'published' | 'withdrawn';
  isDemo: boolean;
  rank: number | null;
  titleMarked: Segment[];
  snippet: Segment[];
}

/**
 * Full-text search: the query is segmented like the documents (jieba) and all words must match
 * (falling back to any word when none matches all); ranked by ts_rank over the weighted vector
 * (title > interpretation and items > body), then newest first. Snippets mark the query words.
 */
export async function searchPolicies(db: Kysely<Database>, s: PolicySearch): Promise<{ total: number; words: string[]; items: PolicyHit[]; tookMs: number }> {
  const t0 = performance.now();
  const words = s.q ? queryWords(s.q) : [];
  const filters = (mode: 'all' | 'any') => {
    const parts = [sql`true`];
    if (s.status !== 'all') parts.push(sql`status = 'published'`);
    if (s.issuer) parts.push(sql`issuer = ${s.issuer}`);
    if (s.topic) parts.push(sql`${s.topic} = any(topics)`);
    if (s.validOn) parts.push(sql`(valid_from is null or valid_from <= ${s.validOn}::date) and (valid_to is null or valid_to >= ${s.validOn}::date)`);
    if (words.length) parts.push(sql`search @@ ${tsquery(words, mode)}`);
    return sql.join(parts, sql` and `);
  };
  const run = async (mode: 'all' | 'any') => {
    const where = filters(mode);
    const count = await sql<{ n: number }>`select count(*)::int as n from policy where ${where}`.execute(db);
    const rank = words.length ? sql`ts_rank(search, ${tsquery(words, mode)})` : sql`null::real`;
    // Rank first (ids only), then read the texts of the page's rows: reading every match's text before the limit is the slow part.
    const page = await sql<{ id: number; rank: number | null }>`
      select id, ${rank} as rank from policy where ${where}
      order by ${words.length ? sql`rank desc,` : sql``} published_on desc nulls last, id desc
      limit ${s.limit ?? 20} offset ${s.offset ?? 0}`.execute(db);
    const ids = page.rows.map((x) => x.id);
    const texts = ids.length
      ? await db
          .selectFrom('policy')
          .select([
            'id',
            'title',
            'doc_number',
            'issuer',
            'published_on',
            'valid_to',
            'topics',
            'status',
            'is_demo',
            sql<string>`left(body, 20000)`.as('body'),
            sql<string>`left(interpretation, 5000)`.as('interpretation'),
          ])
          .where('id', 'in', ids)
          .execute()
      : [];
    const rows = { rows: page.rows.map((p) => ({ ...texts.find((t) => t.id === p.id)!, rank: p.rank })) };
    return { total: count.rows[0]!.n, rows: rows.rows };
  };
  let r = await run('all');
  if (words.length > 1 && r.total === 0) r = await run('any');
  return {
    total: r.total,
    words,
    tookMs: Math.round((performance.now() - t0) * 10) / 10,
    items: r.rows.map((x) => ({
      id: x.id,
      title: x.title,
      docNumber: x.doc_number,
      issuer: x.issuer,
      publishedOn: x.published_on,
      validTo: x.valid_to,
      topics: x.topics,
      status: x.status,
      isDemo: x.is_demo,
      rank: x.rank,
      titleMarked: words.length ? snippetTitle(x.title, words) : [{ text: x.title }],
      snippet: snippet(words.length && !hasWord(x.body, words) && hasWord(x.interpretation, words) ? x.interpretation : x.body, words),
    })),
  };
}

const hasWord = (t: string, words: string[]) => words.some((w) => t.toLowerCase().includes(w));
function snippetTitle(title: string, words: string[]): Segment[] {
  return snippet(title, words, 1000).filter((s) => s.text !== '…');
}

function tsquery(words: string[], mode: 'all' | 'any') {
  // Each word is passed as a bound parameter and quoted for to_tsquery; words contain only letters and digits.
  const q = words.map((w) => `'${w.replace(/'/g, '')}'`).join(mode === 'all' ? ' & ' : ' | ');
  return sql`to_tsquery('simple', ${q})`;
}

export async function policyFacets(db: Kysely<Database>) {
  const issuers = await db.selectFrom('policy').select('issuer').where('status', '=', 'published').groupBy('issuer').orderBy('issuer').execute();
  const topics = await sql<{ topic: string }>`select distinct unnest(topics) as topic from policy where status = 'published' order by 1`.execute(db);
  return { issuers: issuers.map((i) => i.issuer), topics: topics.rows.map((t) => t.topic) };
}

/** Stores an uploaded attachment under <dataDir>/policies/<id>/ and lists it on the policy. */
/** Attachments per policy. */
export const MAX_ATTACHMENTS = 20;

export async function addAttachment(
  db: Kysely<Database>,
  dataDir: string,
  id: number,
  p: { fileName: string; buffer: Buffer; actor: string },
): Promise<{ name: string; url: string }> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const crypto = await import('node:crypto');
  const ext = path.extname(p.fileName).toLowerCase();
  if (!['.pdf', '.doc', '.docx', '.xls', '.xlsx', '.ofd', '.txt', '.jpg', '.png', '.zip'].includes(ext))
    throw new InputRejectedError(`${p.fileName}：不支持的附件类型`);
  const key = `${crypto.createHash('sha256').update(p.buffer).digest('hex').slice(0, 16)}${ext}`;
  const dir = path.join(dataDir, 'policies', String(id));
  const att = { name: path.basename(p.fileName).slice(-200), url: `/api/policies/${id}/attachments/${key}` };
  // Checks first; the file is written last, inside the transaction (a missing policy writes nothing).
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('policy').select('attachments').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('政策（不存在或已删除）');
    if (row.attachments.length >= MAX_ATTACHMENTS && !row.attachments.some((a) => a.url === att.url))
      throw new InputRejectedError(`每项政策最多 ${MAX_ATTACHMENTS} 个附件`, [{ file: p.fileName, field: 'file', message: '数量超限' }]);
    const list = [...row.attachments.filter((a) => a.url !== att.url), att];
    await trx
      .updateTable('policy')
      .set({ attachments: JSON.stringify(list), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actor: p.actor, action: 'policy.attachment', entity: 'policy', entityId: id, after: att });
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `${key}.${crypto.randomBytes(6).toString('hex')}.tmp`);
    await fs.writeFile(tmp, p.buffer, { mode: 0o600 });
    await fs.rename(tmp, path.join(dir, key));
  });
  return att;
}

export async function readAttachment(
  db: Kysely<Database>,
  dataDir: string,
  id: number,
  key: string,
  staff: boolean,
): Promise<{ name: string; buffer: Buffer }> {
  const p = await db.selectFrom('policy').select(['attachments', 'status']).where('id', '=', id).executeTakeFirst();
  const att = p && (staff || p.status === 'published') ? p.attachments.find((a) => a.url.endsWith(`/${key}`)) : undefined;
  if (!att || !/^[0-9a-f]{16}\.[a-z]+$/.test(key)) throw new NotFoundError(`附件 ${key}`);
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  return { name: att.name, buffer: await fs.readFile(path.join(dataDir, 'policies', String(id), key)) };
}
