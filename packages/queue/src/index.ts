export * from './types.js';
export * from './timer.js';
export * from './state.js';
export { balanceOf, priorSpeeches } from './ordering.js';
export { MAX_ADD_SECONDS } from './floor.js';
export * from './apply.js';
export * from './log.js';
