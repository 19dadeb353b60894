/**
 * Routing suggestions on stored requests: the suggestion made when a request arrives (kept with the request, in the
 * filing's transaction) and the live one on the office's 派单 screen, from the catalogue as it is now.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { listCatalogue } from './catalogue-store.js';
import type { RouteSuggestion } from './core/index.js';
import { routingSuggester } from './core/suggest.js';

type Db = Kysely<Database>;

/** The top 3 topics and units for a text, from the catalogue as it is now. */
export async function suggestForText(db: Db, subject: string, description: string): Promise<RouteSuggestion[]> {
  return routingSuggester(await listCatalogue(db))(subject, description);
}

/** On arrival (inside the filing's transaction): keeps the suggestion made from the catalogue of that moment. */
export async function recordArrivalSuggestion(trx: Db, requestId: number, subject: string, description: string): Promise<void> {
  const suggestion = await suggestForText(trx, subject, description);
  await trx
    .insertInto('request_routing')
    .values({ request_id: requestId, suggestion: JSON.stringify(suggestion) })
    .onConflict((oc) => oc.column('request_id').doUpdateSet({ suggestion: JSON.stringify(suggestion) }))
    .execute();
}

/** The answer-limit override of the topic a request was routed under (null: none, or not routed by topic). */
export async function routedTopicAnswerDays(db: Db, requestId: number): Promise<number | null> {
  const r = await db
    .selectFrom('request_routing as r')
    .innerJoin('request_topic as t', 't.id', 'r.topic_id')
    .select('t.answer_days')
    .where('r.request_id', '=', requestId)
    .executeTakeFirst();
  return r?.answer_days ?? null;
}
