import { describe, expect, it } from 'vitest';
import type { Me, ProposalSummary } from '@yishi/protocol';
import {
  byUrgency,
  isSecretariatOf,
  lacksDepartment,
  officialDepartments,
  outcomesDue,
  partIn,
  proposalsDue,
} from './desks';

type Membership = { orgId: string; role: string; departmentId?: string | null; active?: boolean };

const me = (...memberships: Membership[]): Me =>
  ({
    user: { id: 'u1' },
    memberships: memberships.map((m) => ({
      departmentId: null,
      active: true,
      ...m,
      org: { id: m.orgId, name: `Org ${m.orgId}` },
    })),
  }) as unknown as Me;

const proposal = (over: Partial<ProposalSummary>): ProposalSummary =>
  ({
    id: 'p',
    number: null,
    title: 't',
    overdue: false,
    dueDate: null,
    leadDepartment: null,
    ...over,
  }) as ProposalSummary;

describe('officialDepartments', () => {
  it('lists the departments of the active official memberships that name one', () => {
    const reader = me(
      { orgId: 'o1', role: 'official', departmentId: 'd1' },
      { orgId: 'o2', role: 'official', departmentId: null },
      { orgId: 'o3', role: 'official', departmentId: 'd3', active: false },
      { orgId: 'o4', role: 'member' },
    );
    expect(officialDepartments(reader)).toEqual([{ orgId: 'o1', orgName: 'Org o1', departmentId: 'd1' }]);
    expect(lacksDepartment(reader)).toBe(true);
  });

  it('is empty for nobody, and for someone who is no official', () => {
    expect(officialDepartments(null)).toEqual([]);
    expect(officialDepartments(me({ orgId: 'o1', role: 'secretariat' }))).toEqual([]);
    expect(lacksDepartment(me({ orgId: 'o1', role: 'official', departmentId: 'd1' }))).toBe(false);
  });
});

describe('isSecretariatOf', () => {
  it('holds for an active secretariat membership in that organisation only', () => {
    const reader = me({ orgId: 'o1', role: 'secretariat' }, { orgId: 'o2', role: 'secretariat', active: false });
    expect(isSecretariatOf(reader, 'o1')).toBe(true);
    expect(isSecretariatOf(reader, 'o2')).toBe(false);
    expect(isSecretariatOf(reader, 'o3')).toBe(false);
    expect(isSecretariatOf(me({ orgId: 'o1', role: 'chair' }), 'o1')).toBe(false);
    expect(isSecretariatOf(null, 'o1')).toBe(false);
  });
});

describe('partIn', () => {
  it('says whether the department leads the reply or helps', () => {
    const led = proposal({ leadDepartment: { id: 'd1', name: 'D1' } });
    expect(partIn(led, 'd1')).toBe('lead');
    expect(partIn(led, 'd2')).toBe('co');
    expect(partIn(proposal({}), 'd1')).toBe('co');
  });
});

describe('byUrgency', () => {
  it('puts the overdue first, then the earliest due, those without a date last, then by number', () => {
    const list = [
      proposal({ id: 'none', dueDate: null, number: '2026-0001' }),
      proposal({ id: 'late', dueDate: '2026-05-01', number: '2026-0009' }),
      proposal({ id: 'overdue-later', dueDate: '2026-03-01', overdue: true }),
      proposal({ id: 'soon-b', dueDate: '2026-04-01', number: '2026-0003' }),
      proposal({ id: 'overdue-early', dueDate: '2026-02-01', overdue: true }),
      proposal({ id: 'soon-a', dueDate: '2026-04-01', number: '2026-0002' }),
    ];
    expect(list.sort(byUrgency).map((p) => p.id)).toEqual([
      'overdue-early',
      'overdue-later',
      'soon-a',
      'soon-b',
      'late',
      'none',
    ]);
  });
});

describe('due counts', () => {
  it('counts the outcomes not answered, and the overdue among them', () => {
    expect(
      outcomesDue([
        { answered: true, overdue: false },
        { answered: false, overdue: true },
        { answered: false, overdue: false },
      ]),
    ).toEqual({ due: 2, overdue: 1 });
    expect(outcomesDue([])).toEqual({ due: 0, overdue: 0 });
  });

  it('counts every proposal being handled as due, and the overdue', () => {
    expect(proposalsDue([{ overdue: true }, { overdue: false }, { overdue: true }])).toEqual({ due: 3, overdue: 2 });
  });
});
