import { sql, type Kysely } from 'kysely';

/**
 * 政企沟通 and 回访 (issue 14, measures 51 and 52): see src/requests/README.md, "政企沟通 and 回访".
 * - the role `supervisor` (营商环境监督员 and 顾问专家 accounts) joins the account roles;
 * - request channels 专家 (a consultant expert's report) and 走访 (a need found on a visit to a key firm), keeping
 *   12345 and 接口 of 2026113024;
 * - `request_reporter`: the office's register of 监督员 and experts (one row per account);
 * - `request_meeting` (政企座谈会) with its units, firms and issues (each issue is a request);
 * - `request_key_firm` (重点招商企业 with the unit in charge), `request_visit_plan` (per quarter),
 *   `request_visit` (回访 records) and `request_visit_need` (each need may become a request).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('office', 'unit_staff', 'leader', 'admin', 'enterprise', 'supervisor'))`.execute(
    db,
  );
  await sql`alter table request_item drop constraint if exists request_item_channel_check`.execute(db);
  await sql`alter table request_item add constraint request_item_channel_check check (channel in ('网上', '电话', '来访', '座谈会', '监督员', '专家', '走访', '信函', '12345', '接口'))`.execute(
    db,
  );

  await db.schema
    .createTable('request_reporter')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('account', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('监督员', '专家')`))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('expertise', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('request_meeting')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('host_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_meeting_held').on('request_meeting').columns(['held_on', 'id']).execute();
  await db.schema
    .createTable('request_meeting_unit')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('request_meeting.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('request_meeting_unit_pk', ['meeting_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('request_meeting_enterprise')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('request_meeting.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addPrimaryKeyConstraint('request_meeting_enterprise_pk', ['meeting_id', 'enterprise_id'])
    .execute();
  await db.schema
    .createTable('request_meeting_issue')
    .addColumn('request_id', 'integer', (c) => c.primaryKey().references('request_item.id').onDelete('cascade'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('request_meeting.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('request_meeting_issue_meeting').on('request_meeting_issue').columns(['meeting_id']).execute();

  await db.schema
    .createTable('request_key_firm')
    .addColumn('enterprise_id', 'integer', (c) => c.primaryKey().references('enterprise.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('since', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_key_firm_unit').on('request_key_firm').columns(['unit_id']).execute();
  await db.schema
    .createTable('request_visit_plan')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}Q[1-4]$'`))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('planned_on', 'date')
    .addColumn('visitors', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('request_visit_plan_period_firm', ['period', 'enterprise_id'])
    .execute();
  await db.schema
    .createTable('request_visit')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('visited_on', 'date', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('上门', '电话', '视频')`))
    .addColumn('visitors', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_visit_firm_day').on('request_visit').columns(['enterprise_id', 'visited_on']).execute();
  await db.schema.createIndex('request_visit_unit_day').on('request_visit').columns(['unit_id', 'visited_on']).execute();
  await db.schema
    .createTable('request_visit_need')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('request_visit.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('request_id', 'integer', (c) => c.unique().references('request_item.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('request_visit_need_visit').on('request_visit_need').columns(['visit_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'request_visit_need',
    'request_visit',
    'request_visit_plan',
    'request_key_firm',
    'request_meeting_issue',
    'request_meeting_enterprise',
    'request_meeting_unit',
    'request_meeting',
    'request_reporter',
  ])
    await db.schema.dropTable(t).ifExists().execute();
  await sql`alter table request_item drop constraint if exists request_item_channel_check`.execute(db);
  await sql`alter table request_item add constraint request_item_channel_check check (channel in ('网上', '电话', '来访', '座谈会', '监督员', '信函', '12345', '接口'))`.execute(
    db,
  );
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('office', 'unit_staff', 'leader', 'admin', 'enterprise'))`.execute(db);
}
