import type { Me, Org, Role } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { auditLogChoices, mayReadAudit, SITE_LOG } from './access';

const at = '2025-01-01T00:00:00.000Z';
const org = (id: string, parentId: string | null): Org => ({ id, name: id, level: 'city', parentId, createdAt: at });
const orgs = [org('city', null), org('county', 'city'), org('other', null)];

function me(isAdmin: boolean, roles: [string, Role, boolean?][] = []): Me {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return {
    user: { id: 'u1', login: 'u1', displayName: 'U1', isAdmin, active: true, createdAt: at },
    memberships: roles.map(([orgId, role, active = true], i) => ({
      id: `m${i}`,
      orgId,
      userId: 'u1',
      role,
      sector: null,
      expertise: [],
      active,
      createdAt: at,
      org: byId.get(orgId)!,
    })),
  };
}

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
