/**
 * Topics and actors for the procedure's tests. Kept out of the build (tsconfig excludes src/test):
 * the server builds real snapshots from its store, never from these.
 */
import { defaultGateSettings, TopicRoles } from '../types.js';
import type { GateCode, ProcedureActor, Stage, TopicRole, TopicSnapshot, VettingAnswer } from '../types.js';

export const now = '2025-03-01T09:00:00.000Z';

/** Every role an actor can hold on a topic. */
export const allRoles: readonly TopicRole[] = TopicRoles;

export function actor(...roles: TopicRole[]): ProcedureActor {
  return { userId: 'u-actor', roles: new Set(roles) };
}

export function vettingAnswer(answer: boolean): VettingAnswer {
  return { answer, reason: answer ? 'fits' : 'does not fit', decidedBy: 'u-chair', decidedAt: now };
}

/** A topic with nothing recorded yet. */
export function blankTopic(stage: Stage = 'proposed'): TopicSnapshot {
  return {
    id: 't-1',
    stage,
    vetting: { relevance: null, remit: null },
    participants: [],
    researchReports: 0,
    meetings: [],
    outcome: { form: null, recipients: [], dueDate: null, partyContactId: null, draftNonEmpty: false },
    answer: null,
    ratings: [],
    settings: { ...defaultGateSettings },
    waived: [],
  };
}

/** A topic where every gate holds, except vetting_has_no (the opposite of both yes answers). */
export function readyTopic(stage: Stage = 'consultation'): TopicSnapshot {
  return {
    ...blankTopic(stage),
    vetting: { relevance: vettingAnswer(true), remit: vettingAnswer(true) },
    participants: [
      { userId: 'u-expert', assessment: 'Hydrologist, twenty years with the river authority', official: false },
      { userId: 'u-official', assessment: 'Deputy director of the water bureau', official: true },
    ],
    researchReports: 1,
    meetings: [
      { id: 'm-1', status: 'ended', distinctSpeakers: 2, answeredBy: ['u-official'] },
      { id: 'm-2', status: 'scheduled', distinctSpeakers: 0, answeredBy: [] },
    ],
    outcome: {
      form: 'recommendation',
      recipients: ['u-official'],
      dueDate: '2025-06-30',
      partyContactId: 'u-contact',
      draftNonEmpty: true,
    },
    answer: { decision: 'partly_adopted', answeredBy: 'u-official' },
    ratings: [
      { kind: 'chair', score: 4, ratedBy: 'u-chair' },
      { kind: 'party_contact', score: 5, ratedBy: 'u-contact' },
    ],
  };
}

/** A topic at `stage` where all of `codes` hold. */
export function satisfying(stage: Stage, codes: readonly GateCode[]): TopicSnapshot {
  const topic = readyTopic(stage);
  if (codes.includes('vetting_has_no')) topic.vetting.remit = vettingAnswer(false);
  return topic;
}

/**
 * For each gate, a change that makes it fail and leaves the other gates of any transition holding.
 * Applied in table order they compose: breaking both participant gates leaves one unnoted
 * participant, which fails both.
 */
export const breakers: Readonly<Record<GateCode, (topic: TopicSnapshot) => TopicSnapshot>> = {
  relevance_yes: (t) => ({ ...t, vetting: { ...t.vetting, relevance: vettingAnswer(false) } }),
  remit_yes: (t) => ({ ...t, vetting: { ...t.vetting, remit: null } }),
  vetting_has_no: (t) => ({ ...t, vetting: { relevance: vettingAnswer(true), remit: vettingAnswer(true) } }),
  participant_assessed: (t) => ({ ...t, participants: [] }),
  participants_all_noted: (t) => ({
    ...t,
    participants: [...t.participants, { userId: 'u-new', assessment: '  ', official: false }],
  }),
  research_report: (t) => ({ ...t, researchReports: 0 }),
  meeting_with_speakers: (t) => ({
    ...t,
    meetings: t.meetings.map((m) => (m.status === 'ended' ? { ...m, distinctSpeakers: 1 } : m)),
  }),
  // Officials took part, but none answered or replied in an ended meeting.
  official_exchange: (t) => ({
    ...t,
    participants: t.participants.some((p) => p.official)
      ? t.participants
      : [...t.participants, { userId: 'u-official-2', assessment: 'Head of the transport bureau', official: true }],
    meetings: t.meetings.map((m) => (m.status === 'ended' ? { ...m, answeredBy: [] } : m)),
    waived: [],
  }),
  no_open_meeting: (t) => ({
    ...t,
    meetings: [...t.meetings, { id: 'm-open', status: 'open', distinctSpeakers: 3, answeredBy: [] }],
  }),
  outcome_form_set: (t) => ({ ...t, outcome: { ...t.outcome, form: null } }),
  draft_not_empty: (t) => ({ ...t, outcome: { ...t.outcome, draftNonEmpty: false } }),
  recipients_set: (t) => ({ ...t, outcome: { ...t.outcome, recipients: [] } }),
  due_date_set: (t) => ({ ...t, outcome: { ...t.outcome, dueDate: null } }),
  answer_recorded: (t) => ({ ...t, answer: null }),
  chair_rating: (t) => ({ ...t, ratings: t.ratings.filter((r) => r.kind !== 'chair') }),
  party_contact_rating: (t) => ({ ...t, ratings: t.ratings.filter((r) => r.kind !== 'party_contact') }),
  stage_consultation: (t) => ({ ...t, stage: t.stage === 'consultation' ? 'preparation' : t.stage }),
};
