/** The applications part of the core (one line in core/index.ts): lifecycle, deadlines, consent, events, figures. */
export * from './application-lifecycle.js';
export * from './application-deadlines.js';
export * from './consent.js';
export * from './events.js';
export * from './application-figures.js';
