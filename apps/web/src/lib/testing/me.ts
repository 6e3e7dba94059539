/**
 * The signed-in person of the web's unit tests: `Me` with memberships in some of `orgs` (an unknown
 * id stands for a top-level city). Test code only; nothing in the app imports it.
 */
import type { Me, Org, Role } from '@yishi/protocol';

export const testTime = '2025-01-01T00:00:00.000Z';

export function testOrg(id: string, parentId: string | null, level: Org['level'] = 'city'): Org {
  return { id, name: id, level, parentId, createdAt: testTime };
}

/** `roles`: `[orgId, role, active = true]` per membership. */
export function testMe(orgs: readonly Org[], isAdmin: boolean, roles: [string, Role, boolean?][] = []): Me {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return {
    user: { id: 'u1', login: 'u1', displayName: 'U1', isAdmin, active: true, createdAt: testTime },
    memberships: roles.map(([orgId, role, active = true], i) => ({
      id: `m${i}`,
      orgId,
      userId: 'u1',
      role,
      sector: null,
      expertise: [],
      departmentId: null,
      active,
      createdAt: testTime,
      org: byId.get(orgId) ?? testOrg(orgId, null),
    })),
  };
}
