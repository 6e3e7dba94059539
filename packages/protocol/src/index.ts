export * from './errors.js';
export * from './schemas.js';
export * from './models.js';
export * from './events.js';

/** The name of the session cookie (DESIGN.md §4). */
export const SESSION_COOKIE = 'yishi_sid';
