import type { Member } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { noNames, peopleIn, withNames } from './names';

const member = (userId: string, displayName: string) =>
  ({ userId, user: { id: userId, displayName } }) as unknown as Member;

describe('names in a log', () => {
  it('knows the members and whoever the pages name, as the pages name them', () => {
    const people = peopleIn([member('u1', 'Old name'), member('u2', 'Wang')], {
      ...noNames(),
      people: { u1: 'Yang', u3: 'Li' },
    });
    expect([...people]).toEqual([
      ['u1', 'Yang'],
      ['u2', 'Wang'],
      ['u3', 'Li'],
    ]);
  });

  it('keeps the names of earlier pages when a later one arrives', () => {
    const first = withNames(noNames(), { people: { u1: 'Yang' }, topics: { t1: 'Lifts' }, meetings: {} });
    const both = withNames(first, { people: { u2: 'Wang' }, topics: {}, meetings: { m1: 'Hearing' } });
    expect(both).toEqual({ people: { u1: 'Yang', u2: 'Wang' }, topics: { t1: 'Lifts' }, meetings: { m1: 'Hearing' } });
    expect(first.meetings).toEqual({});
  });
});
