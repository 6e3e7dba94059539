import type { Member, Membership, Role } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { testMe, testOrg, testTime } from './testing/me';
import {
  assignableRoles,
  canCreateOrgUnder,
  canEditMember,
  canManageMembers,
  canManageOrg,
  canProposeIn,
  canUnlockMember,
  mayAdminister,
} from './permissions';

const at = testTime;
const org = testOrg;
const orgs = [org('prov', null, 'province'), org('city', 'prov', 'city'), org('county', 'city', 'county')];
const other = org('other', null, 'city');
const me = (isAdmin: boolean, roles: [string, Role, boolean?][] = []) => testMe([...orgs, other], isAdmin, roles);

function member(role: Role): Member {
  const membership: Membership = {
    id: 'mx',
    orgId: 'county',
    userId: 'u2',
    role,
    sector: null,
    expertise: [],
    departmentId: null,
    active: true,
    createdAt: at,
  };
  return {
    ...membership,
    user: { id: 'u2', login: 'u2', displayName: 'U2', isAdmin: false, active: true, createdAt: at },
  };
}

describe('permissions (mirror of the server rules)', () => {
  it('a site administrator manages everything, including top-level organisations', () => {
    const admin = me(true);
    expect(canManageOrg(admin, 'county', orgs)).toBe(true);
    expect(canCreateOrgUnder(admin, null, orgs)).toBe(true);
    expect(assignableRoles(admin, 'prov', orgs)).toContain('admin');
    expect(mayAdminister(admin)).toBe(true);
  });

  it('an org admin manages its organisation and those below, not above nor beside', () => {
    const cityAdmin = me(false, [['city', 'admin']]);
    expect(canManageOrg(cityAdmin, 'city', orgs)).toBe(true);
    expect(canManageOrg(cityAdmin, 'county', orgs)).toBe(true);
    expect(canManageOrg(cityAdmin, 'prov', orgs)).toBe(false);
    expect(canManageOrg(cityAdmin, 'other', [...orgs, other])).toBe(false);
    expect(canCreateOrgUnder(cityAdmin, 'city', orgs)).toBe(true);
    expect(canCreateOrgUnder(cityAdmin, null, orgs)).toBe(false);
  });

  it('the secretariat adds members below, but no admins, secretariat or chairs, and creates no orgs', () => {
    const staff = me(false, [['city', 'secretariat']]);
    expect(canManageMembers(staff, 'county', orgs)).toBe(true);
    expect(assignableRoles(staff, 'county', orgs)).toEqual(['member', 'official', 'observer']);
    expect(canEditMember(staff, 'county', orgs, member('member'))).toBe(true);
    expect(canEditMember(staff, 'county', orgs, member('admin'))).toBe(false);
    expect(canEditMember(staff, 'county', orgs, member('chair'))).toBe(false);
    expect(canCreateOrgUnder(staff, 'city', orgs)).toBe(false);
    expect(mayAdminister(staff)).toBe(true);
  });

  it('only administrators unlock an account, and only site administrators a site administrator', () => {
    const siteAdmin = { ...member('member'), user: { ...member('member').user, isAdmin: true } };
    expect(canUnlockMember(me(true), 'county', orgs, siteAdmin)).toBe(true);
    expect(canUnlockMember(me(false, [['city', 'admin']]), 'county', orgs, member('chair'))).toBe(true);
    expect(canUnlockMember(me(false, [['city', 'admin']]), 'county', orgs, siteAdmin)).toBe(false);
    expect(canUnlockMember(me(false, [['city', 'secretariat']]), 'county', orgs, member('member'))).toBe(false);
    expect(canUnlockMember(me(false, [['county', 'admin']]), 'city', orgs, member('member'))).toBe(false);
  });

  it('plain members and deactivated memberships administer nothing', () => {
    const plain = me(false, [
      ['city', 'member'],
      ['prov', 'admin', false],
    ]);
    expect(canManageMembers(plain, 'city', orgs)).toBe(false);
    expect(canManageOrg(plain, 'county', orgs)).toBe(false);
    expect(mayAdminister(plain)).toBe(false);
  });

  it('members, the chair and the secretariat propose topics there and below; officials, observers and admins do not', () => {
    expect(canProposeIn(me(false, [['city', 'member']]), 'county', orgs)).toBe(true);
    expect(canProposeIn(me(false, [['city', 'chair']]), 'city', orgs)).toBe(true);
    expect(canProposeIn(me(false, [['city', 'secretariat']]), 'city', orgs)).toBe(true);
    expect(canProposeIn(me(false, [['city', 'member']]), 'prov', orgs)).toBe(false);
    expect(canProposeIn(me(false, [['city', 'official']]), 'city', orgs)).toBe(false);
    expect(canProposeIn(me(false, [['city', 'observer']]), 'city', orgs)).toBe(false);
    expect(canProposeIn(me(false, [['city', 'member', false]]), 'city', orgs)).toBe(false);
    expect(canProposeIn(me(true), 'city', orgs)).toBe(false);
  });
});
