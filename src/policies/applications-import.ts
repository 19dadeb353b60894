import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { checkCreditCode, enterpriseIdsByCreditCode } from '../enterprises/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { readTable } from '../files/index.js';

/** Rows an import file may have (the header not counted). */
export const MAX_APPLICATION_ROWS = 200_000;

/**
 * 申报/兑现 records imported from the departments' systems (CSV or XLSX; first row headers):
 * 统一社会信用代码, 事项编号 (policy item id as shown on the platform), 状态 (已申报/已兑现/未通过),
 * 申报日期, 兑现日期, 兑现金额（万元）. All rows are checked first; any problem rejects the file.
 * Re-importing the same file changes nothing (one record per firm and item).
 */
const STATUS: Record<string, 'applied' | 'granted' | 'rejected'> = {
  已申报: 'applied',
  申报: 'applied',
  已兑现: 'granted',
  兑现: 'granted',
  已拨付: 'granted',
  未通过: 'rejected',
  不予支持: 'rejected',
};
const COLS = {
  code: ['统一社会信用代码', '信用代码'],
  item: ['事项编号', '事项ID'],
  status: ['状态'],
  appliedOn: ['申报日期'],
  grantedOn: ['兑现日期', '拨付日期'],
  amount: ['兑现金额', '兑现金额（万元）', '金额（万元）'],
};

export async function importApplications(db: Kysely<Database>, p: { fileName: string; buffer: Buffer; actor: string }) {
  const [head, ...body] = await readTable(p.fileName, p.buffer, { maxRows: MAX_APPLICATION_ROWS + 1 });
  const header = (head?.cells ?? []).map((h) => h.replace(/\s+/g, ''));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const idx = Object.fromEntries(Object.entries(COLS).map(([k, v]) => [k, col(v)])) as Record<keyof typeof COLS, number>;
  const problems: InputProblem[] = [];
  for (const k of ['code', 'item', 'status'] as const)
    if (idx[k] < 0) problems.push({ file: p.fileName, row: head?.row ?? 1, field: COLS[k][0], message: '缺少此列' });
  if (problems.length) throw new InputRejectedError(`${p.fileName}：缺少必需的列`, problems);
  const items = new Set((await db.selectFrom('policy_item').select('id').execute()).map((r) => r.id));
  const parsed: Array<{
    row: number;
    code: string;
    itemId: number;
    status: 'applied' | 'granted' | 'rejected';
    appliedOn: string | null;
    grantedOn: string | null;
    amount: number | null;
  }> = [];
  const cell = (r: string[], i: number) => (i < 0 ? '' : (r[i] ?? '').trim());
  for (const { cells: r, row } of body) {
    const at = (field: string, message: string) => problems.push({ file: p.fileName, row, field, message });
    const cc = checkCreditCode(cell(r, idx.code));
    if (!cc.valid) at('统一社会信用代码', cc.reason!);
    const itemId = Number(cell(r, idx.item));
    if (!items.has(itemId)) at('事项编号', `“${cell(r, idx.item)}”不是平台上的政策事项编号`);
    const status = STATUS[cell(r, idx.status)];
    if (!status) at('状态', `“${cell(r, idx.status)}”应为 已申报/已兑现/未通过`);
    const date = (i: number, f: string) => {
      const v = cell(r, i)
        .replace(/[/.]/g, '-')
        .replace(/-(\d)(?=-|$)/g, '-0$1');
      if (!v) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        at(f, `“${v}”不是 YYYY-MM-DD 日期`);
        return null;
      }
      return v;
    };
    const appliedOn = date(idx.appliedOn, '申报日期'),
      grantedOn = date(idx.grantedOn, '兑现日期');
    const a = cell(r, idx.amount);
    const amount = a === '' ? null : Number(a);
    if (amount !== null && !(amount >= 0)) at('兑现金额', `“${a}”不是非负数`);
    parsed.push({ row, code: cc.code, itemId, status: status!, appliedOn, grantedOn, amount });
  }
  const firms = await enterpriseIdsByCreditCode(db, [...new Set(parsed.map((x) => x.code))]);
  for (const x of parsed) {
    if (!firms.has(x.code) && !problems.some((pr) => pr.row === x.row && pr.field === '统一社会信用代码'))
      problems.push({ file: p.fileName, row: x.row, field: '统一社会信用代码', message: `企业库中没有 ${x.code}` });
  }
  if (problems.length) throw new InputRejectedError(`${p.fileName}：${problems.length} 处错误，未导入任何数据`, problems);
  let changed = 0;
  await db.transaction().execute(async (trx) => {
    for (const x of parsed) {
      const v = { status: x.status, applied_on: x.appliedOn, granted_on: x.grantedOn, granted_amount: x.amount, recorded_by: p.actor, updated_at: new Date() };
      const r = await trx
        .insertInto('policy_application')
        .values({ enterprise_id: firms.get(x.code)!, item_id: x.itemId, ...v })
        .onConflict((oc) =>
          oc
            .columns(['enterprise_id', 'item_id'])
            .doUpdateSet(v)
            .where((eb) =>
              eb.or([
                eb('policy_application.status', 'is distinct from', x.status),
                eb('policy_application.applied_on', 'is distinct from', x.appliedOn),
                eb('policy_application.granted_on', 'is distinct from', x.grantedOn),
                eb('policy_application.granted_amount', 'is distinct from', x.amount),
              ]),
            ),
        )
        .executeTakeFirst();
      changed += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    if (changed)
      await recordAudit(trx, {
        actor: p.actor,
        action: 'policy.application.import',
        entity: 'policy_application',
        after: { file: p.fileName, rows: parsed.length, changed },
      });
  });
  return { rows: parsed.length, changed };
}
