/**
 * Request numbers, e.g. 渝中诉〔2026〕000123号: the district's code (渝中) with 诉, the year of filing in 〔〕 (as GB/T
 * 9704-2012 7.2.4 writes a year in a document number) and a six-digit serial that restarts every year. Unlike a
 * 发文字号 the serial is zero-padded: a work-order number is read out on the phone and typed into a search box,
 * and fixed width keeps it unambiguous and sortable (the 12345 work orders are fixed-width too).
 */
export const REQUEST_PREFIX = '渝中诉';

export function requestNumber(year: number, seq: number, prefix = REQUEST_PREFIX): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`sequence ${seq}`);
  return `${prefix}〔${year}〕${String(seq).padStart(6, '0')}号`;
}

/** The parts of a number typed by a person (full-width or half-width brackets, with or without 号 and zeros). */
export function parseRequestNumber(text: string): { year: number; seq: number } | null {
  const m = /〔\s*(\d{4})\s*〕\s*0*(\d{1,6})\s*号?\s*$|[[(（]\s*(\d{4})\s*[\])）]\s*0*(\d{1,6})\s*号?\s*$/u.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1] ?? m[3]);
  const seq = Number(m[2] ?? m[4]);
  return seq >= 1 ? { year, seq } : null;
}
