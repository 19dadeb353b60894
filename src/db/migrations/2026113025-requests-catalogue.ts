import { sql, type Kysely } from 'kysely';

/**
 * The requests' 派单目录 (issue 14, routing): topics with their keywords and answer-limit override
 * (`request_topic`), the units responsible for each (`request_topic_unit`, the default first), the suggestion made
 * when a request arrived (`request_routing`) and every 派单 decision with whether the suggestion was taken
 * (`request_dispatch`). See src/requests/README.md, "派单目录".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_topic')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('answer_days', 'integer', (c) => c.check(sql`answer_days between 1 and 60`))
    .addColumn('keywords', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('request_topic_unit')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('request_topic.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('keywords', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('request_topic_unit_pk', ['topic_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('request_routing')
    .addColumn('request_id', 'integer', (c) => c.primaryKey().references('request_item.id').onDelete('cascade'))
    .addColumn('suggestion', 'jsonb', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.references('request_topic.id'))
    .addColumn('suggested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('request_dispatch')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('request_item.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('request_topic.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('suggested_topic_id', 'integer')
    .addColumn('suggested_unit_id', 'integer')
    .addColumn('topic_taken', 'boolean', (c) => c.notNull())
    .addColumn('unit_taken', 'boolean', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('on_day', 'date', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_dispatch_request').on('request_dispatch').columns(['request_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_dispatch').ifExists().execute();
  await db.schema.dropTable('request_routing').ifExists().execute();
  await db.schema.dropTable('request_topic_unit').ifExists().execute();
  await db.schema.dropTable('request_topic').ifExists().execute();
}
