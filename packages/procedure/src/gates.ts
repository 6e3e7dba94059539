import type { GateCode, TopicSnapshot, UnmetGate } from './types.js';

/** One named gate: a predicate over a topic and what to tell the chair when it does not hold. */
export interface Gate {
  code: GateCode;
  holds(topic: TopicSnapshot): boolean;
  /** Plain words for a chair; may quote the topic's own thresholds, so it takes the topic too. */
  message(topic: TopicSnapshot): string;
}

const noted = (participant: { assessment: string }): boolean => participant.assessment.trim().length > 0;

const hasRating = (topic: TopicSnapshot, kind: 'chair' | 'party_contact'): boolean =>
  topic.ratings.some((rating) => rating.kind === kind);

const researchMessage = (topic: TopicSnapshot): string => {
  const { researchReports: have } = topic;
  const need = topic.settings.minResearchReports;
  const count = have === 0 ? 'No research report yet' : `Only ${have} of the ${need} research reports needed so far`;
  return `${count} — no research, no consultation (不调研不协商)`;
};

const definitions: { [C in GateCode]: Omit<Gate, 'code'> } = {
  relevance_yes: {
    holds: (t) => t.vetting.relevance?.answer === true,
    message: () => 'The relevance question (问一) has not been answered yes',
  },
  remit_yes: {
    holds: (t) => t.vetting.remit?.answer === true,
    message: () => 'The remit question (问二) has not been answered yes',
  },
  vetting_has_no: {
    holds: (t) => t.vetting.relevance?.answer === false || t.vetting.remit?.answer === false,
    message: () => 'A topic is rejected only when the relevance (问一) or remit (问二) question has been answered no',
  },
  participant_assessed: {
    holds: (t) => t.participants.some(noted),
    message: () => 'No participant has been assessed yet (要一)',
  },
  participants_all_noted: {
    // An empty list passes: having nobody at all is participant_assessed's complaint, not this one's.
    holds: (t) => t.participants.every(noted),
    message: (t) => {
      const missing = t.participants.filter((p) => !noted(p)).length;
      return `Every participant needs an assessment note (${missing} still missing)`;
    },
  },
  research_report: {
    holds: (t) => t.researchReports >= t.settings.minResearchReports,
    message: researchMessage,
  },
  meeting_with_speakers: {
    holds: (t) => t.meetings.some((m) => m.status === 'ended' && m.distinctSpeakers >= t.settings.minDistinctSpeakers),
    message: (t) =>
      `No meeting has ended with at least ${t.settings.minDistinctSpeakers} distinct speakers yet — interactive exchange (要三) is a required step`,
  },
  official_exchange: {
    holds: (t) => {
      if (!t.settings.requireOfficialExchange || t.waived.includes('official_exchange')) return true;
      const officials = new Set(t.participants.filter((p) => p.official).map((p) => p.userId));
      if (officials.size === 0) return true;
      return t.meetings.some((m) => m.status === 'ended' && m.answeredBy.some((id) => officials.has(id)));
    },
    message: () =>
      'No official of the departments concerned has answered a question or replied to a speech in a meeting yet — ' +
      'interactive exchange (要三) needs one, or the chair records why there was none',
  },
  no_open_meeting: {
    holds: (t) => t.meetings.every((m) => m.status !== 'open'),
    message: () => 'A meeting is still open; close it before the topic leaves consultation',
  },
  outcome_form_set: {
    holds: (t) => t.outcome.form !== null,
    message: () => 'The form of the outcome (明一) has not been chosen',
  },
  draft_not_empty: {
    holds: (t) => t.outcome.draftNonEmpty,
    message: () => 'The outcome draft is still empty',
  },
  recipients_set: {
    holds: (t) => t.outcome.recipients.length > 0,
    message: () => 'No department has been named to apply the outcome (明二)',
  },
  due_date_set: {
    holds: (t) => t.outcome.dueDate !== null,
    message: () => 'No due date has been set for the answer of the receiving departments',
  },
  answer_recorded: {
    holds: (t) => t.answer !== null,
    message: () => 'The receiving department has not answered yet (明三)',
  },
  chair_rating: {
    holds: (t) => hasRating(t, 'chair'),
    message: () => 'The chair has not rated the answer yet (主席得意)',
  },
  party_contact_rating: {
    holds: (t) => hasRating(t, 'party_contact'),
    message: () => "The party committee's contact has not rated the answer yet (书记满意)",
  },
  stage_consultation: {
    holds: (t) => t.stage === 'consultation',
    message: () => 'Meetings can open only while the topic is in consultation',
  },
};

/** Every gate by its code. The transition table and the stepper refer to gates only by code. */
export const gates: Readonly<Record<GateCode, Gate>> = Object.fromEntries(
  Object.entries(definitions).map(([code, gate]) => [code, { code, ...gate }]),
) as Record<GateCode, Gate>;

/** Whether one gate holds for the topic. */
export function gateHolds(topic: TopicSnapshot, code: GateCode): boolean {
  return gates[code].holds(topic);
}

/** The gates among `codes` that do not hold, in the order given, each with its message. */
export function unmetGates(topic: TopicSnapshot, codes: readonly GateCode[]): UnmetGate[] {
  return codes
    .filter((code) => !gates[code].holds(topic))
    .map((code) => ({ code, message: gates[code].message(topic) }));
}
