/**
 * Today in China (UTC+8), whatever the browser's time zone: the same rule as the server's
 * `chinaToday` (src/calendar), imported from its pure core so that there is one definition.
 */
export { chinaToday } from '../../../src/calendar/core/dates.js';
