/**
 * `bizenv demo`, inspections part: one demo inspector who can log in. An inspector of the 执法检查人员名录库 has no
 * login of its own; the unit links one staff account of the inspector's unit to it (README-results.md, “Who
 * records”). The demo creates that account (through the auth capability's `createUser`) for the demo inspector of
 * 区市场监管局 sent to the most objects in the demo draws, and links it (`linkInspectorAccount`, audited), so that a
 * reader of the demo can log in as that inspector and see and record the inspector's own checks (我的检查任务).
 */
import type { Kysely } from 'kysely';
import { createUser, findAccountId, loadSessionUser, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { linkInspectorAccount } from './result-store.js';

/** The demo inspector's login (password: the demo accounts' password). */
export const DEMO_INSPECTOR_ACCOUNT = 'demo-inspector1';
const DEMO_INSPECTOR_UNIT = '区市场监管局';

export interface InspectorLoginDemo {
  account: string;
  inspectorId: number;
  inspectorName: string;
  unitName: string;
  /** Objects the inspector was sent to in the demo draws. */
  checks: number;
}

/**
 * Creates (once) the demo inspector's login and links it to the demo inspector of 区市场监管局 with the most
 * assignments in demo draws. Null when there is no such inspector yet (call after `seedInspectionDemo`). Running it
 * again changes nothing.
 *
 * @example
 *   const login = await seedInspectorLoginDemo(db, { password: 'Jiefangbei-2026', actor: cliActor() });
 */
export async function seedInspectorLoginDemo(db: Kysely<Database>, o: { password: string; actor: string }): Promise<InspectorLoginDemo | null> {
  const existing = await findAccountId(db, DEMO_INSPECTOR_ACCOUNT);
  const linked =
    existing === undefined
      ? undefined
      : await db.selectFrom('insp_inspector_account').select('inspector_id').where('account_id', '=', existing).executeTakeFirst();
  const best = await db
    .selectFrom('inspection_assignment as a')
    .innerJoin('inspection_draw as d', 'd.id', 'a.draw_id')
    .innerJoin('inspection_inspector as i', 'i.id', 'a.inspector_id')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.name', 'u.name as unit_name', (eb) => eb.fn.countAll<string>().as('checks')])
    .where('d.is_demo', '=', true)
    .where(linked ? (eb) => eb('i.id', '=', linked.inspector_id) : (eb) => eb('u.name', '=', DEMO_INSPECTOR_UNIT))
    .groupBy(['i.id', 'i.name', 'u.name'])
    .orderBy('checks', 'desc')
    .orderBy('i.id')
    .executeTakeFirst();
  if (!best) return null;
  const result = { account: DEMO_INSPECTOR_ACCOUNT, inspectorId: best.id, inspectorName: best.name, unitName: best.unit_name, checks: Number(best.checks) };
  if (linked) return result;
  const login =
    existing === undefined
      ? await createUser(db, {
          account: DEMO_INSPECTOR_ACCOUNT,
          name: best.name,
          role: 'unit_staff',
          password: o.password,
          unitNames: [best.unit_name],
          actor: o.actor,
        })
      : await loadSessionUser(db, existing);
  if (login.role !== 'unit_staff') return null; // an account of that name made by hand for something else: left alone
  const office: SessionUser = { id: 0, account: o.actor, name: '演示数据', role: 'office', unitIds: [], enterpriseId: null, mustChangePassword: false };
  await linkInspectorAccount(db, office, best.id, DEMO_INSPECTOR_ACCOUNT);
  return result;
}
