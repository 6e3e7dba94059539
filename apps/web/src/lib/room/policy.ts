/**
 * A meeting's queue settings in words a member understands: what orders the queue (see
 * packages/queue/src/ordering.ts), how many replies a speech takes, and how long each kind of turn
 * may last. Pure: it names messages, the component translates them.
 */
import { SpeechKinds, type QueueSettings, type SpeechKind } from '@yishi/queue';
import type { MessageKey, MessageVars } from '../i18n/i18n.svelte';

/** A message to translate. */
export interface Wording {
  key: MessageKey;
  vars?: MessageVars;
}

/** One rule: its name and what it says for these settings (the time limits: `limitWordings`). */
export interface PolicyRule {
  id: 'order' | 'ahead' | 'sectors' | 'replies' | 'chair';
  term: MessageKey;
  description: Wording;
}

/**
 * The order of speeches and questions. Ranked, in ordering.ts, by first-time status (under
 * `first_time_first`), then by the sector's speaking time (with `sectorBalance`), then by arrival.
 */
function orderWording({ speechPolicy, sectorBalance }: QueueSettings): Wording {
  const balance = sectorBalance ? 'balanced' : 'plain';
  return { key: `room.policy.order.${speechPolicy}.${balance}` };
}

function repliesWording({ maxRepliesPerSpeech }: QueueSettings): Wording {
  return maxRepliesPerSpeech === 0
    ? { key: 'room.policy.replies.none' }
    : { key: 'room.policy.replies.some', vars: { count: maxRepliesPerSpeech } };
}

/** The rules that order the queue, for these settings. */
export function policyRules(settings: QueueSettings): PolicyRule[] {
  return [
    { id: 'order', term: 'room.policy.terms.order', description: orderWording(settings) },
    // Points of order, answers and replies rank ahead of every speech, whatever the policy.
    { id: 'ahead', term: 'room.policy.terms.ahead', description: { key: 'room.policy.ahead' } },
    {
      id: 'sectors',
      term: 'room.policy.terms.sectors',
      description: { key: settings.sectorBalance ? 'room.policy.sectors.on' : 'room.policy.sectors.off' },
    },
    { id: 'replies', term: 'room.policy.terms.replies', description: repliesWording(settings) },
    // Placement is computed once: the queue is never re-sorted, only the chair moves an entry.
    { id: 'chair', term: 'room.policy.terms.chair', description: { key: 'room.policy.chair' } },
  ];
}

/** A time limit in words: "3 分钟", "1 min 30 s", "45 s". */
export function durationWording(seconds: number): Wording {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return { key: 'room.policy.duration.seconds', vars: { seconds: rest } };
  if (rest === 0) return { key: 'room.policy.duration.minutes', vars: { minutes } };
  return { key: 'room.policy.duration.minutesSeconds', vars: { minutes, seconds: rest } };
}

/** The time limit of each kind of turn, in the order the queue names the kinds. */
export function limitWordings(settings: QueueSettings): { kind: SpeechKind; time: Wording }[] {
  return SpeechKinds.map((kind) => ({ kind, time: durationWording(settings.limits[kind]) }));
}
