import { describe, expect, it } from 'vitest';
import type { Me, Org } from '@yishi/protocol';
import {
  mayCompileBulletin,
  mayListOpinions,
  mayListOpinionsSomewhere,
  mayReadBulletins,
  mayWriteOpinion,
  opinionFiltersFrom,
  opinionRoleIn,
  opinionsAddress,
  opinionsApiQuery,
  toggledChoice,
} from './opinions';

const me = (role: string | null, { isAdmin = false, active = true } = {}): Me =>
  ({
    user: { id: 'u1', isAdmin },
    memberships: role === null ? [] : [{ orgId: 'o1', role, departmentId: null, active, org: { id: 'o1' } }],
  }) as unknown as Me;

describe('the report list’s filters', () => {
  it('reads an address, leaving out what it does not know', () => {
    const params = new URLSearchParams('orgId=o1&status=adopted&category=nonsense&q=%20电梯%20');
    expect(opinionFiltersFrom(params)).toEqual({ orgId: 'o1', status: 'adopted', category: '', q: '电梯' });
    expect(opinionFiltersFrom(new URLSearchParams('status=handling')).status).toBe('');
  });

  it('writes the address back, empty filters left out', () => {
    const filters = { orgId: 'o1', status: '' as const, category: 'health' as const, q: '' };
    expect(opinionsAddress(filters)).toBe('?orgId=o1&category=health');
    expect(opinionFiltersFrom(new URLSearchParams(opinionsAddress(filters)))).toEqual(filters);
    expect(opinionsAddress({ ...filters, orgId: '', category: '' })).toBe('');
  });

  it('asks the API for the filters only, never for `mine`', () => {
    const filters = { orgId: 'o1', status: 'submitted' as const, category: '' as const, q: '加装 电梯' };
    expect(opinionsApiQuery(filters)).toBe('?status=submitted&q=%E5%8A%A0%E8%A3%85+%E7%94%B5%E6%A2%AF');
    expect(opinionsApiQuery({ ...filters, status: '', q: ' ' })).toBe('');
  });
});

describe('who sees what', () => {
  it('knows the reader by their active membership, a site administrator as admin, others as observers', () => {
    expect(opinionRoleIn(me('chair'), 'o1')).toBe('chair');
    expect(opinionRoleIn(me('chair'), 'o2')).toBe('observer');
    expect(opinionRoleIn(me('member', { active: false }), 'o1')).toBe('observer');
    expect(opinionRoleIn(me(null, { isAdmin: true }), 'o1')).toBe('admin');
    expect(opinionRoleIn(null, 'o1')).toBe('observer');
  });

  it('lets a member write and list their reports, and those who run the organisation read its bulletins', () => {
    const roles = ['member', 'secretariat', 'chair', 'admin', 'official', 'observer'];
    const table = roles.map((role) => [
      role,
      mayListOpinions(me(role), 'o1', []),
      mayWriteOpinion(me(role), 'o1'),
      mayReadBulletins(me(role), 'o1', []),
      mayCompileBulletin(me(role), 'o1'),
    ]);
    expect(table).toEqual([
      ['member', true, true, false, false],
      ['secretariat', true, false, true, true],
      ['chair', true, false, true, false],
      ['admin', true, false, true, false],
      ['official', false, false, false, false],
      ['observer', false, false, false, false],
    ]);
  });

  it('lets the secretariat or a chair of an organisation above read the reports and bulletins below', () => {
    const orgs = [
      { id: 'o1', parentId: null },
      { id: 'o2', parentId: 'o1' },
    ] as Org[];
    expect(mayReadBulletins(me('secretariat'), 'o2', orgs)).toBe(true);
    expect(mayListOpinions(me('chair'), 'o2', orgs)).toBe(true);
    // A member writes in their own organisation only.
    expect(mayListOpinions(me('member'), 'o2', orgs)).toBe(false);
    expect(mayCompileBulletin(me('secretariat'), 'o2')).toBe(false);
    expect(mayReadBulletins(me(null, { isAdmin: true }), 'o2', orgs)).toBe(true);
  });

  it('offers the list to those who may read reports somewhere', () => {
    expect(mayListOpinionsSomewhere(me('member'))).toBe(true);
    expect(mayListOpinionsSomewhere(me('official'))).toBe(false);
    expect(mayListOpinionsSomewhere(me('chair', { active: false }))).toBe(false);
    expect(mayListOpinionsSomewhere(me(null, { isAdmin: true }))).toBe(true);
    expect(mayListOpinionsSomewhere(null)).toBe(false);
  });
});

describe('the reports chosen for a bulletin', () => {
  it('keeps them in the order they were checked', () => {
    let chosen: string[] = [];
    for (const [id, checked] of [
      ['b', true],
      ['a', true],
      ['c', true],
      ['a', false],
      ['a', true],
    ] as const) {
      chosen = toggledChoice(chosen, id, checked);
    }
    expect(chosen).toEqual(['b', 'c', 'a']);
    expect(toggledChoice(chosen, 'c', true)).toEqual(['b', 'c', 'a']);
    expect(toggledChoice(chosen, 'x', false)).toEqual(chosen);
  });
});
