import { describe, expect, it } from 'vitest';
import { assessProposal, convertToOpinion, flagKeyProposal, replyToProposal, reviewProposal } from './handling.js';
import {
  acceptance,
  admin,
  author,
  chair,
  clock,
  closedProposal,
  co2Official,
  coOfficial,
  draftProposal,
  expectRefused,
  handlingProposal,
  leadOfficial,
  member,
  mergedProposal,
  notAcceptedProposal,
  now,
  observer,
  officialWithoutDepartment,
  otherOfficial,
  outsiders,
  repliedProposal,
  reply,
  reviewContext,
  secretariat,
  submittedProposal,
  value,
} from './test/fixtures.js';
import { PROPOSAL_LIMITS } from './types.js';
import type { AssessmentInput, Proposal, ReviewInput } from './types.js';

const review =
  (input: ReviewInput, ctx = reviewContext) =>
  (p: Proposal) =>
    reviewProposal(p, secretariat, input, ctx);
const notSubmitted = () => [
  draftProposal(),
  handlingProposal(),
  repliedProposal(),
  closedProposal(),
  notAcceptedProposal(),
  mergedProposal(),
];

describe('reviewing a submitted proposal', () => {
  it('accepts it with a number, departments and a due date, for round 1', () => {
    expect(value(review(acceptance)(submittedProposal()))).toMatchObject({
      status: 'handling',
      number: '2026-0007',
      reviewedBy: 'u-sec',
      reviewedAt: now,
      decision: 'accepted',
      reason: null,
      leadDepartmentId: 'd-lead',
      coDepartmentIds: ['d-co1', 'd-co2'],
      dueDate: '2026-06-30',
      round: 1,
      closedAt: null,
    });
    const alone = value(review({ ...acceptance, coDepartmentIds: [], dueDate: '2026-03-11' })(submittedProposal()));
    expect(alone.coDepartmentIds).toEqual([]);
  });

  it('declines it with a reason, or merges it into another', () => {
    expect(notAcceptedProposal()).toMatchObject({
      status: 'not_accepted',
      decision: 'not_accepted',
      reason: '不属于政协提案受理范围',
      number: null,
      closedAt: now,
    });
    expect(mergedProposal()).toMatchObject({ status: 'merged', mergedInto: 'p-2', number: null, closedAt: now });
  });

  it('is for the secretariat, on submitted proposals only', () => {
    for (const actor of [admin, chair, author, member(1), leadOfficial, observer]) {
      expectRefused(
        submittedProposal(),
        (p) => reviewProposal(p, actor, acceptance, reviewContext),
        'FORBIDDEN',
        'not_secretariat',
      );
    }
    for (const proposal of notSubmitted()) expectRefused(proposal, review(acceptance), 'CONFLICT', 'wrong_status');
  });

  it('accepts only with known, distinct departments and a due date after today', () => {
    const refuse = (input: Partial<ReviewInput>, reason: Parameters<typeof expectRefused>[3]) =>
      expectRefused(submittedProposal(), review({ ...acceptance, ...input }), 'VALIDATION', reason);
    refuse({ leadDepartmentId: undefined }, 'required');
    refuse({ leadDepartmentId: '' }, 'required');
    refuse({ leadDepartmentId: ' d-lead' }, 'unknown_department');
    refuse({ leadDepartmentId: 'd-unknown' }, 'unknown_department');
    refuse({ coDepartmentIds: ['d-co1', 'd-unknown'] }, 'unknown_department');
    refuse({ coDepartmentIds: ['d-co1', 'd-lead'] }, 'lead_among_co_departments');
    refuse({ coDepartmentIds: ['d-co1', 'd-co1'] }, 'duplicate_department');
    refuse({ dueDate: undefined }, 'required');
    refuse({ dueDate: '2026-3-31' }, 'invalid_date');
    refuse({ dueDate: '2026-02-30' }, 'invalid_date');
    refuse({ dueDate: clock.today }, 'due_date_not_future');
    refuse({ dueDate: '2026-03-09' }, 'due_date_not_future');
    refuse({ reason: 'x'.repeat(PROPOSAL_LIMITS.reviewReason + 1) }, 'too_long');
    expectRefused(
      submittedProposal(),
      review(acceptance, { ...reviewContext, number: undefined }),
      'VALIDATION',
      'number_missing',
    );
    expectRefused(
      submittedProposal(),
      review(acceptance, { ...reviewContext, number: ' ' }),
      'VALIDATION',
      'number_missing',
    );
  });

  it('names at most ten co-departments', () => {
    const many = Array.from({ length: PROPOSAL_LIMITS.coDepartments + 1 }, (_, i) => `d-${i}`);
    const ctx = { ...reviewContext, departmentIds: ['d-lead', ...many] };
    expectRefused(
      submittedProposal(),
      review({ ...acceptance, coDepartmentIds: many }, ctx),
      'VALIDATION',
      'too_many_co_departments',
    );
    const ten = value(review({ ...acceptance, coDepartmentIds: many.slice(1) }, ctx)(submittedProposal()));
    expect(ten.coDepartmentIds).toHaveLength(PROPOSAL_LIMITS.coDepartments);
  });

  it('declines only with a reason, and merges only into another proposal', () => {
    for (const reason of [undefined, '', '  ']) {
      expectRefused(submittedProposal(), review({ decision: 'not_accepted', reason }), 'VALIDATION', 'required');
    }
    expectRefused(submittedProposal(), review({ decision: 'merged' }), 'VALIDATION', 'required');
    expectRefused(
      submittedProposal(),
      review({ decision: 'merged', mergedInto: 'p-1' }),
      'VALIDATION',
      'merged_into_self',
    );
    const unknown = { decision: 'postponed' as ReviewInput['decision'] };
    expectRefused(submittedProposal(), review(unknown), 'VALIDATION', 'unknown_decision');
  });
});

describe('the departments’ replies', () => {
  it('from a co-department keep the proposal in handling; the lead’s moves it to replied', () => {
    const co = value(replyToProposal(handlingProposal(), coOfficial, reply('d-co1'), clock));
    expect(co.status).toBe('handling');
    expect(co.replies).toEqual([{ ...reply('d-co1'), by: 'u-o-co1', at: now, round: 1 }]);
    const lead = value(replyToProposal(co, leadOfficial, { ...reply('d-lead'), body: '  已办理。 ' }, clock));
    expect(lead.status).toBe('replied');
    expect(lead.replies.at(-1)).toEqual({
      departmentId: 'd-lead',
      classification: 'A',
      body: '已办理。',
      by: 'u-o-lead',
      at: now,
      round: 1,
    });
  });

  it('come from an official of an assigned department, for that department', () => {
    for (const actor of [admin, secretariat, chair, author, member(1), observer]) {
      expectRefused(
        handlingProposal(),
        (p) => replyToProposal(p, actor, reply('d-lead'), clock),
        'FORBIDDEN',
        'not_official',
      );
    }
    for (const actor of [otherOfficial, officialWithoutDepartment]) {
      expectRefused(
        handlingProposal(),
        (p) => replyToProposal(p, actor, reply('d-other'), clock),
        'FORBIDDEN',
        'department_not_assigned',
      );
    }
    expectRefused(
      handlingProposal(),
      (p) => replyToProposal(p, coOfficial, reply('d-lead'), clock),
      'FORBIDDEN',
      'not_your_department',
    );
  });

  it('come once per department per round, while handling', () => {
    const once = value(replyToProposal(handlingProposal(), coOfficial, reply('d-co1'), clock));
    expectRefused(once, (p) => replyToProposal(p, coOfficial, reply('d-co1'), clock), 'CONFLICT', 'already_replied');
    // Once the lead department has replied, the round is over for the co-departments too.
    const leadFirst = value(replyToProposal(handlingProposal(), leadOfficial, reply('d-lead'), clock));
    expectRefused(leadFirst, (p) => replyToProposal(p, coOfficial, reply('d-co1'), clock), 'CONFLICT', 'wrong_status');
    expectRefused(
      closedProposal(),
      (p) => replyToProposal(p, co2Official, reply('d-co2'), clock),
      'CONFLICT',
      'wrong_status',
    );
    // Before acceptance no department is assigned.
    expectRefused(
      submittedProposal(),
      (p) => replyToProposal(p, leadOfficial, reply('d-lead'), clock),
      'FORBIDDEN',
      'department_not_assigned',
    );
  });

  it('are classified A, B or C and say something', () => {
    const classification = 'D' as 'A';
    expectRefused(
      handlingProposal(),
      (p) => replyToProposal(p, leadOfficial, { ...reply('d-lead'), classification }, clock),
      'VALIDATION',
      'unknown_classification',
    );
    expectRefused(
      handlingProposal(),
      (p) => replyToProposal(p, leadOfficial, { ...reply('d-lead'), body: ' ' }, clock),
      'VALIDATION',
      'required',
    );
    const long = 'x'.repeat(PROPOSAL_LIMITS.replyBody + 1);
    expectRefused(
      handlingProposal(),
      (p) => replyToProposal(p, leadOfficial, { ...reply('d-lead'), body: long }, clock),
      'VALIDATION',
      'too_long',
    );
  });
});

describe('the author’s assessment', () => {
  const assess = (input: AssessmentInput) => (p: Proposal) => assessProposal(p, author, input, clock);

  it('closes the proposal when the author is satisfied or basically satisfied', () => {
    for (const satisfaction of ['satisfied', 'basically_satisfied'] as const) {
      const closed = value(assess({ satisfaction, comment: ' 感谢 ' })(repliedProposal()));
      expect(closed).toMatchObject({ status: 'closed', closedAt: now, round: 1 });
      expect(closed.assessments).toEqual([{ satisfaction, comment: '感谢', by: 'u-author', at: now, round: 1 }]);
    }
  });

  it('sends an unsatisfying first round back once; the second round closes either way', () => {
    const unsatisfied = { satisfaction: 'unsatisfied', comment: '措施不具体' } as const;
    const back = value(assess(unsatisfied)(repliedProposal()));
    expect(back).toMatchObject({ status: 'handling', round: 2, closedAt: null });
    const again = value(replyToProposal(back, coOfficial, reply('d-co1'), clock));
    expect(again.replies.filter((r) => r.departmentId === 'd-co1').map((r) => r.round)).toEqual([1, 2]);
    const closed = value(assess(unsatisfied)(repliedProposal(back)));
    expect(closed).toMatchObject({ status: 'closed', round: 2, closedAt: now });
    expect(closed.assessments.map((a) => [a.satisfaction, a.round])).toEqual([
      ['unsatisfied', 1],
      ['unsatisfied', 2],
    ]);
  });

  it('is for the author, on replied proposals, with a comment when unsatisfied', () => {
    const satisfied = { satisfaction: 'satisfied', comment: '' } as const;
    for (const actor of [...outsiders, member(1), leadOfficial]) {
      expectRefused(repliedProposal(), (p) => assessProposal(p, actor, satisfied, clock), 'FORBIDDEN', 'not_author');
    }
    for (const proposal of [submittedProposal(), handlingProposal(), closedProposal(), notAcceptedProposal()]) {
      expectRefused(proposal, assess(satisfied), 'CONFLICT', 'wrong_status');
    }
    expectRefused(repliedProposal(), assess({ satisfaction: 'unsatisfied', comment: ' ' }), 'VALIDATION', 'required');
    const long = 'x'.repeat(PROPOSAL_LIMITS.assessmentComment + 1);
    expectRefused(repliedProposal(), assess({ satisfaction: 'satisfied', comment: long }), 'VALIDATION', 'too_long');
    const satisfaction = 'delighted' as 'satisfied';
    expectRefused(repliedProposal(), assess({ satisfaction, comment: '' }), 'VALIDATION', 'unknown_satisfaction');
  });
});

describe('key proposals', () => {
  it('are flagged and unflagged by the chair once accepted, closed included', () => {
    for (const proposal of [handlingProposal(), repliedProposal(), closedProposal()]) {
      const flagged = value(flagKeyProposal(proposal, chair, true));
      expect(flagged.key).toBe(true);
      expect(value(flagKeyProposal(flagged, chair, false)).key).toBe(false);
    }
  });

  it('are for the chair only, and not before acceptance or after a refusal', () => {
    for (const actor of [admin, secretariat, author, member(1), leadOfficial, observer]) {
      expectRefused(handlingProposal(), (p) => flagKeyProposal(p, actor, true), 'FORBIDDEN', 'not_chair');
    }
    for (const proposal of [draftProposal(), submittedProposal(), notAcceptedProposal(), mergedProposal()]) {
      expectRefused(proposal, (p) => flagKeyProposal(p, chair, true), 'CONFLICT', 'wrong_status');
    }
  });
});

describe('converting a declined proposal to an opinion report', () => {
  it('is the author’s consent, given once', () => {
    const converted = value(convertToOpinion(notAcceptedProposal(), author, { opinionId: 'o-9' }));
    expect(converted.convertedToOpinionId).toBe('o-9');
    expectRefused(
      converted,
      (p) => convertToOpinion(p, author, { opinionId: 'o-10' }),
      'CONFLICT',
      'already_converted',
    );
  });

  it('is for the author, on not-accepted proposals only', () => {
    for (const actor of [...outsiders, member(1)]) {
      expectRefused(
        notAcceptedProposal(),
        (p) => convertToOpinion(p, actor, { opinionId: 'o-9' }),
        'FORBIDDEN',
        'not_author',
      );
    }
    for (const proposal of [
      draftProposal(),
      submittedProposal(),
      handlingProposal(),
      closedProposal(),
      mergedProposal(),
    ]) {
      expectRefused(proposal, (p) => convertToOpinion(p, author, { opinionId: 'o-9' }), 'CONFLICT', 'wrong_status');
    }
  });
});
