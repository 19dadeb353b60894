/** The inspections' pure core (双随机、一公开): the draw algorithm and the directories' rules. See ../README.md. */
export * from './sha256.js';
export * from './stream.js';
export * from './draw.js';
export * from './directory.js';
export * from './plan.js';
export * from './recording.js';
export * from './risk.js';
