import { describe, expect, it } from 'vitest';
import { assessProposal, replyToProposal } from './handling.js';
import {
  isOverdue,
  opinionInputFromProposal,
  pendingDepartments,
  proposalDutyCredits,
  proposalNumber,
  whoActsNext,
} from './queries.js';
import { submitOpinion } from './opinions.js';
import {
  author,
  clock,
  closedProposal,
  coOfficial,
  draftProposal,
  draftWithCosigners,
  handlingProposal,
  leadOfficial,
  member,
  mergedProposal,
  notAcceptedProposal,
  now,
  repliedProposal,
  reply,
  submittedProposal,
  value,
} from './test/fixtures.js';
import { PROPOSAL_LIMITS } from './types.js';

describe('proposal numbers', () => {
  it('are the year and a four-digit count', () => {
    expect(proposalNumber(2026, 7)).toBe('2026-0007');
    expect(proposalNumber(2026, 1234)).toBe('2026-1234');
    expect(proposalNumber(2026, 12345)).toBe('2026-12345');
  });

  it('refuse what is not a year or a count', () => {
    for (const [year, sequence] of [
      [26, 1],
      [2026, 0],
      [2026, 1.5],
      [2026.5, 1],
    ] as const) {
      expect(() => proposalNumber(year, sequence)).toThrow(RangeError);
    }
  });
});

describe('whom a proposal waits for', () => {
  it('follows the proposal through its statuses', () => {
    expect(whoActsNext(draftProposal())).toBe('author');
    expect(whoActsNext(draftWithCosigners([member(1), member(2)], 1))).toBe('cosigners');
    expect(whoActsNext(draftWithCosigners([member(1), member(2)]))).toBe('author');
    expect(whoActsNext(submittedProposal())).toBe('secretariat');
    expect(whoActsNext(handlingProposal())).toBe('departments');
    expect(whoActsNext(repliedProposal())).toBe('author');
    for (const p of [closedProposal(), notAcceptedProposal(), mergedProposal()]) expect(whoActsNext(p)).toBeNull();
  });

  it('names the departments that still owe a reply, the lead first', () => {
    expect(pendingDepartments(handlingProposal())).toEqual(['d-lead', 'd-co1', 'd-co2']);
    const co = value(replyToProposal(handlingProposal(), coOfficial, reply('d-co1'), clock));
    expect(pendingDepartments(co)).toEqual(['d-lead', 'd-co2']);
    const back = value(
      assessProposal(repliedProposal(), author, { satisfaction: 'unsatisfied', comment: '不具体' }, clock),
    );
    expect(pendingDepartments(back)).toEqual(['d-lead', 'd-co1', 'd-co2']);
    expect(pendingDepartments(submittedProposal())).toEqual([]);
    expect(pendingDepartments(repliedProposal())).toEqual([]);
  });
});

describe('an overdue proposal', () => {
  it('is one being handled after its due date without the lead department’s reply', () => {
    const proposal = handlingProposal();
    expect(proposal.dueDate).toBe('2026-06-30');
    expect(isOverdue(proposal, '2026-06-30')).toBe(false);
    expect(isOverdue(proposal, '2026-07-01')).toBe(true);
    const co = value(replyToProposal(proposal, coOfficial, reply('d-co1'), clock));
    expect(isOverdue(co, '2026-07-01')).toBe(true);
    const lead = value(replyToProposal(proposal, leadOfficial, reply('d-lead'), clock));
    expect(isOverdue(lead, '2026-07-01')).toBe(false);
    for (const p of [submittedProposal(), closedProposal(), notAcceptedProposal()])
      expect(isOverdue(p, '2030-01-01')).toBe(false);
  });

  it('is overdue again in a second round past the due date', () => {
    const back = value(
      assessProposal(repliedProposal(), author, { satisfaction: 'unsatisfied', comment: '不具体' }, clock),
    );
    expect(isOverdue(back, '2026-07-01')).toBe(true);
  });
});

describe('what a proposal earns on the duty record', () => {
  it('is nothing for a draft', () => {
    expect(proposalDutyCredits(draftWithCosigners([member(1)]))).toEqual([]);
  });

  it('is a lead proposal, a co-signed one per confirmed co-signer, and acceptance for the author', () => {
    expect(proposalDutyCredits(submittedProposal())).toEqual([
      { userId: 'u-author', count: 'proposalsLead' },
      { userId: 'u-m1', count: 'proposalsCosigned' },
      { userId: 'u-m2', count: 'proposalsCosigned' },
    ]);
    for (const p of [handlingProposal(), closedProposal()]) {
      expect(proposalDutyCredits(p)).toContainEqual({ userId: 'u-author', count: 'proposalsAccepted' });
    }
    for (const p of [notAcceptedProposal(), mergedProposal()]) {
      expect(proposalDutyCredits(p).map((c) => c.count)).toEqual([
        'proposalsLead',
        'proposalsCosigned',
        'proposalsCosigned',
      ]);
    }
  });
});

describe('a proposal turned into an opinion report', () => {
  it('keeps the title and category, and carries the reasons then the suggestions', () => {
    const proposal = notAcceptedProposal();
    expect(opinionInputFromProposal(proposal)).toEqual({
      title: proposal.title,
      body: `${proposal.reasons}\n\n${proposal.suggestions}`,
      category: proposal.category,
    });
  });

  it('fits in a report even at the longest', () => {
    const longest = {
      ...notAcceptedProposal(),
      title: 'x'.repeat(PROPOSAL_LIMITS.title),
      reasons: 'x'.repeat(PROPOSAL_LIMITS.reasons),
      suggestions: 'x'.repeat(PROPOSAL_LIMITS.suggestions),
    };
    const ctx = { id: 'o-1', orgId: 'org-1', actor: author, now, fromProposalId: longest.id };
    expect(value(submitOpinion(opinionInputFromProposal(longest), ctx)).fromProposalId).toBe('p-1');
  });
});
