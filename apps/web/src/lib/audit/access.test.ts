import type { Role } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { testMe, testOrg } from '../testing/me';
import { auditLogChoices, mayReadAudit, SITE_LOG } from './access';

const orgs = [testOrg('city', null), testOrg('county', 'city'), testOrg('other', null)];
const me = (isAdmin: boolean, roles: [string, Role, boolean?][] = []) => testMe(orgs, isAdmin, roles);

describe('who reads the audit log (mirror of the server)', () => {
  it('is for site administrators, administrators and the secretariat', () => {
    expect(mayReadAudit(me(true))).toBe(true);
    expect(mayReadAudit(me(false, [['city', 'admin']]))).toBe(true);
    expect(mayReadAudit(me(false, [['city', 'secretariat']]))).toBe(true);
    expect(mayReadAudit(me(false, [['city', 'secretariat', false]]))).toBe(false);
    expect(mayReadAudit(me(false, [['city', 'chair']]))).toBe(false);
    expect(mayReadAudit(me(false, [['city', 'member']]))).toBe(false);
  });

  it('offers the organisation and those below it, in tree order', () => {
    const choices = auditLogChoices(me(false, [['city', 'secretariat']]), orgs);
    expect(choices.map((c) => [c.id, c.depth])).toEqual([
      ['city', 0],
      ['county', 1],
    ]);
  });

  it('indents from the shallowest readable organisation', () => {
    const choices = auditLogChoices(
      me(false, [
        ['county', 'admin'],
        ['city', 'chair'],
      ]),
      orgs,
    );
    expect(choices.map((c) => [c.id, c.depth])).toEqual([['county', 0]]);
  });

  it('offers site administrators every log and the installation’s', () => {
    expect(auditLogChoices(me(true), orgs).map((c) => c.id)).toEqual(['city', 'county', 'other', SITE_LOG]);
  });
});
