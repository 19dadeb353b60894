import { creditClassesOn, listCreditClasses } from './credit-store.js';
import { setCreditClassSource } from './draw-store.js';

/**
 * Makes the draws stratify by the credit class in force on the draw's class date (信用分级分类, 国发〔2019〕5号
 * 二(四)): the class of each enterprise's latest record on or before that date, and the office's default class
 * (信用风险一般, 国市监信发〔2022〕6号: firms not yet classified) for firms without a record. Called once at start by
 * the server and the CLI; draw tests without it stratify everything as 未分级.
 *
 * @example
 *   useCreditClassesForDraws();
 */
export function useCreditClassesForDraws(): void {
  setCreditClassSource({
    async classOn(db, date, enterpriseIds) {
      const inForce = await creditClassesOn(db, date, enterpriseIds);
      const fallback = (await listCreditClasses(db)).find((c) => c.isDefault)?.code;
      const out = new Map<number, string>();
      for (const id of enterpriseIds) {
        const c = inForce.get(id) ?? fallback;
        if (c) out.set(id, c);
      }
      return out;
    },
    async classes(db) {
      return (await listCreditClasses(db)).map((c) => ({ code: c.code, name: c.name }));
    },
  });
}
