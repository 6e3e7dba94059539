import { describe, expect, it } from 'vitest';
import type { Membership, Role, User } from '@yishi/protocol';
import { canAdministerOrg, canAssignRole, canManageMembers, canSeeOrg, type Actor } from './policy.js';

const user = (isAdmin = false): User => ({
  id: 'u1',
  login: 'u1',
  displayName: 'U1',
  isAdmin,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const membership = (orgId: string, role: Role): Membership => ({
  id: `m-${orgId}`,
  orgId,
  userId: 'u1',
  role,
  sector: null,
  expertise: [],
  departmentId: null,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const actor = (memberships: Membership[], isAdmin = false): Actor => ({ user: user(isAdmin), memberships });

// county ← city ← province
const countyChain = ['county', 'city', 'province'];

describe('organisation policy', () => {
  it('lets a site administrator do everything anywhere', () => {
    const a = actor([], true);
    expect(canAdministerOrg(a, countyChain)).toBe(true);
    expect(canManageMembers(a, countyChain)).toBe(true);
    expect(canAssignRole(a, countyChain, 'admin')).toBe(true);
    expect(canSeeOrg(a, countyChain)).toBe(true);
  });

  it('lets an org admin above the target administer it, but not a sibling tree', () => {
    const a = actor([membership('city', 'admin')]);
    expect(canAdministerOrg(a, countyChain)).toBe(true);
    expect(canAdministerOrg(a, ['other-county', 'other-city', 'province'])).toBe(false);
    expect(canAdministerOrg(a, ['province'])).toBe(false);
  });

  it('lets the secretariat manage members but not grant managing roles', () => {
    const a = actor([membership('city', 'secretariat')]);
    expect(canAdministerOrg(a, countyChain)).toBe(false);
    expect(canManageMembers(a, countyChain)).toBe(true);
    expect(canAssignRole(a, countyChain, 'member')).toBe(true);
    expect(canAssignRole(a, countyChain, 'official')).toBe(true);
    expect(canAssignRole(a, countyChain, 'secretariat')).toBe(false);
    expect(canAssignRole(a, countyChain, 'admin')).toBe(false);
    expect(canAssignRole(a, countyChain, 'chair')).toBe(false);
  });

  it('lets members see their organisation and below, and manage nothing', () => {
    const a = actor([membership('city', 'member')]);
    expect(canSeeOrg(a, countyChain)).toBe(true);
    expect(canSeeOrg(a, ['province'])).toBe(false);
    expect(canManageMembers(a, countyChain)).toBe(false);
    expect(canAssignRole(a, countyChain, 'member')).toBe(false);
  });

  it('gives a chair no administration of members', () => {
    const a = actor([membership('city', 'chair')]);
    expect(canManageMembers(a, ['city', 'province'])).toBe(false);
    expect(canAdministerOrg(a, ['city', 'province'])).toBe(false);
  });
});
