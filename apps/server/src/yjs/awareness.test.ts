import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { sanitizeAwareness, type AwarenessSender } from './awareness.js';

function updateOf(states: Record<string, unknown>[]): { update: Uint8Array; ids: number[] } {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const ids: number[] = [];
  const parts = states.map((state) => {
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    other.setLocalState(state);
    ids.push(other.clientID);
    return awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]);
  });
  for (const part of parts) awarenessProtocol.applyAwarenessUpdate(awareness, part, 'test');
  return { update: awarenessProtocol.encodeAwarenessUpdate(awareness, ids), ids };
}

function statesOf(update: Uint8Array): Map<number, Record<string, unknown>> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test');
  const states = new Map(awareness.getStates());
  states.delete(awareness.clientID);
  return states as Map<number, Record<string, unknown>>;
}

const observer: AwarenessSender = {
  userId: 'u-observer',
  displayName: '列席记者',
  canWrite: false,
  heldByOther: () => false,
};

describe('awareness as the server relays it', () => {
  it('names the sender as the server knows them, editing only if they may write', () => {
    const { update, ids } = updateOf([{ user: { id: 'u-chair', name: '周主席', color: '#123456', editing: true } }]);
    const states = statesOf(sanitizeAwareness(update, observer)!);
    expect(states.get(ids[0]!)).toEqual({
      user: { id: 'u-observer', name: '列席记者', color: '#123456', editing: false },
    });
    const writer = { ...observer, canWrite: true };
    expect(statesOf(sanitizeAwareness(update, writer)!).get(ids[0]!)?.user).toMatchObject({ editing: true });
  });

  it('drops states for client ids that another connection holds, and keeps states without a user as they are', () => {
    const { update, ids } = updateOf([{ cursor: 1 }, { user: { name: 'x' } }]);
    const sanitized = sanitizeAwareness(update, { ...observer, heldByOther: (id) => id === ids[1] });
    expect([...statesOf(sanitized!).entries()]).toEqual([[ids[0], { cursor: 1 }]]);
    expect(sanitizeAwareness(update, { ...observer, heldByOther: () => true })).toBeUndefined();
  });

  it('refuses a malformed update', () => {
    expect(() => sanitizeAwareness(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]), observer)).toThrow();
  });
});
