import { describe, expect, it } from 'vitest';
import type { Site } from '@yishi/protocol';
import { attendanceGroups, composeAttendance, siteIn, withSites, type AttendanceFacts } from './attendance.js';

const facts = (over: Partial<AttendanceFacts>): AttendanceFacts => ({
  mode: 'in_person',
  came: [],
  sites: new Map(),
  speakers: [],
  participants: [],
  runners: [],
  corrections: [],
  ...over,
});

describe('where someone takes part', () => {
  it('follows the mode, and in a hybrid meeting what was said', () => {
    expect(siteIn('in_person', 'remote')).toBe('hall');
    expect(siteIn('remote', 'hall')).toBe('remote');
    expect(siteIn('hybrid', 'remote')).toBe('remote');
    expect(siteIn('hybrid', undefined)).toBeNull();
    const people = [{ userId: 'a', displayName: 'A', role: 'member' as const, sector: null, online: true, since: 0 }];
    expect(withSites('hybrid', people, new Map<string, Site>([['a', 'remote']]))[0]!.where).toBe('remote');
    expect(withSites('in_person', people, new Map<string, Site>([['a', 'remote']]))[0]!.where).toBe('hall');
  });
});

describe('the attendance of a meeting', () => {
  it('puts everyone in the hall in an in-person meeting, the participants who did not come as absent, and the others as observers', () => {
    const entries = composeAttendance(
      facts({
        came: [
          { userId: 'chair', site: null },
          { userId: 'm0', site: 'remote' },
          { userId: 'press', site: null },
        ],
        participants: ['m0', 'm1'],
        runners: ['chair', 'secretary'],
      }),
    );
    expect(entries).toEqual([
      { userId: 'chair', standing: 'participant', recorded: 'hall', corrected: null, status: 'hall' },
      { userId: 'm0', standing: 'participant', recorded: 'hall', corrected: null, status: 'hall' },
      { userId: 'press', standing: 'observer', recorded: 'hall', corrected: null, status: 'hall' },
      { userId: 'm1', standing: 'participant', recorded: 'absent', corrected: null, status: 'absent' },
    ]);
    // A runner who did not come is not listed at all: only the participants are expected.
    expect(entries.map((e) => e.userId)).not.toContain('secretary');
    expect(attendanceGroups(entries)).toEqual({
      present: { hall: ['chair', 'm0'], remote: [], unstated: [] },
      absent: ['m1'],
      observers: { hall: ['press'], remote: [], unstated: [] },
    });
  });

  it('in a hybrid meeting takes where each said, never guesses for someone who did not, and puts a speech recorded afterwards in the hall', () => {
    const entries = composeAttendance(
      facts({
        mode: 'hybrid',
        came: [
          { userId: 'a', site: 'remote' },
          { userId: 'b', site: null },
          { userId: 'c', site: null },
        ],
        // b said so after coming in (remembered for the meeting); c never did.
        sites: new Map<string, Site>([
          ['b', 'remote'],
          ['d', 'remote'],
        ]),
        speakers: [
          { userId: 'e', source: 'manual' },
          { userId: 'd', source: 'manual' },
          { userId: 'a', source: 'live' },
        ],
        participants: ['a', 'b', 'c'],
      }),
    );
    expect(entries.map((e) => [e.userId, e.standing, e.status])).toEqual([
      ['a', 'participant', 'remote'],
      ['b', 'participant', 'remote'],
      ['c', 'participant', 'unstated'],
      // Whoever spoke takes part; a speech recorded afterwards was given in the hall unless said otherwise.
      ['e', 'participant', 'hall'],
      ['d', 'participant', 'remote'],
    ]);
  });

  it('prints the corrections: someone moved, someone absent after all, someone who never used the app present', () => {
    const entries = composeAttendance(
      facts({
        mode: 'remote',
        came: [
          { userId: 'm0', site: 'remote' },
          { userId: 'press', site: 'remote' },
          { userId: 'm1', site: 'remote' },
        ],
        participants: ['m0', 'm1', 'm2'],
        corrections: [
          { userId: 'm0', status: 'hall' },
          { userId: 'm1', status: 'absent' },
          { userId: 'm2', status: 'remote' },
          { userId: 'press', status: 'absent' },
          { userId: 'guest', status: 'hall' },
        ],
      }),
    );
    expect(entries).toContainEqual({
      userId: 'm0',
      standing: 'participant',
      recorded: 'remote',
      corrected: 'hall',
      status: 'hall',
    });
    expect(entries).toContainEqual({
      userId: 'm2',
      standing: 'participant',
      recorded: 'absent',
      corrected: 'remote',
      status: 'remote',
    });
    expect(attendanceGroups(entries)).toEqual({
      present: { hall: ['m0'], remote: ['m2'], unstated: [] },
      absent: ['m1'],
      // An observer marked absent was simply not there; one added is listed.
      observers: { hall: ['guest'], remote: [], unstated: [] },
    });
  });

  it('lists each person once, in the order they first came', () => {
    const entries = composeAttendance(
      facts({
        came: [
          { userId: 'b', site: null },
          { userId: 'a', site: null },
        ],
        speakers: [
          { userId: 'a', source: 'live' },
          { userId: 'a', source: 'manual' },
        ],
        participants: ['a', 'b'],
        corrections: [{ userId: 'a', status: 'remote' }],
      }),
    );
    expect(entries.map((e) => e.userId)).toEqual(['b', 'a']);
  });
});
