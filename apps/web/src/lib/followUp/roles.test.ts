import type { Role } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { testMe, testOrg } from '../testing/me';
import { chairsOrg, dashboardOrgs, isOfficial, mayUseDashboard, runsOrg } from './roles';

const orgs = [testOrg('city', null), testOrg('county', 'city'), testOrg('other', null)];
const me = (isAdmin: boolean, roles: [string, Role, boolean?][] = []) => testMe(orgs, isAdmin, roles);

describe('isOfficial', () => {
  it('is true for an active official membership only', () => {
    expect(isOfficial(me(false, [['city', 'official']]))).toBe(true);
    expect(isOfficial(me(false, [['city', 'official', false]]))).toBe(false);
    expect(isOfficial(me(false, [['city', 'member']]))).toBe(false);
  });
});

describe('dashboard', () => {
  it('is for the chair, the secretariat and administrators', () => {
    expect(mayUseDashboard(me(false, [['city', 'chair']]))).toBe(true);
    expect(mayUseDashboard(me(false, [['city', 'secretariat']]))).toBe(true);
    expect(mayUseDashboard(me(false, [['city', 'admin']]))).toBe(true);
    expect(mayUseDashboard(me(true))).toBe(true);
    expect(mayUseDashboard(me(false, [['city', 'member']]))).toBe(false);
    expect(mayUseDashboard(me(false, [['city', 'chair', false]]))).toBe(false);
  });

  it('offers the organisations the role covers, those below included', () => {
    expect(dashboardOrgs(me(false, [['city', 'chair']]), orgs).map((o) => o.id)).toEqual(['city', 'county']);
    expect(dashboardOrgs(me(false, [['county', 'secretariat']]), orgs).map((o) => o.id)).toEqual(['county']);
    expect(dashboardOrgs(me(true), orgs)).toHaveLength(3);
  });
});

describe('runsOrg and chairsOrg', () => {
  it('lets the chair and the secretariat run an organisation and those below it', () => {
    expect(runsOrg(me(false, [['city', 'secretariat']]), 'county', orgs)).toBe(true);
    expect(runsOrg(me(false, [['county', 'chair']]), 'city', orgs)).toBe(false);
    expect(runsOrg(me(false, [['city', 'member']]), 'city', orgs)).toBe(false);
  });

  it('keeps approval to the chair', () => {
    expect(chairsOrg(me(false, [['city', 'chair']]), 'county', orgs)).toBe(true);
    expect(chairsOrg(me(false, [['city', 'secretariat']]), 'city', orgs)).toBe(false);
  });
});
