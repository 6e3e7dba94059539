import { describe, expect, it } from 'vitest';
import {
  cosign,
  createProposal,
  declineCosign,
  editProposal,
  inviteCosigner,
  submitProposal,
  withdrawInvitation,
} from './proposals.js';
import {
  admin,
  author,
  chair,
  clock,
  coOfficial,
  draftProposal,
  draftWithCosigners,
  expectRefused,
  member,
  now,
  observer,
  outsiders,
  proposalInput,
  secretariat,
  submittedProposal,
  value,
} from './test/fixtures.js';
import { PROPOSAL_LIMITS } from './types.js';
import type { DutyActor, ProposalInput } from './types.js';

const create = (input: ProposalInput, actor: DutyActor = author) =>
  createProposal(input, { id: 'p-1', orgId: 'org-1', actor, now });

describe('filing a proposal', () => {
  it('makes a draft of the trimmed text, with nothing reviewed yet', () => {
    const proposal = value(create({ ...proposalInput, title: `  ${proposalInput.title}  ` }));
    expect(proposal).toMatchObject({
      id: 'p-1',
      orgId: 'org-1',
      status: 'draft',
      number: null,
      authorId: 'u-author',
      cosigners: [],
      title: proposalInput.title,
      createdAt: now,
      submittedAt: null,
      decision: null,
      coDepartmentIds: [],
      round: 1,
      key: false,
      convertedToOpinionId: null,
    });
  });

  it('is for members only', () => {
    for (const actor of [admin, secretariat, chair, coOfficial, observer]) {
      expectRefused(proposalInput, (input) => create(input, actor), 'FORBIDDEN', 'not_member');
    }
  });

  it('wants a title, reasons and suggestions within their limits, and a known category', () => {
    for (const field of ['title', 'reasons', 'suggestions'] as const) {
      expectRefused({ ...proposalInput, [field]: '  ' }, create, 'VALIDATION', 'required');
      const long = 'x'.repeat(PROPOSAL_LIMITS[field] + 1);
      expectRefused({ ...proposalInput, [field]: long }, create, 'VALIDATION', 'too_long');
      expect(value(create({ ...proposalInput, [field]: ` ${long.slice(1)} ` }))[field]).toHaveLength(
        PROPOSAL_LIMITS[field],
      );
    }
    const category = 'sports' as ProposalInput['category'];
    expectRefused({ ...proposalInput, category }, create, 'VALIDATION', 'unknown_category');
  });

  it('names the field at fault', () => {
    const outcome = create({ ...proposalInput, suggestions: '' });
    expect(outcome.ok ? null : outcome.error.field).toBe('suggestions');
  });
});

describe('editing a draft', () => {
  const edited = { ...proposalInput, title: '关于完善居家养老服务的建议' };

  it('replaces the text; a change asks the co-signers to confirm again', () => {
    const proposal = draftWithCosigners([member(1), member(2)]);
    const changed = value(editProposal(proposal, author, edited));
    expect(changed.title).toBe(edited.title);
    expect(changed.cosigners.map((c) => c.confirmedAt)).toEqual([null, null]);
    const same = value(editProposal(proposal, author, { ...proposalInput, reasons: ` ${proposalInput.reasons} ` }));
    expect(same.cosigners).toEqual(proposal.cosigners);
  });

  it('is for the author, in draft, with valid text', () => {
    for (const actor of [...outsiders, member(1)]) {
      expectRefused(draftWithCosigners([member(1)]), (p) => editProposal(p, actor, edited), 'FORBIDDEN', 'not_author');
    }
    expectRefused(submittedProposal(), (p) => editProposal(p, author, edited), 'CONFLICT', 'wrong_status');
    expectRefused(draftProposal(), (p) => editProposal(p, author, { ...edited, title: '' }), 'VALIDATION', 'required');
  });
});

describe('co-signers', () => {
  it('are invited by the author, then confirm', () => {
    const invited = value(inviteCosigner(draftProposal(), author, member(1), clock));
    expect(invited.cosigners).toEqual([{ userId: 'u-m1', invitedAt: now, confirmedAt: null }]);
    const confirmed = value(cosign(invited, member(1), { now: '2026-03-11T00:00:00.000Z' }));
    expect(confirmed.cosigners).toEqual([{ userId: 'u-m1', invitedAt: now, confirmedAt: '2026-03-11T00:00:00.000Z' }]);
  });

  it('are members of the organisation other than the author, each invited once', () => {
    const invite = (invitee: DutyActor) => (p: ReturnType<typeof draftProposal>) =>
      inviteCosigner(p, author, invitee, clock);
    for (const invitee of [admin, secretariat, chair, coOfficial, observer]) {
      expectRefused(draftProposal(), invite(invitee), 'VALIDATION', 'invitee_not_member');
    }
    expectRefused(draftProposal(), invite(author), 'VALIDATION', 'invitee_is_author');
    expectRefused(draftWithCosigners([member(1)], 0), invite(member(1)), 'CONFLICT', 'already_invited');
  });

  it('number at most fifty', () => {
    const full = draftWithCosigners(Array.from({ length: PROPOSAL_LIMITS.cosigners }, (_, i) => member(100 + i)));
    expect(full.cosigners).toHaveLength(PROPOSAL_LIMITS.cosigners);
    expectRefused(full, (p) => inviteCosigner(p, author, member(1), clock), 'CONFLICT', 'cosigner_limit');
  });

  it('are invited by the author only, in draft', () => {
    for (const actor of [...outsiders, member(1)]) {
      expectRefused(draftProposal(), (p) => inviteCosigner(p, actor, member(2), clock), 'FORBIDDEN', 'not_author');
    }
    expectRefused(submittedProposal(), (p) => inviteCosigner(p, author, member(3), clock), 'CONFLICT', 'wrong_status');
  });

  it('confirm only their own invitation, once, in draft', () => {
    const proposal = draftWithCosigners([member(1)], 0);
    for (const actor of [...outsiders, author]) {
      expectRefused(proposal, (p) => cosign(p, actor, clock), 'FORBIDDEN', 'not_invited');
    }
    expectRefused(
      value(cosign(proposal, member(1), clock)),
      (p) => cosign(p, member(1), clock),
      'CONFLICT',
      'already_cosigned',
    );
    expectRefused(submittedProposal(), (p) => cosign(p, member(1), clock), 'CONFLICT', 'wrong_status');
  });

  it('may take their name off the draft, confirmed or not', () => {
    const proposal = draftWithCosigners([member(1), member(2)], 1);
    expect(value(declineCosign(proposal, member(1))).cosigners.map((c) => c.userId)).toEqual(['u-m2']);
    expect(value(declineCosign(proposal, member(2))).cosigners.map((c) => c.userId)).toEqual(['u-m1']);
    for (const actor of [...outsiders, author]) {
      expectRefused(proposal, (p) => declineCosign(p, actor), 'FORBIDDEN', 'not_invited');
    }
    expectRefused(submittedProposal(), (p) => declineCosign(p, member(1)), 'CONFLICT', 'wrong_status');
  });

  it('are taken off by the author, confirmed or not, in draft', () => {
    const proposal = draftWithCosigners([member(1), member(2)], 1);
    expect(value(withdrawInvitation(proposal, author, 'u-m2')).cosigners.map((c) => c.userId)).toEqual(['u-m1']);
    expect(value(withdrawInvitation(proposal, author, 'u-m1')).cosigners.map((c) => c.userId)).toEqual(['u-m2']);
    expectRefused(proposal, (p) => withdrawInvitation(p, author, 'u-m3'), 'VALIDATION', 'unknown_cosigner');
    expectRefused(draftProposal(), (p) => withdrawInvitation(p, author, 'u-m1'), 'CONFLICT', 'no_invitations');
    for (const actor of [...outsiders, member(1)]) {
      expectRefused(proposal, (p) => withdrawInvitation(p, actor, 'u-m2'), 'FORBIDDEN', 'not_author');
    }
    expectRefused(submittedProposal(), (p) => withdrawInvitation(p, author, 'u-m1'), 'CONFLICT', 'wrong_status');
  });
});

describe('submitting', () => {
  it('sends the draft to the proposals committee', () => {
    const at = '2026-03-12T08:00:00.000Z';
    expect(value(submitProposal(draftProposal(), author, { now: at }))).toMatchObject({
      status: 'submitted',
      submittedAt: at,
    });
    expect(value(submitProposal(draftWithCosigners([member(1)]), author, clock)).status).toBe('submitted');
  });

  it('waits until every invited co-signer has confirmed', () => {
    const pending = draftWithCosigners([member(1), member(2)], 1);
    expectRefused(pending, (p) => submitProposal(p, author, clock), 'CONFLICT', 'pending_cosigners');
    const withdrawn = value(withdrawInvitation(pending, author, 'u-m2'));
    expect(value(submitProposal(withdrawn, author, clock)).status).toBe('submitted');
  });

  it('is for the author, once', () => {
    for (const actor of [...outsiders, member(1)]) {
      expectRefused(draftWithCosigners([member(1)]), (p) => submitProposal(p, actor, clock), 'FORBIDDEN', 'not_author');
    }
    expectRefused(submittedProposal(), (p) => submitProposal(p, author, clock), 'CONFLICT', 'wrong_status');
  });
});
