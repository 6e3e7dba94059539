import type { AuditEntry, Member } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { meetingTitlesIn, peopleIn } from './names';

const at = '2025-01-01T00:00:00.000Z';
const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  at,
  actor: null,
  action: 'meeting.created',
  subject: null,
  details: {},
  prevHash: '',
  hash: '',
  ...fields,
});
const member = (userId: string, displayName: string) =>
  ({ userId, user: { id: userId, displayName } }) as unknown as Member;

describe('names in a log', () => {
  it('knows the members and whoever acted, as the entries name them', () => {
    const people = peopleIn(
      [member('u1', 'Old name'), member('u2', 'Wang')],
      [entry({ actor: { id: 'u1', displayName: 'Yang' } })],
    );
    expect([...people]).toEqual([
      ['u1', 'Yang'],
      ['u2', 'Wang'],
    ]);
  });

  it('knows a meeting by the entry that scheduled it', () => {
    const titles = meetingTitlesIn([
      entry({ details: { meetingId: 'm1', title: 'Hearing' } }),
      entry({ action: 'meeting.opened', details: { meetingId: 'm2', title: 'Not a title' } }),
    ]);
    expect([...titles]).toEqual([['m1', 'Hearing']]);
  });
});
