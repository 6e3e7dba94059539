import { describe, expect, it } from 'vitest';
import type { Membership, Role, User } from '@yishi/protocol';
import { canSeeDossier, forwardDirection, forwardRefusal, mayJoinFrom, reachesRecommended } from './levels.js';
import type { Actor } from './policy.js';

/**
 * The rules of work across levels over one tree: a province, its city, the city's two counties,
 * a liaison station under the first county; and another province with a city, under another root.
 */
const chains: Record<string, string[]> = {
  province: ['province'],
  city: ['city', 'province'],
  county1: ['county1', 'city', 'province'],
  county2: ['county2', 'city', 'province'],
  station: ['station', 'county1', 'city', 'province'],
  province2: ['province2'],
  city2: ['city2', 'province2'],
};
const chain = (org: string) => chains[org]!;

const user = (isAdmin: boolean): User => ({
  id: 'u1',
  login: 'u1',
  displayName: 'U1',
  isAdmin,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});
/** Someone with `role` in `org` (`admin` alone: a site administrator with no membership). */
const who = (org: string | 'site-admin', role: Role = 'chair'): Actor => ({
  user: user(org === 'site-admin'),
  memberships:
    org === 'site-admin'
      ? []
      : [
          {
            id: `m-${org}`,
            orgId: org,
            userId: 'u1',
            role,
            sector: null,
            expertise: [],
            departmentId: null,
            active: true,
            createdAt: '2026-01-01T00:00:00.000Z',
          } satisfies Membership,
        ],
});

describe('forwarding a dossier', () => {
  it.each([
    ['county1', 'city', undefined, 'up'],
    ['city', 'county1', undefined, 'down'],
    ['station', 'county1', undefined, 'up'],
    ['county1', 'station', undefined, 'down'],
    ['city', 'province', undefined, 'up'],
    ['county1', 'county2', 'not_adjacent', undefined],
    ['county1', 'province', 'not_adjacent', undefined],
    ['province', 'county1', 'not_adjacent', undefined],
    ['station', 'city', 'not_adjacent', undefined],
    ['city', 'city2', 'not_adjacent', undefined],
    ['province', 'province2', 'not_adjacent', undefined],
    ['county1', 'county1', 'same_org', undefined],
  ] as const)('from %s to %s: refused %s, going %s', (from, to, refusal, direction) => {
    expect(forwardRefusal(chain(from), chain(to))).toBe(refusal);
    expect(forwardDirection(chain(from), chain(to))).toBe(direction);
  });
});

describe('who sees a forwarded dossier', () => {
  // County 1 sent it up to the city; the city then handed another down to county 2.
  const upPath = [chain('county1'), chain('city')];
  const downPath = [chain('city'), chain('county2')];
  it.each([
    ['site-admin', 'member', true, true],
    ['county1', 'chair', true, false],
    ['county1', 'member', true, false],
    ['city', 'chair', true, true],
    ['province', 'secretariat', true, true],
    ['county2', 'chair', false, true],
    ['station', 'member', false, false],
    ['city2', 'chair', false, false],
    ['province2', 'admin', false, false],
  ] as const)('%s (%s): the one sent up %s, the one handed down %s', (org, role, up, down) => {
    expect(canSeeDossier(who(org, role), upPath)).toBe(up);
    expect(canSeeDossier(who(org, role), downPath)).toBe(down);
  });
});

describe('joint consultation', () => {
  it.each([
    ['city', 'city', true],
    ['city', 'county1', true],
    ['city', 'county2', true],
    ['city', 'station', true],
    ['city', 'province', false],
    ['city', 'city2', false],
    ['county1', 'station', true],
    ['county1', 'county2', false],
    ['county1', 'city', false],
  ] as const)('a topic of %s takes a participant from %s: %s', (topicOrg, from, may) => {
    expect(mayJoinFrom(topicOrg, chain(from))).toBe(may);
  });
});

describe('a recommended case', () => {
  it.each([
    ['county1', 'county2', true],
    ['county1', 'station', true],
    ['county1', 'province', true],
    ['county1', 'city2', false],
    ['city2', 'county1', false],
    ['province', 'station', true],
  ] as const)('recommended by %s reaches a reader in %s: %s', (recommender, reader, reaches) => {
    expect(reachesRecommended(who(reader), [chain(reader)], chain(recommender))).toBe(reaches);
  });

  it('reaches a site administrator, and nobody without a role anywhere', () => {
    expect(reachesRecommended(who('site-admin'), [], chain('county1'))).toBe(true);
    expect(reachesRecommended({ user: user(false) }, [], chain('county1'))).toBe(false);
  });
});
