export * from './types.js';
export * from './flow.js';
export * from './proposals.js';
export * from './handling.js';
export * from './queries.js';
export * from './opinions.js';
export * from './score.js';
export * from './notices.js';
export { isCalendarDate } from './outcome.js';
