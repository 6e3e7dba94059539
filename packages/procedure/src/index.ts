export * from './types.js';
export * from './stages.js';
export * from './gates.js';
export * from './transitions.js';
export * from './advance.js';
export * from './steps.js';
export * from './capabilities.js';
