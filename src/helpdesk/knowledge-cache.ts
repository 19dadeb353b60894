/**
 * The index the helpdesk answers from, kept in memory per database and kept current:
 * - the office's FAQ and synonyms: every change bumps `helpdesk_revision` in its transaction; each question reads
 *   that one-row counter (a primary-key read) and a moved counter rebuilds the index before answering, in every
 *   server process;
 * - the platform's content (plan, policies, request limits, indicators) is read through its owners' functions and
 *   re-read when it is older than PLATFORM_TTL_MS: the next question after that answers from the current index while
 *   one rebuild runs (never two at once); the owners have no change hooks for all of these, and a minute of delay is
 *   within what the office expects for a policy it just published. `refreshHelpdesk(db)` rebuilds at once (the CLI,
 *   the tests, and an owner that wants to call it on change).
 * Rebuild time is measured and kept (`lastBuildMs`, shown by `GET /api/helpdesk/status`): about 0.1–0.3 s with the
 * demo content (FAQ 150, measures 52, policies, categories, indicators).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { buildKnowledge, type Knowledge, type KnowledgeItem } from './core/index.js';
import { helpdeskRevision } from './faq-store.js';
import { cut } from './segment.js';
import { faqItems, platformItems, synonymGroups } from './sources.js';

export const PLATFORM_TTL_MS = 60_000;

interface Entry {
  knowledge: Knowledge;
  revision: number;
  platform: KnowledgeItem[];
  platformAt: number;
  builtAt: Date;
  lastBuildMs: number;
  refreshing: Promise<void> | null;
}

const cache = new WeakMap<Kysely<Database>, Entry>();
const building = new WeakMap<Kysely<Database>, Promise<Entry>>();

async function build(db: Kysely<Database>, platform?: KnowledgeItem[]): Promise<Entry> {
  const t0 = performance.now();
  const revision = await helpdeskRevision(db);
  const [faq, groups, plat] = await Promise.all([faqItems(db), synonymGroups(db), platform ? Promise.resolve(platform) : platformItems(db)]);
  const knowledge = buildKnowledge([...faq, ...plat], groups, cut);
  return {
    knowledge,
    revision,
    platform: plat,
    platformAt: platform ? (cache.get(db)?.platformAt ?? Date.now()) : Date.now(),
    builtAt: new Date(),
    lastBuildMs: Math.round((performance.now() - t0) * 10) / 10,
    refreshing: null,
  };
}

async function rebuild(db: Kysely<Database>, platform?: KnowledgeItem[]): Promise<Entry> {
  let p = building.get(db);
  if (!p) {
    p = build(db, platform).finally(() => building.delete(db));
    building.set(db, p);
  }
  const e = await p;
  cache.set(db, e);
  return e;
}

/** The current index of a database (built on first use; rebuilt as described above). */
export async function helpdeskKnowledge(db: Kysely<Database>): Promise<Knowledge> {
  const e = cache.get(db);
  if (!e) return (await rebuild(db)).knowledge;
  const revision = await helpdeskRevision(db);
  if (revision !== e.revision) return (await rebuild(db, e.platform)).knowledge;
  if (Date.now() - e.platformAt > PLATFORM_TTL_MS && !e.refreshing) {
    e.refreshing = rebuild(db)
      .then(() => undefined)
      .catch(() => {
        e.refreshing = null;
      });
  }
  return e.knowledge;
}

/** Rebuilds the whole index now (FAQ, synonyms and the platform's content). */
export async function refreshHelpdesk(db: Kysely<Database>): Promise<void> {
  await rebuild(db);
}

export interface HelpdeskStatus {
  items: number;
  byKind: Record<string, number>;
  builtAt: Date | null;
  lastBuildMs: number | null;
  revision: number;
}

export async function helpdeskStatus(db: Kysely<Database>): Promise<HelpdeskStatus> {
  const k = await helpdeskKnowledge(db);
  const e = cache.get(db);
  const byKind: Record<string, number> = {};
  for (const it of k.items) byKind[it.kind] = (byKind[it.kind] ?? 0) + 1;
  return { items: k.items.length, byKind, builtAt: e?.builtAt ?? null, lastBuildMs: e?.lastBuildMs ?? null, revision: e?.revision ?? 0 };
}
