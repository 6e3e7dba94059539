import {
  availableTransitions,
  canOpenMeeting,
  steps,
  type AnswerDecision,
  type RaterKind,
  type Stage,
} from '@yishi/procedure';
import type { Member, OrgLevel, PersonRef, TopicDetail, TopicPermissions, TopicSummary } from '@yishi/protocol';
import type { TopicRow } from '../store/topics.repo.js';
import { raterKinds, type TopicAccess } from './topic-access.js';
import { allows, type TopicAction } from '@yishi/procedure';
import { toSnapshot, type TopicRecord } from './topic-snapshot.js';

type Names = ReadonlyMap<string, string>;

const person = (names: Names, id: string): PersonRef => ({ id, displayName: names.get(id) ?? '?' });

/** Every account a topic's view names, so that their display names can be fetched in one query. */
export function namedIn(record: TopicRecord): string[] {
  return [
    record.topic.proposerId,
    ...(record.topic.partyContactId ? [record.topic.partyContactId] : []),
    ...record.vetting.map((v) => v.decidedBy),
    ...record.research.map((r) => r.createdBy),
    ...(record.answer ? [record.answer.answeredBy] : []),
    ...record.ratings.map((r) => r.ratedBy),
    ...record.transitions.map((t) => t.actorId),
    ...record.provenance.map((h) => h.forwardedBy),
    ...record.forwarded.map((f) => f.forwardedBy),
  ];
}

export function topicSummary(topic: TopicRow, org: { name: string; level: OrgLevel }, names: Names): TopicSummary {
  return {
    id: topic.id,
    orgId: topic.orgId,
    orgName: org.name,
    level: org.level,
    title: topic.title,
    summary: topic.summary,
    tags: topic.tags,
    stage: topic.stage,
    proposer: person(names, topic.proposerId),
    year: new Date(topic.createdAt).getUTCFullYear(),
    createdAt: topic.createdAt,
    updatedAt: topic.updatedAt,
  };
}

/**
 * Whether the actor may forward the topic to the parent organisation or a child (上报 / 交办): its
 * chair or secretariat (or those above), in any stage but withdrawn.
 */
export function mayForward(access: TopicAccess): boolean {
  return (access.roles.has('chair') || access.roles.has('secretariat')) && access.topic.stage !== 'withdrawn';
}

/** What the actor may do now; the UI shows controls by it, the server checks again on each request. */
export function permissionsOf(access: TopicAccess, caseId: string | null): TopicPermissions {
  const may = (action: TopicAction) => allows(action, access.roles, access.topic.stage);
  return {
    vet: may('vet'),
    manageParticipants: may('manageParticipants'),
    addResearch: may('addResearch'),
    manageMeetings: may('scheduleMeeting'),
    editAgenda: may('editAgenda'),
    readDraft: may('readDraft'),
    writeDraft: may('writeDraft'),
    nameDraftVersion: may('nameDraftVersion'),
    setOutcome: may('setOutcome'),
    answer: may('answer'),
    rate: raterKinds(access),
    publish: may('publishCase') && caseId === null,
    forward: mayForward(access),
  };
}

export function topicDetail(
  record: TopicRecord,
  access: TopicAccess,
  org: { name: string; level: OrgLevel },
  members: readonly Member[],
  names: Names,
): Omit<TopicDetail, 'forwardTargets'> {
  const snapshot = toSnapshot(record);
  const vettingView = (question: 'relevance' | 'remit') => {
    const row = record.vetting.find((v) => v.question === question);
    return row
      ? {
          answer: row.answer === 1,
          reason: row.reason,
          decidedBy: person(names, row.decidedBy),
          decidedAt: row.decidedAt,
        }
      : null;
  };
  const memberOf = new Map(members.map((m) => [m.userId, m]));
  return {
    ...topicSummary(record.topic, org, names),
    round: record.topic.round,
    vetting: { relevance: vettingView('relevance'), remit: vettingView('remit') },
    participants: record.participants.map((p) => {
      const m = memberOf.get(p.userId);
      return {
        userId: p.userId,
        displayName: m?.user.displayName ?? '?',
        role: m?.role ?? 'member',
        sector: m?.sector ?? null,
        expertise: m?.expertise ?? [],
        assessment: p.assessment,
        addedAt: p.addedAt,
      };
    }),
    research: record.research.map((r) => ({
      id: r.id,
      title: r.title,
      authors: r.authors,
      summary: r.summary,
      body: r.body,
      date: r.reportDate,
      createdBy: person(names, r.createdBy),
      createdAt: r.createdAt,
    })),
    meetings: record.meetings.map((m) => ({
      id: m.id,
      topicId: m.topicId,
      title: m.title,
      startsAt: m.startsAt,
      status: m.status,
      openedAt: m.openedAt,
      endedAt: m.endedAt,
      distinctSpeakers: m.distinctSpeakers,
      form: m.form,
      mode: m.mode,
      place: m.place,
      location: m.location,
      video: m.video,
    })),
    outcome: {
      form: record.topic.outcomeForm,
      recipients: record.recipients,
      dueDate: record.topic.dueDate,
      partyContact: record.topic.partyContactId ? person(names, record.topic.partyContactId) : null,
      draftNonEmpty: record.draftNonEmpty,
    },
    feedback: {
      answer: record.answer
        ? {
            decision: record.answer.decision as AnswerDecision,
            measures: record.answer.measures,
            reason: record.answer.reason,
            answeredBy: person(names, record.answer.answeredBy),
            answeredAt: record.answer.answeredAt,
          }
        : null,
      ratings: record.ratings.map((r) => ({
        kind: r.kind as RaterKind,
        score: r.score,
        comment: r.comment,
        ratedBy: person(names, r.ratedBy),
        ratedAt: r.ratedAt,
      })),
    },
    history: record.transitions.map((t) => ({
      id: t.id,
      from: t.fromStage as Stage,
      to: t.toStage as Stage,
      actor: person(names, t.actorId),
      reason: t.reason,
      at: t.at,
      waived: t.waived,
    })),
    steps: steps(snapshot),
    next: availableTransitions(snapshot, access.procedureActor),
    permissions: permissionsOf(access, record.caseId),
    meetingGate: canOpenMeeting(snapshot),
    caseId: record.caseId,
    proposal: record.proposal,
    provenance: record.provenance.map((h) => ({
      fromTopicId: h.fromTopicId,
      fromOrg: h.fromOrg,
      toOrg: h.toOrg,
      direction: h.direction,
      by: person(names, h.forwardedBy),
      at: h.forwardedAt,
      note: h.note,
    })),
    forwarded: record.forwarded.map((f) => ({
      topicId: f.toTopicId,
      org: f.toOrg,
      direction: f.direction,
      title: f.title,
      stage: f.stage,
      by: person(names, f.forwardedBy),
      at: f.forwardedAt,
      note: f.note,
    })),
    settings: record.settings,
  };
}
