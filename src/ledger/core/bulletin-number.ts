/**
 * Numbers of issued bulletins (发文字号). GB/T 9704-2012《党政机关公文格式》7.2.4: the number is made of the
 * issuing organ's code (发文机关代字), the year and the sequence number; the year is written in full in
 * hexagonal brackets 〔〕, the sequence number without 第 and without leading zeros, followed by 号 — e.g.
 * 渝中营商通报〔2021〕3号. The sequence restarts every year (the year of issue, the year written in the number).
 *
 * The organ's code is derived from the plan's district (the 区/县 in the plan issuer's name, else in the
 * plan's title): 重庆市渝中区人民政府办公室 → 渝中 → 渝中营商通报. A plan naming no district gets 营商通报.
 */

/** The district (区/县 name without its suffix) named in the first text that names one, or ''. */
export function districtOf(...texts: string[]): string {
  for (const t of texts) {
    const m = /(?:^|[省市州])([^省市州区县\s\d]{1,4}?)(?:新区|区|县)/u.exec(t);
    if (m) return m[1]!;
  }
  return '';
}

/** The code (代字) of the bulletins of a plan: district + 营商通报. */
export function bulletinPrefix(planIssuer: string, planTitle: string): string {
  return `${districtOf(planIssuer, planTitle)}营商通报`;
}

/** The number of the `seq`-th bulletin of `year` (GB/T 9704-2012 7.2.4). */
export function bulletinNumber(prefix: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence ${seq}`);
  return `${prefix}〔${year}〕${seq}号`;
}
