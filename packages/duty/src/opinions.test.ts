import { describe, expect, it } from 'vitest';
import {
  compileBulletin,
  editOpinion,
  handleOpinion,
  nextOpinionActions,
  opinionDutyCredits,
  recordInstruction,
  submitOpinion,
} from './opinions.js';
import {
  admin,
  adoptedOpinion,
  author,
  chair,
  clock,
  coOfficial,
  expectRefused,
  member,
  now,
  observer,
  opinionInput,
  secretariat,
  submittedOpinion,
  value,
} from './test/fixtures.js';
import { OPINION_LIMITS } from './types.js';
import type { BulletinInput, DutyActor, HandleOpinionInput, InstructionInput, Opinion, OpinionInput } from './types.js';

const submit = (input: OpinionInput, actor: DutyActor = author) =>
  submitOpinion(input, { id: 'o-1', orgId: 'org-1', actor, now });
const declinedOpinion = (): Opinion =>
  value(handleOpinion(submittedOpinion(), secretariat, { decision: 'not_adopted', note: '已有类似信息' }, clock));
const notSecretariat = [admin, chair, author, member(1), coOfficial, observer];

describe('submitting a report', () => {
  it('is a member’s, trimmed, submitted at once', () => {
    expect(value(submit({ ...opinionInput, title: ` ${opinionInput.title} ` }))).toEqual({
      id: 'o-1',
      orgId: 'org-1',
      authorId: 'u-author',
      ...opinionInput,
      status: 'submitted',
      submittedAt: now,
      handledBy: null,
      handledAt: null,
      note: null,
      editedBy: null,
      editedAt: null,
      bulletinIds: [],
      instructions: [],
      fromProposalId: null,
    });
    const ctx = { id: 'o-2', orgId: 'org-1', actor: author, now, fromProposalId: 'p-1' };
    expect(value(submitOpinion(opinionInput, ctx)).fromProposalId).toBe('p-1');
  });

  it('is refused to anyone but a member, and without a title, a body or a known category', () => {
    for (const actor of [admin, secretariat, chair, coOfficial, observer]) {
      expectRefused(opinionInput, (input) => submit(input, actor), 'FORBIDDEN', 'not_member');
    }
    for (const field of ['title', 'body'] as const) {
      expectRefused({ ...opinionInput, [field]: ' ' }, submit, 'VALIDATION', 'required');
      expectRefused(
        { ...opinionInput, [field]: 'x'.repeat(OPINION_LIMITS[field] + 1) },
        submit,
        'VALIDATION',
        'too_long',
      );
    }
    expectRefused({ ...opinionInput, category: 'x' as 'other' }, submit, 'VALIDATION', 'unknown_category');
  });
});

describe('the secretariat’s edit', () => {
  const edited = { ...opinionInput, body: '修改后的正文。', category: 'governance' } as const;

  it('changes the text of a submitted report and says who edited it', () => {
    expect(value(editOpinion(submittedOpinion(), secretariat, edited, clock))).toMatchObject({
      body: '修改后的正文。',
      category: 'governance',
      editedBy: 'u-sec',
      editedAt: now,
      status: 'submitted',
    });
  });

  it('is the secretariat’s, before the decision, with valid text', () => {
    for (const actor of notSecretariat) {
      expectRefused(submittedOpinion(), (o) => editOpinion(o, actor, edited, clock), 'FORBIDDEN', 'not_secretariat');
    }
    for (const opinion of [adoptedOpinion(), declinedOpinion()]) {
      expectRefused(opinion, (o) => editOpinion(o, secretariat, edited, clock), 'CONFLICT', 'wrong_status');
    }
    expectRefused(
      submittedOpinion(),
      (o) => editOpinion(o, secretariat, { ...edited, body: '' }, clock),
      'VALIDATION',
      'required',
    );
  });
});

describe('handling a report', () => {
  const handle = (input: HandleOpinionInput) => (o: Opinion) => handleOpinion(o, secretariat, input, clock);

  it('adopts it, with or without a note, or declines it with one', () => {
    expect(adoptedOpinion()).toMatchObject({ status: 'adopted', handledBy: 'u-sec', handledAt: now, note: null });
    expect(value(handle({ decision: 'adopted', note: ' 拟报送 ' })(submittedOpinion())).note).toBe('拟报送');
    expect(declinedOpinion()).toMatchObject({ status: 'not_adopted', note: '已有类似信息' });
  });

  it('is the secretariat’s, once, and a refusal says why', () => {
    for (const actor of notSecretariat) {
      expectRefused(
        submittedOpinion(),
        (o) => handleOpinion(o, actor, { decision: 'adopted', note: '' }, clock),
        'FORBIDDEN',
        'not_secretariat',
      );
    }
    for (const opinion of [adoptedOpinion(), declinedOpinion()]) {
      expectRefused(opinion, handle({ decision: 'adopted', note: '' }), 'CONFLICT', 'wrong_status');
    }
    expectRefused(submittedOpinion(), handle({ decision: 'not_adopted', note: ' ' }), 'VALIDATION', 'required');
    expectRefused(
      submittedOpinion(),
      handle({ decision: 'adopted', note: 'x'.repeat(OPINION_LIMITS.note + 1) }),
      'VALIDATION',
      'too_long',
    );
    expectRefused(
      submittedOpinion(),
      handle({ decision: 'maybe' as 'adopted', note: '' }),
      'VALIDATION',
      'unknown_decision',
    );
  });
});

describe('a bulletin', () => {
  const ctx = { id: 'b-1', orgId: 'org-1', actor: secretariat, now, number: '2026年第3期' };
  const adopted = [adoptedOpinion('o-1'), adoptedOpinion('o-2'), adoptedOpinion('o-3')];
  const compile = (input: BulletinInput, opinions: readonly Opinion[] = adopted) =>
    compileBulletin(input, opinions, ctx);

  it('gathers adopted reports in the order given, each then naming it', () => {
    const { bulletin, opinions } = value(compile({ title: ' 社情民意专报 ', opinionIds: ['o-3', 'o-1'] }));
    expect(bulletin).toEqual({
      id: 'b-1',
      orgId: 'org-1',
      number: '2026年第3期',
      title: '社情民意专报',
      opinionIds: ['o-3', 'o-1'],
      compiledBy: 'u-sec',
      compiledAt: now,
    });
    expect(opinions.map((o) => [o.id, o.bulletinIds])).toEqual([
      ['o-3', ['b-1']],
      ['o-1', ['b-1']],
    ]);
    const again = value(
      compileBulletin({ title: '汇编', opinionIds: ['o-1'] }, opinions, { ...ctx, id: 'b-2', number: undefined }),
    );
    expect(again.bulletin.number).toBeNull();
    expect(again.opinions[0]!.bulletinIds).toEqual(['b-1', 'b-2']);
  });

  it('is the secretariat’s', () => {
    for (const actor of notSecretariat) {
      expectRefused(
        adopted,
        (os) => compileBulletin({ title: '专报', opinionIds: ['o-1'] }, os, { ...ctx, actor }),
        'FORBIDDEN',
        'not_secretariat',
      );
    }
  });

  it('has a title and one to fifty distinct adopted reports of the organisation', () => {
    const refuse = (input: BulletinInput, opinions: readonly Opinion[], reason: Parameters<typeof expectRefused>[3]) =>
      expectRefused(opinions, (os) => compile(input, os), 'VALIDATION', reason);
    refuse({ title: ' ', opinionIds: ['o-1'] }, adopted, 'required');
    refuse({ title: 'x'.repeat(OPINION_LIMITS.bulletinTitle + 1), opinionIds: ['o-1'] }, adopted, 'too_long');
    refuse({ title: '专报', opinionIds: [] }, adopted, 'no_opinions');
    refuse({ title: '专报', opinionIds: ['o-1', 'o-1'] }, adopted, 'duplicate_opinion');
    refuse({ title: '专报', opinionIds: ['o-1', 'o-9'] }, adopted, 'unknown_opinion');
    refuse(
      { title: '专报', opinionIds: ['o-1', 'o-x'] },
      [...adopted, adoptedOpinion('o-x', 'org-2')],
      'opinion_other_org',
    );
    refuse({ title: '专报', opinionIds: ['o-s'] }, [submittedOpinion('o-s')], 'opinion_not_adopted');
    refuse({ title: '专报', opinionIds: ['o-1'] }, [declinedOpinion()], 'opinion_not_adopted');
    const many = Array.from({ length: OPINION_LIMITS.bulletinOpinions + 1 }, (_, i) => adoptedOpinion(`o-${i}`));
    refuse({ title: '专报', opinionIds: many.map((o) => o.id) }, many, 'too_many_opinions');
    expect(value(compile({ title: '专报', opinionIds: many.slice(1).map((o) => o.id) }, many)).opinions).toHaveLength(
      50,
    );
  });
});

describe('a leader’s instruction', () => {
  const instruction: InstructionInput = { by: '张三 市长', text: '请市住建局研究办理。', date: '2026-03-09' };
  const record =
    (input: InstructionInput, actor: DutyActor = secretariat) =>
    (o: Opinion) =>
      recordInstruction(o, actor, input, clock);

  it('is recorded on an adopted report by the secretariat or the chair, dated today or earlier', () => {
    const once = value(record(instruction)(adoptedOpinion()));
    expect(once.instructions).toEqual([{ ...instruction, recordedBy: 'u-sec', recordedAt: now }]);
    const twice = value(record({ ...instruction, by: ' 李四 副市长 ', date: clock.today }, chair)(once));
    expect(twice.instructions.map((i) => [i.by, i.recordedBy])).toEqual([
      ['张三 市长', 'u-sec'],
      ['李四 副市长', 'u-chair'],
    ]);
  });

  it('is refused to others, on reports not adopted, and without who, what or a past date', () => {
    for (const actor of [admin, author, member(1), coOfficial, observer]) {
      expectRefused(adoptedOpinion(), record(instruction, actor), 'FORBIDDEN', 'not_secretariat_or_chair');
    }
    for (const opinion of [submittedOpinion(), declinedOpinion()]) {
      expectRefused(opinion, record(instruction), 'CONFLICT', 'wrong_status');
    }
    expectRefused(adoptedOpinion(), record({ ...instruction, by: ' ' }), 'VALIDATION', 'required');
    expectRefused(adoptedOpinion(), record({ ...instruction, text: '' }), 'VALIDATION', 'required');
    expectRefused(
      adoptedOpinion(),
      record({ ...instruction, by: 'x'.repeat(OPINION_LIMITS.instructionBy + 1) }),
      'VALIDATION',
      'too_long',
    );
    expectRefused(
      adoptedOpinion(),
      record({ ...instruction, text: 'x'.repeat(OPINION_LIMITS.instructionText + 1) }),
      'VALIDATION',
      'too_long',
    );
    expectRefused(adoptedOpinion(), record({ ...instruction, date: '2026/03/09' }), 'VALIDATION', 'invalid_date');
    expectRefused(adoptedOpinion(), record({ ...instruction, date: '2026-03-11' }), 'VALIDATION', 'date_in_future');
  });
});

describe('a report’s next actions and duty credits', () => {
  it('list the secretariat’s and the chair’s buttons by status', () => {
    expect(nextOpinionActions(submittedOpinion(), secretariat)).toEqual(['edit', 'handle']);
    expect(nextOpinionActions(adoptedOpinion(), secretariat)).toEqual(['include_in_bulletin', 'record_instruction']);
    expect(nextOpinionActions(adoptedOpinion(), chair)).toEqual(['record_instruction']);
    expect(nextOpinionActions(declinedOpinion(), secretariat)).toEqual([]);
    for (const actor of [admin, author, coOfficial, observer])
      expect(nextOpinionActions(adoptedOpinion(), actor)).toEqual([]);
  });

  it('earn the author a submitted report, an adopted one, and one instructed however often', () => {
    const counts = (o: Opinion) => opinionDutyCredits(o).map((c) => `${c.userId}:${c.count}`);
    expect(counts(submittedOpinion())).toEqual(['u-author:opinionsSubmitted']);
    expect(counts(declinedOpinion())).toEqual(['u-author:opinionsSubmitted']);
    expect(counts(adoptedOpinion())).toEqual(['u-author:opinionsSubmitted', 'u-author:opinionsAdopted']);
    const input = { by: '张三 市长', text: '阅。', date: '2026-03-01' };
    const instructed = value(
      recordInstruction(value(recordInstruction(adoptedOpinion(), chair, input, clock)), chair, input, clock),
    );
    expect(counts(instructed)).toEqual([
      'u-author:opinionsSubmitted',
      'u-author:opinionsAdopted',
      'u-author:opinionsInstructed',
    ]);
  });
});
