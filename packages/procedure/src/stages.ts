import type { Stage } from './types.js';

/** The main line of the procedure in order (docs/design.md); `rejected` and `withdrawn` are side exits off it. */
export const ProcedureLine = [
  'proposed',
  'vetting',
  'preparation',
  'consultation',
  'drafting',
  'delivered',
  'feedback',
  'closed',
] as const satisfies readonly Stage[];

/** Stages nothing leaves: the topic's story is over. */
export const TerminalStages = ['closed', 'rejected', 'withdrawn'] as const satisfies readonly Stage[];

/**
 * Position of a stage on the main line (proposed 0 … closed 7), so "at or past consultation" is a
 * comparison. The side exits are not on the line and answer -1, which is before everything: a
 * rejected or withdrawn topic has no work left that is "at or past" any stage.
 */
export function stageIndex(stage: Stage): number {
  return (ProcedureLine as readonly Stage[]).indexOf(stage);
}

/** Whether nothing can leave this stage (closed, rejected, withdrawn). */
export function isTerminal(stage: Stage): boolean {
  return (TerminalStages as readonly Stage[]).includes(stage);
}
