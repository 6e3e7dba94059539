import { unmetGates } from './gates.js';
import { stageIndex } from './stages.js';
import type { GateCode, Stage, StepState, StepStatus, TopicSnapshot, UnmetGate } from './types.js';

/** One of the 8 steps: what it checks, and the stage where its work is done. */
export interface StepDefinition {
  step: StepState['step'];
  key: StepState['key'];
  phase: StepState['phase'];
  gates: readonly GateCode[];
  /** From this stage on (along the main line) the step can be worked on. */
  workStage: Stage;
}

/** The 8 steps of 两问·三要·三明确 (docs/design.md), in order. */
export const stepDefinitions: readonly StepDefinition[] = [
  { step: 1, key: 'relevance', phase: 'before', gates: ['relevance_yes'], workStage: 'vetting' },
  { step: 2, key: 'remit', phase: 'before', gates: ['remit_yes'], workStage: 'vetting' },
  {
    step: 3,
    key: 'participants',
    phase: 'during',
    gates: ['participant_assessed', 'participants_all_noted'],
    workStage: 'preparation',
  },
  { step: 4, key: 'research', phase: 'during', gates: ['research_report'], workStage: 'preparation' },
  {
    step: 5,
    key: 'interaction',
    phase: 'during',
    gates: ['meeting_with_speakers', 'official_exchange'],
    workStage: 'consultation',
  },
  {
    step: 6,
    key: 'outcome_form',
    phase: 'after',
    gates: ['outcome_form_set', 'draft_not_empty'],
    workStage: 'drafting',
  },
  { step: 7, key: 'application', phase: 'after', gates: ['recipients_set', 'due_date_set'], workStage: 'drafting' },
  {
    step: 8,
    key: 'assessment',
    phase: 'after',
    gates: ['answer_recorded', 'chair_rating', 'party_contact_rating'],
    workStage: 'delivered',
  },
];

/** A "no" to a vetting question cannot be fixed by more work, only by changing the answer. */
function answeredNo(topic: TopicSnapshot, key: StepState['key']): boolean {
  if (key === 'relevance') return topic.vetting.relevance?.answer === false;
  if (key === 'remit') return topic.vetting.remit?.answer === false;
  return false;
}

function statusOf(topic: TopicSnapshot, definition: StepDefinition, unmet: UnmetGate[]): StepStatus {
  if (unmet.length === 0) return 'done';
  if (answeredNo(topic, definition.key)) return 'blocked';
  // Side exits sit at -1 on the line, so a rejected or withdrawn topic has no open step.
  return stageIndex(topic.stage) >= stageIndex(definition.workStage) ? 'open' : 'blocked';
}

/**
 * The stepper: each step is done when its gates hold, open when the topic has reached the stage
 * where its work happens, and blocked otherwise (too early, answered no, or the topic has left the
 * procedure).
 */
export function steps(topic: TopicSnapshot): StepState[] {
  return stepDefinitions.map((definition) => {
    const unmet = unmetGates(topic, definition.gates);
    return {
      step: definition.step,
      key: definition.key,
      phase: definition.phase,
      status: statusOf(topic, definition, unmet),
      unmet,
    };
  });
}
