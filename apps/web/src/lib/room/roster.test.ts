import type { ParticipantView, PresenceParticipant } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { roster } from './roster';

const present = (over: Partial<PresenceParticipant> & { userId: string }): PresenceParticipant => ({
  displayName: over.userId,
  role: 'member',
  sector: null,
  online: true,
  since: 0,
  where: null,
  ...over,
});

const participant = (over: Partial<ParticipantView> & { userId: string }): ParticipantView => ({
  displayName: over.userId,
  role: 'member',
  sector: null,
  expertise: [],
  assessment: '',
  addedAt: '2025-03-01T00:00:00Z',
  ...over,
});

describe('roster', () => {
  it('groups people by role, chair first and observers last, leaving out empty roles', () => {
    const groups = roster(
      [
        present({ userId: 'obs', role: 'observer' }),
        present({ userId: 'chair', role: 'chair' }),
        present({ userId: 'm1', role: 'member' }),
      ],
      [],
    );
    expect(groups.map((g) => g.role)).toEqual(['chair', 'member', 'observer']);
  });

  it('shows participants who have not come in as offline, officials apart, and where those in take part', () => {
    const groups = roster(
      [present({ userId: 'm1', sector: '农业界', where: 'remote' })],
      [participant({ userId: 'm1', sector: '农业界' }), participant({ userId: 'off', role: 'official' })],
    );
    expect(groups).toEqual([
      {
        role: 'member',
        online: 1,
        people: [{ userId: 'm1', displayName: 'm1', sector: '农业界', online: true, where: 'remote' }],
      },
      {
        role: 'official',
        online: 0,
        people: [{ userId: 'off', displayName: 'off', sector: null, online: false, where: null }],
      },
    ]);
  });

  it('believes presence over the topic (someone who left is offline)', () => {
    const [members] = roster([present({ userId: 'm1', online: false })], [participant({ userId: 'm1' })]);
    expect(members?.people[0]?.online).toBe(false);
  });

  it('puts online people first, then sorts by sector and name, people without a sector last', () => {
    const [members] = roster(
      [
        present({ userId: 'a', displayName: '刘芳', sector: '医药卫生界', online: false }),
        present({ userId: 'b', displayName: '王秀兰', sector: '农业界' }),
        present({ userId: 'c', displayName: '周某', sector: null }),
        present({ userId: 'd', displayName: '李建国', sector: '经济界' }),
      ],
      [],
    );
    expect(members?.people.map((p) => p.displayName)).toEqual(['李建国', '王秀兰', '周某', '刘芳']);
    expect(members?.online).toBe(3);
  });
});
