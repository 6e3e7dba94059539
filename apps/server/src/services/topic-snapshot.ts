import type { GateSettings, TopicSnapshot } from '@yishi/procedure';
import type { Repositories } from '../store/store.js';
import type { MeetingRow } from '../store/meetings.repo.js';
import type { TopicRow, TopicsRepository } from '../store/topics.repo.js';
import { draftDocName, draftHasText } from './draft-doc.js';

/** Everything stored about a topic, loaded once, from which both the snapshot and the view are made. */
export interface TopicRecord {
  topic: TopicRow;
  settings: GateSettings;
  vetting: Awaited<ReturnType<TopicsRepository['vetting']>>;
  participants: Awaited<ReturnType<TopicsRepository['participants']>>;
  research: Awaited<ReturnType<TopicsRepository['research']>>;
  meetings: (MeetingRow & { distinctSpeakers: number })[];
  recipients: string[];
  answer: Awaited<ReturnType<TopicsRepository['answer']>>;
  ratings: Awaited<ReturnType<TopicsRepository['ratings']>>;
  transitions: Awaited<ReturnType<TopicsRepository['transitions']>>;
  draftNonEmpty: boolean;
  /** The case the topic was published as. */
  caseId: string | null;
}

export async function loadTopicRecord(
  repos: Pick<Repositories, 'topics' | 'meetings' | 'docs' | 'cases'>,
  topic: TopicRow,
  settings: GateSettings,
): Promise<TopicRecord> {
  const { topics, meetings, docs, cases } = repos;
  const [vetting, participants, research, meetingRows, recipients, answer, ratings, transitions, draft, published] =
    await Promise.all([
      topics.vetting(topic.id),
      topics.participants(topic.id),
      topics.research(topic.id),
      meetings.forTopic(topic.id),
      topics.recipients(topic.id),
      topics.answer(topic.id, topic.round),
      topics.ratings(topic.id, topic.round),
      topics.transitions(topic.id),
      docs.load(draftDocName(topic.id)),
      cases.idForTopic(topic.id),
    ]);
  return {
    topic,
    settings,
    vetting,
    participants,
    research,
    meetings: meetingRows,
    recipients,
    answer,
    ratings,
    transitions,
    draftNonEmpty: draftHasText(draft),
    caseId: published ?? null,
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
    participants: record.participants.map((p) => ({ userId: p.userId, assessment: p.assessment })),
    researchReports: record.research.length,
    meetings: record.meetings.map((m) => ({ id: m.id, status: m.status, distinctSpeakers: m.distinctSpeakers })),
    outcome: {
      form: topic.outcomeForm,
      recipients: record.recipients,
      dueDate: topic.dueDate,
      partyContactId: topic.partyContactId,
      draftNonEmpty: record.draftNonEmpty,
    },
    answer: record.answer ? { decision: record.answer.decision, answeredBy: record.answer.answeredBy } : null,
    ratings: record.ratings.map((r) => ({ kind: r.kind, score: r.score, ratedBy: r.ratedBy })),
    settings: record.settings,
  };
}
