import { defaultSettings, type QueueSettings } from '@yishi/queue';
import { describe, expect, it } from 'vitest';
import { messagesEn, messagesZhCN } from '../i18n/messages/index.js';
import { durationWording, limitWordings, policyRules, type Wording } from './policy';

const settings = (change: Partial<QueueSettings> = {}): QueueSettings => ({ ...defaultSettings, ...change });

const description = (rules: ReturnType<typeof policyRules>, id: string) => rules.find((r) => r.id === id)?.description;

/** The message a key names, in one language's messages, or undefined. */
function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('policyRules', () => {
  it('states the rules in a fixed order', () => {
    expect(policyRules(settings()).map((r) => r.id)).toEqual(['order', 'ahead', 'sectors', 'replies', 'chair']);
  });

  it('words each speech policy, with and without sector balance', () => {
    const order = (change: Partial<QueueSettings>) => description(policyRules(settings(change)), 'order')?.key;
    expect(order({ speechPolicy: 'first_time_first', sectorBalance: false })).toBe(
      'room.policy.order.first_time_first.plain',
    );
    expect(order({ speechPolicy: 'first_time_first', sectorBalance: true })).toBe(
      'room.policy.order.first_time_first.balanced',
    );
    expect(order({ speechPolicy: 'by_request_time', sectorBalance: false })).toBe(
      'room.policy.order.by_request_time.plain',
    );
    expect(order({ speechPolicy: 'by_request_time', sectorBalance: true })).toBe(
      'room.policy.order.by_request_time.balanced',
    );
  });

  it('says whether sector balance is on', () => {
    expect(description(policyRules(settings({ sectorBalance: true })), 'sectors')).toEqual({
      key: 'room.policy.sectors.on',
    });
    expect(description(policyRules(settings({ sectorBalance: false })), 'sectors')).toEqual({
      key: 'room.policy.sectors.off',
    });
  });

  it('carries the number of replies a speech takes, and says when it takes none', () => {
    expect(description(policyRules(settings({ maxRepliesPerSpeech: 2 })), 'replies')).toEqual({
      key: 'room.policy.replies.some',
      vars: { count: 2 },
    });
    expect(description(policyRules(settings({ maxRepliesPerSpeech: 0 })), 'replies')).toEqual({
      key: 'room.policy.replies.none',
    });
  });
});

describe('durationWording', () => {
  it('words whole minutes, seconds, and both', () => {
    expect(durationWording(180)).toEqual({ key: 'room.policy.duration.minutes', vars: { minutes: 3 } });
    expect(durationWording(45)).toEqual({ key: 'room.policy.duration.seconds', vars: { seconds: 45 } });
    expect(durationWording(90)).toEqual({
      key: 'room.policy.duration.minutesSeconds',
      vars: { minutes: 1, seconds: 30 },
    });
    expect(durationWording(3600)).toEqual({ key: 'room.policy.duration.minutes', vars: { minutes: 60 } });
  });
});

describe('limitWordings', () => {
  it('gives every kind of turn its own limit', () => {
    const limits = settings({ limits: { speech: 240, reply: 60, point_of_order: 30, question: 90, answer: 120 } });
    expect(limitWordings(limits)).toEqual([
      { kind: 'speech', time: { key: 'room.policy.duration.minutes', vars: { minutes: 4 } } },
      { kind: 'reply', time: { key: 'room.policy.duration.minutes', vars: { minutes: 1 } } },
      { kind: 'point_of_order', time: { key: 'room.policy.duration.seconds', vars: { seconds: 30 } } },
      { kind: 'question', time: { key: 'room.policy.duration.minutesSeconds', vars: { minutes: 1, seconds: 30 } } },
      { kind: 'answer', time: { key: 'room.policy.duration.minutes', vars: { minutes: 2 } } },
    ]);
  });
});

describe('the wording of every combination', () => {
  const combinations = (['first_time_first', 'by_request_time'] as const).flatMap((speechPolicy) =>
    [true, false].flatMap((sectorBalance) =>
      [0, 2].map((maxRepliesPerSpeech) => settings({ speechPolicy, sectorBalance, maxRepliesPerSpeech })),
    ),
  );
  const wordings = (s: QueueSettings): Wording[] => [
    ...policyRules(s).flatMap((rule) => [{ key: rule.term }, rule.description]),
    ...limitWordings(s).map((limit) => limit.time),
    ...[30, 60, 90].map(durationWording),
  ];

  it.each([
    ['zh-CN', messagesZhCN],
    ['en', messagesEn],
  ])('is a message in %s, with a value for each of its placeholders', (_, messages) => {
    for (const wording of combinations.flatMap(wordings)) {
      const message = lookup(messages, wording.key);
      expect(typeof message, wording.key).toBe('string');
      const placeholders = [...(message as string).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders, wording.key).toEqual(Object.keys(wording.vars ?? {}).sort());
    }
  });
});
