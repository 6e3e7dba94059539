export * from './constants.js';
export * from './errors.js';
export * from './schemas.js';
export * from './models.js';
export * from './events.js';
export * from './topics.js';
export * from './room.js';
export * from './cases.js';
