import type { GateSettings, TopicSnapshot, WaivableGate } from '@yishi/procedure';
import type { DepartmentRef } from '@yishi/protocol';
import type { Repositories } from '../store/store.js';
import type { MeetingRow } from '../store/meetings.repo.js';
import type { ForwardRow, ForwardsRepository } from '../store/forwards.repo.js';
import type { TopicRow, TopicsRepository } from '../store/topics.repo.js';
import { draftDocName, draftHasText } from './draft-doc.js';

/** Everything stored about a topic, loaded once, from which both the snapshot and the view are made. */
export interface TopicRecord {
  topic: TopicRow;
  settings: GateSettings;
  vetting: Awaited<ReturnType<TopicsRepository['vetting']>>;
  participants: Awaited<ReturnType<TopicsRepository['participants']>>;
  research: Awaited<ReturnType<TopicsRepository['research']>>;
  meetings: (MeetingRow & { distinctSpeakers: number; answeredBy: string[] })[];
  /** Participants who take part as officials of a department. */
  officials: string[];
  /** The departments the outcome is addressed to, by name. */
  recipients: DepartmentRef[];
  answer: Awaited<ReturnType<TopicsRepository['answer']>>;
  ratings: Awaited<ReturnType<TopicsRepository['ratings']>>;
  transitions: Awaited<ReturnType<TopicsRepository['transitions']>>;
  draftNonEmpty: boolean;
  /** The case the topic was published as. */
  caseId: string | null;
  /** The proposal the topic was opened from. */
  proposal: { id: string; number: string | null; title: string } | null;
  /** The hops that brought this dossier here, the first first (empty for a topic proposed here). */
  provenance: ForwardRow[];
  /** Where it was forwarded from here, with the dossier's title and stage there. */
  forwarded: Awaited<ReturnType<ForwardsRepository['sentFrom']>>;
}

export async function loadTopicRecord(
  repos: Pick<Repositories, 'topics' | 'meetings' | 'docs' | 'cases' | 'proposals' | 'forwards'>,
  topic: TopicRow,
  settings: GateSettings,
): Promise<TopicRecord> {
  const { topics, meetings, docs, cases, proposals, forwards } = repos;
  const [
    vetting,
    participants,
    officials,
    research,
    meetingRows,
    answerers,
    recipients,
    answer,
    ratings,
    transitions,
    draft,
    published,
    proposal,
    provenance,
    forwarded,
  ] = await Promise.all([
    topics.vetting(topic.id),
    topics.participants(topic.id),
    topics.officialParticipants(topic.id),
    topics.research(topic.id),
    meetings.forTopic(topic.id),
    meetings.answerersForTopic(topic.id),
    topics.recipientDepartments(topic.id),
    topics.answer(topic.id, topic.round),
    topics.ratings(topic.id, topic.round),
    topics.transitions(topic.id),
    docs.load(draftDocName(topic.id)),
    cases.idForTopic(topic.id),
    proposals.ofTopic(topic.id),
    forwards.provenance(topic.id),
    forwards.sentFrom(topic.id),
  ]);
  return {
    topic,
    settings,
    vetting,
    participants,
    officials,
    research,
    meetings: meetingRows.map((m) => ({
      ...m,
      answeredBy: answerers.filter((a) => a.meetingId === m.id).map((a) => a.speakerId),
    })),
    recipients,
    answer,
    ratings,
    transitions,
    draftNonEmpty: draftHasText(draft),
    caseId: published ?? null,
    proposal: proposal ?? null,
    provenance,
    forwarded,
  };
}

/** The procedure's view of a topic: only what its gates read. */
export function toSnapshot(record: TopicRecord): TopicSnapshot {
  const vettingOf = (question: 'relevance' | 'remit') => {
    const row = record.vetting.find((v) => v.question === question);
    return row
      ? { answer: row.answer === 1, reason: row.reason, decidedBy: row.decidedBy, decidedAt: row.decidedAt }
      : null;
  };
  const { topic } = record;
  return {
    id: topic.id,
    stage: topic.stage,
    vetting: { relevance: vettingOf('relevance'), remit: vettingOf('remit') },
    participants: record.participants.map((p) => ({
      userId: p.userId,
      assessment: p.assessment,
      official: record.officials.includes(p.userId),
    })),
    researchReports: record.research.length,
    meetings: record.meetings.map((m) => ({
      id: m.id,
      status: m.status,
      distinctSpeakers: m.distinctSpeakers,
      answeredBy: m.answeredBy,
    })),
    outcome: {
      form: topic.outcomeForm,
      recipients: record.recipients.map((d) => d.id),
      dueDate: topic.dueDate,
      partyContactId: topic.partyContactId,
      draftNonEmpty: record.draftNonEmpty,
    },
    answer: record.answer ? { decision: record.answer.decision, answeredBy: record.answer.answeredBy } : null,
    ratings: record.ratings.map((r) => ({ kind: r.kind, score: r.score, ratedBy: r.ratedBy })),
    settings: record.settings,
    waived: waivedThisRound(record.transitions),
  };
}

/** The exceptions made since the consultation last reopened: a new round is held to every gate again. */
function waivedThisRound(transitions: TopicRecord['transitions']): WaivableGate[] {
  const reopened = transitions.findLastIndex((t) => t.fromStage === 'feedback' && t.toStage === 'consultation');
  return [...new Set(transitions.slice(reopened + 1).flatMap((t) => t.waived))];
}
