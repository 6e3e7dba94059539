import { describe, expect, it } from 'vitest';
import { assessProposal, replyToProposal } from './handling.js';
import { opinionNotices, overdueNotices, proposalNotices } from './notices.js';
import { compileBulletin, editOpinion, handleOpinion, recordInstruction } from './opinions.js';
import { inviteCosigner, submitProposal } from './proposals.js';
import {
  adoptedOpinion,
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
  opinionInput,
  reply,
  repliedProposal,
  secretariat,
  submittedOpinion,
  submittedProposal,
  value,
} from './test/fixtures.js';

const unsatisfied = { satisfaction: 'unsatisfied' as const, comment: '没有回应第二条建议。' };

describe('whom a change of a proposal asks to act next', () => {
  it('asks an invitee to co-sign, and nobody when a draft is filed or a co-signer confirms', () => {
    expect(proposalNotices(null, draftProposal())).toEqual([]);
    const invited = value(inviteCosigner(draftProposal(), author, member(1), clock));
    expect(proposalNotices(draftProposal(), invited)).toEqual([
      { kind: 'proposal_cosign_invited', to: { people: ['u-m1'] }, data: {} },
    ]);
    expect(proposalNotices(invited, draftWithCosigners([member(1)]))).toEqual([]);
  });

  it('sends a submitted proposal to the secretariat', () => {
    const draft = draftWithCosigners([member(1), member(2)]);
    expect(proposalNotices(draft, value(submitProposal(draft, author, clock)))).toEqual([
      { kind: 'proposal_submitted', to: { secretariat: true }, data: {} },
    ]);
  });

  it('tells the signers an acceptance and assigns the lead and co-departments with the due date', () => {
    expect(proposalNotices(submittedProposal(), handlingProposal())).toEqual([
      {
        kind: 'proposal_reviewed',
        to: { people: ['u-author', 'u-m1', 'u-m2'] },
        data: { decision: 'accepted', number: '2026-0007' },
      },
      {
        kind: 'proposal_assigned',
        to: { departments: ['d-lead', 'd-co1', 'd-co2'] },
        data: { dueDate: '2026-06-30', number: '2026-0007' },
      },
    ]);
  });

  it('tells the signers, and only them, that a proposal was not accepted or merged', () => {
    const signers = { people: ['u-author', 'u-m1', 'u-m2'] };
    expect(proposalNotices(submittedProposal(), notAcceptedProposal())).toEqual([
      { kind: 'proposal_reviewed', to: signers, data: { decision: 'not_accepted' } },
    ]);
    expect(proposalNotices(submittedProposal(), mergedProposal())).toEqual([
      { kind: 'proposal_reviewed', to: signers, data: { decision: 'merged' } },
    ]);
  });

  it('asks the author to assess once the lead department replied, not after a co-department', () => {
    const handling = handlingProposal();
    const coReplied = value(replyToProposal(handling, coOfficial, reply('d-co1'), clock));
    expect(proposalNotices(handling, coReplied)).toEqual([]);
    const leadReplied = value(replyToProposal(coReplied, leadOfficial, reply('d-lead'), clock));
    expect(proposalNotices(coReplied, leadReplied)).toEqual([
      { kind: 'proposal_replied', to: { people: ['u-author'] }, data: { number: '2026-0007' } },
    ]);
  });

  it('sends an unsatisfied first round back to every department, and tells nobody of a close', () => {
    const replied = repliedProposal();
    const returned = value(assessProposal(replied, author, unsatisfied, clock));
    expect(proposalNotices(replied, returned)).toEqual([
      {
        kind: 'proposal_returned',
        to: { departments: ['d-lead', 'd-co1', 'd-co2'] },
        data: { dueDate: '2026-06-30', number: '2026-0007' },
      },
    ]);
    expect(proposalNotices(replied, closedProposal())).toEqual([]);
  });
});

describe('chasing an overdue lead reply', () => {
  it('chases the lead department and the secretariat once per round and due date', () => {
    const p = handlingProposal();
    expect(overdueNotices(p, '2026-06-30')).toBeNull();
    const chase = overdueNotices(p, '2026-07-01');
    expect(chase).toEqual({
      key: 'proposal_overdue:p-1:1:2026-06-30',
      notices: [
        {
          kind: 'proposal_overdue',
          to: { departments: ['d-lead'] },
          data: { dueDate: '2026-06-30', number: '2026-0007' },
        },
        { kind: 'proposal_overdue', to: { secretariat: true }, data: { dueDate: '2026-06-30', number: '2026-0007' } },
      ],
    });
    const returned = value(assessProposal(repliedProposal(p), author, unsatisfied, clock));
    expect(overdueNotices(returned, '2026-07-01')?.key).toBe('proposal_overdue:p-1:2:2026-06-30');
  });

  it('does not chase once the lead department replied, nor a closed proposal', () => {
    const leadOnly = value(replyToProposal(handlingProposal(), leadOfficial, reply('d-lead'), clock));
    expect(overdueNotices(leadOnly, '2026-07-01')).toBeNull();
    expect(overdueNotices(closedProposal(), '2026-07-01')).toBeNull();
  });
});

describe('whom a change of an opinion report tells', () => {
  const toAuthor = { people: [author.userId] };

  it('sends a new report to the secretariat, and tells nobody of the secretariat’s edit', () => {
    const submitted = submittedOpinion();
    expect(opinionNotices(null, submitted)).toEqual([
      { kind: 'opinion_submitted', to: { secretariat: true }, data: {} },
    ]);
    const edited = value(editOpinion(submitted, secretariat, { ...opinionInput, title: '改过的标题' }, clock));
    expect(opinionNotices(submitted, edited)).toEqual([]);
  });

  it('tells the author the decision either way', () => {
    const submitted = submittedOpinion();
    expect(opinionNotices(submitted, adoptedOpinion())).toEqual([
      { kind: 'opinion_handled', to: toAuthor, data: { decision: 'adopted' } },
    ]);
    const declined = value(
      handleOpinion(submitted, secretariat, { decision: 'not_adopted', note: '已有同类信息。' }, clock),
    );
    expect(opinionNotices(submitted, declined)).toEqual([
      { kind: 'opinion_handled', to: toAuthor, data: { decision: 'not_adopted' } },
    ]);
  });

  it('tells the author of each bulletin with its number, and of each instruction with who wrote it', () => {
    const adopted = adoptedOpinion();
    const compiled = value(
      compileBulletin({ title: '社情民意专报', opinionIds: [adopted.id] }, [adopted], {
        ...clock,
        id: 'b-1',
        orgId: adopted.orgId,
        actor: secretariat,
        number: '2026-03',
      }),
    );
    const inBulletin = compiled.opinions[0]!;
    expect(opinionNotices(adopted, inBulletin, [compiled.bulletin])).toEqual([
      { kind: 'opinion_in_bulletin', to: toAuthor, data: { number: '2026-03' } },
    ]);
    const instruction = { by: '李市长', text: '请住建局研究办理。', date: '2026-03-09' };
    const once = value(recordInstruction(inBulletin, secretariat, instruction, clock));
    const twice = value(recordInstruction(once, secretariat, { ...instruction, by: '王副市长' }, clock));
    expect(opinionNotices(once, twice)).toEqual([
      { kind: 'opinion_instructed', to: toAuthor, data: { by: '王副市长' } },
    ]);
    expect(opinionNotices(inBulletin, once).map((n) => n.data.by)).toEqual(['李市长']);
  });
});
