import { sql, type Kysely } from 'kysely';

/**
 * Off-track signals (偏离目标) on the reform ledger: another capability (the indicators) tells the ledger that a
 * measure's quantitative commitment is not being kept. Signals are kept per measure, so every task of the measure
 * (including tasks split off or created after the signal) shows it; `target_id` narrows it to the tasks that carry
 * that plan target. One row per (measure, source, key); the source replaces its own rows as a whole
 * (`setOffTrackSignals` in src/ledger/signal-store.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_signal')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.references('measure_target.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('since', 'date', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ledger_signal_pk', ['measure_id', 'source', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_signal').ifExists().execute();
}
