import type { EntryRef, PlaceReason, QueueEvent, QueueState, SpeechKind } from './types.js';

/** The entry or turn a record is about: whose it is and what kind. */
export interface LoggedTurn extends EntryRef {
  kind: SpeechKind;
}

/**
 * What the meeting's moderation log keeps of one queue event, so that the order of speakers can be
 * audited afterwards: why each entry was placed where it was and why each turn was given, and every
 * move, removal, pause, resumption and extension, each with who made it. `by` is a user id.
 */
export type QueueLogRecord =
  /** `by`: whose request it is (an answer the queue placed after a question is the official's). */
  | { type: 'placed'; turn: LoggedTurn; index: number; reason: PlaceReason; by: string }
  /** `reason`: why the entry was where it was when given the floor (null for a turn that never waited). */
  | { type: 'granted'; turn: LoggedTurn; reason: PlaceReason | null; outOfTurn: boolean; by: string }
  | { type: 'moved'; turn: LoggedTurn; from: number; to: number; by: string }
  | { type: 'removed' | 'withdrawn'; turn: LoggedTurn; by: string }
  | { type: 'paused' | 'resumed'; turn: LoggedTurn; by: string }
  | { type: 'time_added'; turn: LoggedTurn; seconds: number; limitSeconds: number; by: string }
  | { type: 'closed'; by: string };

export type QueueLogType = QueueLogRecord['type'];

/** The records that are the chair's or the secretariat's moderation, as the minutes list them. */
export const ModerationTypes = ['moved', 'removed', 'paused', 'resumed', 'time_added'] as const;

const loggedTurn = (turn: { userId: string; displayName: string; kind: SpeechKind }, entryId: string) => ({
  entryId,
  userId: turn.userId,
  displayName: turn.displayName,
  kind: turn.kind,
});

/**
 * The log records of one applied command: `before` is the queue the command was applied to and
 * `events` what `apply` answered. A finished turn is the speech log's, not this log's.
 */
export function logRecords(before: QueueState, events: readonly QueueEvent[]): QueueLogRecord[] {
  const entryOf = (entryId: string) => before.waiting.find((e) => e.id === entryId);
  const turnOf = (entryId: string) => {
    const entry = entryOf(entryId);
    if (entry) return loggedTurn(entry, entryId);
    if (before.current?.entryId === entryId) return loggedTurn(before.current, entryId);
    return undefined;
  };
  return events.flatMap((event): QueueLogRecord[] => {
    switch (event.type) {
      case 'entry_added':
        return [
          {
            type: 'placed',
            turn: loggedTurn(event.entry, event.entry.id),
            index: event.index,
            reason: event.entry.reason,
            by: event.entry.userId,
          },
        ];
      case 'entry_removed':
        return [{ type: event.cause, turn: loggedTurn(event.entry, event.entry.id), by: event.by }];
      case 'entry_moved': {
        const turn = turnOf(event.entryId);
        return turn ? [{ type: 'moved', turn, from: event.from, to: event.to, by: event.by }] : [];
      }
      case 'speech_started': {
        const index = before.waiting.findIndex((e) => e.id === event.current.entryId);
        return [
          {
            type: 'granted',
            turn: loggedTurn(event.current, event.current.entryId),
            reason: before.waiting[index]?.reason ?? null,
            outOfTurn: index > 0,
            by: event.by,
          },
        ];
      }
      case 'speech_paused':
      case 'speech_resumed': {
        const turn = turnOf(event.entryId);
        const type = event.type === 'speech_paused' ? 'paused' : 'resumed';
        return turn ? [{ type, turn, by: event.by }] : [];
      }
      case 'time_added': {
        const turn = turnOf(event.entryId);
        const { seconds, limitSeconds, by } = event;
        return turn ? [{ type: 'time_added', turn, seconds, limitSeconds, by }] : [];
      }
      case 'queue_closed':
        return [{ type: 'closed', by: event.by }];
      case 'speech_finished':
        return [];
    }
  });
}
