import { describe, expect, it } from 'vitest';
import { mayOpenConsultation, nextActions, proposalActionStatuses, proposalEdges, ProposalActions } from './flow.js';
import { convertToOpinion } from './handling.js';
import {
  author,
  chair,
  closedProposal,
  coOfficial,
  draftProposal,
  draftWithCosigners,
  everyone,
  handlingProposal,
  leadOfficial,
  member,
  mergedProposal,
  notAcceptedProposal,
  otherOfficial,
  repliedProposal,
  secretariat,
  submittedProposal,
  value,
} from './test/fixtures.js';
import { ProposalStatuses } from './types.js';
import type { DutyActor, Proposal } from './types.js';

/** Every actor who has something to do, with what; everyone else has nothing. */
function actionsOf(proposal: Proposal): Record<string, string[]> {
  const listed: Record<string, string[]> = {};
  for (const actor of everyone) {
    const actions = nextActions(proposal, actor);
    if (actions.length > 0) listed[actor.userId] = actions;
  }
  return listed;
}

describe('the next actions', () => {
  it('of a draft are the author’s, and the invited members’', () => {
    expect(actionsOf(draftProposal())).toEqual({ 'u-author': ['edit', 'invite_cosigner', 'submit'] });
    expect(actionsOf(draftWithCosigners([member(1), member(2)], 1))).toEqual({
      'u-author': ['edit', 'invite_cosigner', 'withdraw_invitation'],
      'u-m1': ['decline_cosign'],
      'u-m2': ['cosign', 'decline_cosign'],
    });
  });

  it('move to the secretariat, the departments, the author, and the chair', () => {
    expect(actionsOf(submittedProposal())).toEqual({ 'u-sec': ['review'] });
    expect(actionsOf(handlingProposal())).toEqual({
      'u-chair': ['flag_key', 'open_consultation'],
      'u-o-lead': ['reply'],
      'u-o-co1': ['reply'],
      'u-o-co2': ['reply'],
    });
    expect(actionsOf(repliedProposal())).toEqual({
      'u-author': ['assess'],
      'u-chair': ['flag_key', 'open_consultation'],
    });
    expect(actionsOf(closedProposal())).toEqual({ 'u-chair': ['flag_key'] });
  });

  it('end with the author’s one conversion of a declined proposal, and nothing for a merged one', () => {
    const declined = notAcceptedProposal();
    expect(actionsOf(declined)).toEqual({ 'u-author': ['convert_to_opinion'] });
    expect(actionsOf(value(convertToOpinion(declined, author, { opinionId: 'o-1' })))).toEqual({});
    expect(actionsOf(mergedProposal())).toEqual({});
  });

  it('leave out a department that has replied in this round', () => {
    const proposal = handlingProposal();
    const replied = {
      ...proposal,
      replies: [{ departmentId: 'd-co1', classification: 'B', body: '.', by: 'x', at: 'y', round: 1 }],
    } satisfies Proposal;
    expect(nextActions(replied, coOfficial)).toEqual([]);
    expect(nextActions({ ...replied, round: 2 }, coOfficial)).toEqual(['reply']);
  });
});

describe('the tables', () => {
  it('leave merged without any action, and closed, not_accepted and merged without a way out', () => {
    const used = new Set(Object.values(proposalActionStatuses).flat());
    expect(ProposalStatuses.filter((s) => !used.has(s))).toEqual(['merged']);
    expect(proposalEdges.filter((e) => ['closed', 'not_accepted', 'merged'].includes(e.from))).toEqual([]);
  });

  it('take each edge by an action allowed in its starting status', () => {
    for (const edge of proposalEdges) expect(proposalActionStatuses[edge.action]).toContain(edge.from);
    expect(ProposalActions.filter((a) => proposalActionStatuses[a].length === 0)).toEqual([]);
  });
});

describe('opening a consultation on a proposal', () => {
  it('is the chair’s, while the proposal is handled or replied', () => {
    const may = (p: Proposal, actor: DutyActor) => mayOpenConsultation(p, actor);
    expect(may(handlingProposal(), chair)).toBe(true);
    expect(may(repliedProposal(), chair)).toBe(true);
    for (const p of [draftProposal(), submittedProposal(), closedProposal(), notAcceptedProposal()])
      expect(may(p, chair)).toBe(false);
    for (const actor of [secretariat, author, leadOfficial, otherOfficial])
      expect(may(handlingProposal(), actor)).toBe(false);
  });
});
