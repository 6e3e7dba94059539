import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropTestData, upgradedTestStore } from '../test/stores.js';
import type { Store } from './store.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) {
    await dropTestData(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

const at = '2026-11-20T08:00:00.000Z';

describe('departments when an installation upgrades to them', () => {
  it('give each official a department of their own, named after them, and address outcomes to departments', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-departments-'));
    store = await upgradedTestStore(dir, '0023_departments', async (db) => {
      const people = [
        ['u1', 'zhao', '赵卫东'],
        ['u2', 'zhao2', '赵卫东'],
        ['u3', 'qian', '钱主席'],
        ['u4', 'sun', '孙局长'],
      ] as const;
      for (const [id, login, displayName] of people) {
        await db
          .insertInto('users')
          .values({ id, login, displayName, passwordHash: 'x', isAdmin: 0, active: 1, createdAt: at, updatedAt: at })
          .execute();
      }
      for (const [id, name] of [
        ['o1', '江城市政协'],
        ['o2', '临江县政协'],
      ]) {
        await db
          .insertInto('orgs')
          .values({ id: id!, name: name!, level: 'city', parentId: null, createdAt: at })
          .execute();
      }
      const memberships = [
        ['m1', 'o1', 'u1', 'official'],
        ['m2', 'o1', 'u2', 'official'],
        ['m3', 'o1', 'u3', 'chair'],
        ['m4', 'o2', 'u1', 'official'],
        ['m5', 'o2', 'u4', 'official'],
      ] as const;
      for (const [id, orgId, userId, role] of memberships) {
        await db
          .insertInto('memberships')
          .values({
            id,
            orgId,
            userId,
            role,
            sector: null,
            expertise: '[]',
            active: 1,
            createdAt: at,
            updatedAt: at,
          } as never)
          .execute();
      }
      // Outcomes addressed to people: zhao (an official), and qian, once an official and now the chair.
      for (const [id, orgId] of [
        ['t1', 'o1'],
        ['t2', 'o2'],
      ] as const) {
        await db
          .insertInto('topics')
          .values({
            id,
            orgId,
            title: '加装电梯',
            summary: '摘要',
            tags: '[]',
            stage: 'delivered',
            proposerId: 'u3',
            round: 1,
            outcomeForm: 'recommendation',
            dueDate: '2099-01-31',
            partyContactId: null,
            createdAt: at,
            updatedAt: at,
          } as never)
          .execute();
      }
      for (const [topicId, userId] of [
        ['t1', 'u1'],
        ['t1', 'u3'],
        ['t2', 'u1'],
      ] as const) {
        await db
          .insertInto('topicRecipients' as never)
          .values({ topicId, userId } as never)
          .execute();
      }
    });
    const named = async (orgId: string) =>
      new Map((await store!.departments.ofOrg(orgId)).map((d) => [d.name, d] as const));
    const city = await named('o1');
    const county = await named('o2');
    expect([...city.keys()].sort()).toEqual(['赵卫东', '赵卫东 (zhao2)', '钱主席'].sort());
    expect([...county.keys()].sort()).toEqual(['孙局长', '赵卫东'].sort());
    const departmentOf = async (orgId: string, userId: string) =>
      (await store!.memberships.find(orgId, userId))?.departmentId;
    expect(await departmentOf('o1', 'u1')).toBe(city.get('赵卫东')!.id);
    expect(await departmentOf('o1', 'u2')).toBe(city.get('赵卫东 (zhao2)')!.id);
    expect(await departmentOf('o1', 'u3')).toBeNull();
    expect(await departmentOf('o2', 'u1')).toBe(county.get('赵卫东')!.id);
    expect(await departmentOf('o2', 'u4')).toBe(county.get('孙局长')!.id);
    expect(city.get('赵卫东')!.officials).toBe(1);

    // Each outcome is now addressed to the departments its people stood for; the former official
    // has a department of their own name for it, made then, with no officials.
    expect(city.get('钱主席')).toMatchObject({ officials: 0 });
    expect(await store.topics.recipients('t1')).toEqual([city.get('赵卫东')!.id, city.get('钱主席')!.id].sort());
    expect(await store.topics.recipientDepartments('t2')).toEqual([{ id: county.get('赵卫东')!.id, name: '赵卫东' }]);
    expect(await store.topics.recipientOfficials('t1')).toEqual(['u1']);
  });
});
