import { InputRejectedError } from '../shared/index.js';
import { isIsoDate } from './core/calendar.js';
import { chinaToday } from '../calendar/index.js';

/** The day of reference of a request: `?asOf=YYYY-MM-DD`, or today in China. */
export function asOfOf(q: { asOf?: string }): string {
  const v = q.asOf;
  if (v && !isIsoDate(v)) throw new InputRejectedError('日期无效', [{ field: 'asOf', message: '应为有效日期 YYYY-MM-DD' }]);
  return v || chinaToday();
}

/** The day of reference when the request gives one, else undefined (the store picks its own default). */
export function optionalAsOf(q: { asOf?: string }): string | undefined {
  return q.asOf ? asOfOf(q) : undefined;
}
