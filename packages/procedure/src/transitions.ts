import type { GateCode, Stage, TopicRole } from './types.js';

/** What the server must do beyond recording the stage change; each becomes a ProcedureEvent. */
export type TransitionEffect = 'draft_frozen' | 'round_started';

/** What a transition means to the people running the topic: names the button and the messages. */
export type TransitionAction =
  | 'start_vetting'
  | 'accept'
  | 'reject'
  | 'start_consultation'
  | 'start_drafting'
  | 'deliver'
  | 'record_answer'
  | 'close'
  | 'reopen'
  | 'withdraw';

/** One edge of the stage machine: who may take it, and what must hold first. */
export interface Transition {
  from: Stage;
  to: Stage;
  action: TransitionAction;
  /** The actor needs at least one of these. */
  roles: readonly TopicRole[];
  /** All must hold; a refusal lists the unmet ones in this order. */
  gates: readonly GateCode[];
  reasonRequired: boolean;
  effects: readonly TransitionEffect[];
}

const runners: readonly TopicRole[] = ['chair', 'secretariat'];

const edge = (
  from: Stage,
  to: Stage,
  action: TransitionAction,
  gates: readonly GateCode[] = [],
  extra: Partial<Pick<Transition, 'roles' | 'reasonRequired' | 'effects'>> = {},
): Transition => ({ from, to, action, roles: runners, gates, reasonRequired: false, effects: [], ...extra });

/**
 * Withdrawal is open to whoever runs the topic until delivery; the proposer may take their own topic
 * back only while it is still being vetted, before the body has invested work in it.
 */
const withdrawals: Transition[] = (['proposed', 'vetting', 'preparation', 'consultation', 'drafting'] as const).map(
  (from) =>
    edge(from, 'withdrawn', 'withdraw', [], {
      roles: from === 'proposed' || from === 'vetting' ? [...runners, 'proposer'] : runners,
      reasonRequired: true,
    }),
);

/**
 * The whole stage machine (docs/design.md). Anything not listed is refused; closed, rejected and
 * withdrawn have no outgoing edge.
 */
export const transitions: readonly Transition[] = [
  edge('proposed', 'vetting', 'start_vetting'),
  edge('vetting', 'preparation', 'accept', ['relevance_yes', 'remit_yes']),
  edge('vetting', 'rejected', 'reject', ['vetting_has_no'], { reasonRequired: true }),
  edge('preparation', 'consultation', 'start_consultation', [
    'participant_assessed',
    'participants_all_noted',
    'research_report',
  ]),
  edge('consultation', 'drafting', 'start_drafting', ['meeting_with_speakers', 'official_exchange', 'no_open_meeting']),
  edge('drafting', 'delivered', 'deliver', ['outcome_form_set', 'draft_not_empty', 'recipients_set', 'due_date_set'], {
    effects: ['draft_frozen'],
  }),
  // The server takes this edge on the recipient's behalf right after storing their answer.
  edge('delivered', 'feedback', 'record_answer', ['answer_recorded'], { roles: ['recipient'] }),
  edge('feedback', 'closed', 'close', ['answer_recorded', 'chair_rating', 'party_contact_rating']),
  // An unsatisfying answer sends the topic back for another round; only the chair decides that.
  edge('feedback', 'consultation', 'reopen', [], {
    roles: ['chair'],
    reasonRequired: true,
    effects: ['round_started'],
  }),
  ...withdrawals,
];

/** The edge from one stage to another, if there is one. */
export function findTransition(from: Stage, to: Stage): Transition | undefined {
  return transitions.find((t) => t.from === from && t.to === to);
}

/** The edges leaving a stage, in table order. */
export function transitionsFrom(from: Stage): Transition[] {
  return transitions.filter((t) => t.from === from);
}
