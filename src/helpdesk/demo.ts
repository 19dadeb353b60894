/**
 * `bizenv demo`'s helpdesk part: the seed synonym list (when the office has none) and the demo FAQ (152 entries: M…
 * taken from the plan with its measure cited, D… invented and labelled 【演示】). Entries whose 编号 exists are kept
 * as the office may have edited them. Units not in the directory (a database without the sample plan) are left empty.
 * Then a month of demo live chats and a month of demo chat-window conversations (the question log, `log-demo.ts`).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { findUnitsByName } from '../units/index.js';
import { DEMO_FAQ } from './demo-faq.js';
import { seedSynonyms } from './faq-store.js';
import { seedLiveChatDemo } from './live-chat-demo.js';
import { seedQuestionLogDemo } from './log-demo.js';

export async function seedHelpdeskDemo(
  db: Kysely<Database>,
  actor: string,
  seed = 2021,
): Promise<{ faq: number; synonyms: number; liveChats: number; conversations: number; questions: number }> {
  const synonyms = await seedSynonyms(db, actor);
  const units = new Map((await findUnitsByName(db, [...new Set(DEMO_FAQ.map((f) => f.unitName).filter((n): n is string => !!n))])).map((u) => [u.name, u.id]));
  const faq = await db.transaction().execute(async (trx) => {
    const have = new Set((await trx.selectFrom('helpdesk_faq').select('code').execute()).map((r) => r.code));
    const rows = DEMO_FAQ.filter((f) => !have.has(f.code)).map((f) => ({
      code: f.code,
      question: f.question,
      variants: f.variants,
      answer: f.answer,
      source_document: f.sourceDocument,
      source_article: f.sourceArticle,
      source_path: f.sourcePath,
      unit_id: f.unitName ? (units.get(f.unitName) ?? null) : null,
      valid_from: f.validFrom,
      valid_to: f.validTo,
      is_demo: true,
      updated_by: actor,
    }));
    if (!rows.length) return 0;
    await trx.insertInto('helpdesk_faq').values(rows).execute();
    await recordAudit(trx, { actor, action: 'helpdesk.faq.demo', entity: 'helpdesk_faq', after: { codes: rows.map((r) => r.code) } });
    await trx
      .updateTable('helpdesk_revision')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    return rows.length;
  });
  // A month of demo live chats for the console (after the FAQ: canned answers cite it).
  const liveChats = await seedLiveChatDemo(db);
  // A month of questions asked in the chat window (after the FAQ: they are answered from it).
  const log = await seedQuestionLogDemo(db, seed);
  return { faq, synonyms, liveChats, ...log };
}
