import { describe, expect, it } from 'vitest';
import type { Me, ProposalDetail } from '@yishi/protocol';
import {
  proposalFiltersFrom,
  proposalsAddress,
  proposalsApiQuery,
  relationTo,
  repliesOf,
  replyDepartment,
  viewsFor,
} from './proposals';

const me = (role: string, departmentId: string | null = null): Me =>
  ({
    user: { id: 'u1' },
    memberships: [{ orgId: 'o1', role, departmentId, active: true, org: { id: 'o1' } }],
  }) as unknown as Me;

const proposal = (over: Partial<ProposalDetail> = {}): ProposalDetail =>
  ({
    id: 'p1',
    orgId: 'o1',
    authorId: 'a',
    cosigners: [
      { userId: 'c1', invitedAt: 't', confirmedAt: 't' },
      { userId: 'c2', invitedAt: 't', confirmedAt: null },
    ],
    leadDepartmentId: 'd1',
    coDepartmentIds: ['d2'],
    replies: [],
    round: 1,
    ...over,
  }) as unknown as ProposalDetail;

const reply = (departmentId: string, round: 1 | 2) => ({
  departmentId,
  classification: 'A' as const,
  body: 'x',
  by: 'u',
  at: 't',
  round,
});

describe('the proposal list’s filters', () => {
  it('reads an address, leaving out what it does not know', () => {
    const params = new URLSearchParams('orgId=o1&view=department&status=handling&category=nonsense&q=%20电梯%20');
    expect(proposalFiltersFrom(params)).toEqual({
      orgId: 'o1',
      view: 'department',
      status: 'handling',
      category: '',
      q: '电梯',
    });
    expect(proposalFiltersFrom(new URLSearchParams('view=everything')).view).toBe('mine');
  });

  it('writes the address back, the default view left out', () => {
    const filters = { orgId: 'o1', view: 'mine' as const, status: '' as const, category: 'health' as const, q: '' };
    expect(proposalsAddress(filters)).toBe('?orgId=o1&category=health');
    expect(proposalFiltersFrom(new URLSearchParams(proposalsAddress(filters)))).toEqual(filters);
  });

  it('asks the API for the reader’s own, their department’s, or all', () => {
    const base = { orgId: 'o1', status: '' as const, category: '' as const, q: '加装 电梯' };
    expect(proposalsApiQuery({ ...base, view: 'mine' }, null)).toBe(
      '?q=%E5%8A%A0%E8%A3%85+%E7%94%B5%E6%A2%AF&mine=true',
    );
    expect(proposalsApiQuery({ ...base, q: '', view: 'department' }, 'd1')).toBe('?departmentId=d1');
    expect(proposalsApiQuery({ ...base, q: '', view: 'department' }, null)).toBeNull();
    expect(proposalsApiQuery({ ...base, q: '', view: 'all' }, 'd1')).toBe('');
  });

  it('offers the department view to an official only', () => {
    expect(viewsFor(me('official', 'd1'), 'o1')).toEqual(['mine', 'department', 'all']);
    expect(viewsFor(me('member'), 'o1')).toEqual(['mine', 'all']);
    expect(viewsFor(me('official', 'd1'), 'elsewhere')).toEqual(['mine', 'all']);
  });
});

describe('a proposal’s page', () => {
  it('knows the reader as author, invitee, co-signer or reader', () => {
    const p = proposal();
    expect(['a', 'c2', 'c1', 'x'].map((id) => relationTo(p, id))).toEqual(['author', 'invited', 'cosigner', 'reader']);
  });

  it('lists a round’s replies with the lead department’s first', () => {
    const p = proposal({ replies: [reply('d2', 1), reply('d1', 1), reply('d2', 2)] });
    expect(repliesOf(p, 1).map((r) => r.departmentId)).toEqual(['d1', 'd2']);
    expect(repliesOf(p, 2).map((r) => r.departmentId)).toEqual(['d2']);
  });

  it('lets an official reply for a handling department that has not replied in this round', () => {
    expect(replyDepartment(proposal(), me('official', 'd2'))).toBe('d2');
    expect(replyDepartment(proposal(), me('official', 'd3'))).toBeNull();
    expect(replyDepartment(proposal({ replies: [reply('d2', 1)] }), me('official', 'd2'))).toBeNull();
    expect(replyDepartment(proposal({ replies: [reply('d2', 1)], round: 2 }), me('official', 'd2'))).toBe('d2');
    expect(replyDepartment(proposal(), me('member'))).toBeNull();
  });
});
