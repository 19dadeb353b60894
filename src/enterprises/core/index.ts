export * from './credit-code.js';
export * from './industry.js';
export * from './size.js';
export * from './profile.js';
export * from './access.js';
export { DISTRICT_STREETS } from './streets.js';
