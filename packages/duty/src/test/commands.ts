/**
 * The duty rules' commands as data, for the random walks: each action with an input that the rules
 * accept when the actor may take the action, and one that they refuse whoever takes it.
 */
import { assessProposal, convertToOpinion, flagKeyProposal, replyToProposal, reviewProposal } from '../handling.js';
import { compileBulletin, editOpinion, handleOpinion, recordInstruction } from '../opinions.js';
import {
  cosign,
  declineCosign,
  editProposal,
  inviteCosigner,
  submitProposal,
  withdrawInvitation,
} from '../proposals.js';
import type { OpinionAction } from '../opinions.js';
import type {
  AssessmentInput,
  DutyActor,
  DutyClock,
  DutyOutcome,
  InstructionInput,
  Invitee,
  Opinion,
  OpinionInput,
  Proposal,
  ProposalInput,
  ReplyInput,
  ReviewInput,
} from '../types.js';
import { departmentIds, opinionInput, proposalInput } from './fixtures.js';

export type ProposalCommand =
  | { action: 'edit'; input: ProposalInput }
  | { action: 'invite_cosigner'; invitee: Invitee }
  | { action: 'withdraw_invitation'; userId: string }
  | { action: 'cosign' }
  | { action: 'decline_cosign' }
  | { action: 'submit' }
  | { action: 'review'; input: ReviewInput; number?: string }
  | { action: 'reply'; input: ReplyInput }
  | { action: 'assess'; input: AssessmentInput }
  | { action: 'flag_key'; key: boolean }
  | { action: 'convert_to_opinion'; opinionId: string };

export type ProposalCommandAction = ProposalCommand['action'];

export const proposalCommandActions: readonly ProposalCommandAction[] = [
  'edit',
  'invite_cosigner',
  'withdraw_invitation',
  'cosign',
  'decline_cosign',
  'submit',
  'review',
  'reply',
  'assess',
  'flag_key',
  'convert_to_opinion',
];

export function runProposalCommand(
  p: Proposal,
  actor: DutyActor,
  command: ProposalCommand,
  clock: DutyClock,
): DutyOutcome<Proposal> {
  switch (command.action) {
    case 'edit':
      return editProposal(p, actor, command.input);
    case 'invite_cosigner':
      return inviteCosigner(p, actor, command.invitee, clock);
    case 'withdraw_invitation':
      return withdrawInvitation(p, actor, command.userId);
    case 'cosign':
      return cosign(p, actor, clock);
    case 'decline_cosign':
      return declineCosign(p, actor);
    case 'submit':
      return submitProposal(p, actor, clock);
    case 'review': {
      const ctx = { ...clock, departmentIds, ...(command.number === undefined ? {} : { number: command.number }) };
      return reviewProposal(p, actor, command.input, ctx);
    }
    case 'reply':
      return replyToProposal(p, actor, command.input, clock);
    case 'assess':
      return assessProposal(p, actor, command.input, clock);
    case 'flag_key':
      return flagKeyProposal(p, actor, command.key);
    case 'convert_to_opinion':
      return convertToOpinion(p, actor, { opinionId: command.opinionId });
  }
}

/** The members a walk invites, in order. */
const invitable = ['u-m1', 'u-m2', 'u-m3', 'u-m4'];

const acceptanceInput: ReviewInput = {
  decision: 'accepted',
  leadDepartmentId: 'd-lead',
  coDepartmentIds: ['d-co1', 'd-co2'],
  dueDate: '2026-06-30',
};

const acceptance = (number: string): ProposalCommand => ({ action: 'review', input: acceptanceInput, number });

/**
 * Inputs the rules accept from an actor who may take `action` (several for a review, one per
 * decision); `serial` makes the numbers and ids of this step.
 */
export function validProposalCommands(
  action: ProposalCommandAction,
  p: Proposal,
  actor: DutyActor,
  serial: number,
): ProposalCommand[] {
  switch (action) {
    case 'edit':
      return [{ action, input: { ...proposalInput, title: serial % 2 === 0 ? proposalInput.title : '修订稿' } }];
    case 'invite_cosigner': {
      const fresh = invitable.find((id) => !p.cosigners.some((c) => c.userId === id)) ?? `u-m${100 + serial}`;
      return [{ action, invitee: { userId: fresh, role: 'member' } }];
    }
    case 'withdraw_invitation':
      return [{ action, userId: p.cosigners[serial % Math.max(1, p.cosigners.length)]?.userId ?? 'u-m1' }];
    case 'cosign':
    case 'decline_cosign':
    case 'submit':
      return [{ action }];
    case 'review':
      return [
        acceptance(`2026-${String(serial).padStart(4, '0')}`),
        { action, input: { decision: 'not_accepted', reason: '不属于受理范围' } },
        { action, input: { decision: 'merged', mergedInto: 'p-other' } },
      ];
    case 'reply':
      return [
        {
          action,
          input: { departmentId: actor.departmentId ?? 'd-lead', classification: 'B', body: '拟于明年实施。' },
        },
      ];
    case 'assess':
      return (['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((satisfaction) => ({
        action,
        input: { satisfaction, comment: '措施不够具体' },
      }));
    case 'flag_key':
      return [{ action, key: serial % 2 === 0 }];
    case 'convert_to_opinion':
      return [{ action, opinionId: `o-${serial}` }];
  }
}

/** An input the rules refuse whoever sends it, or undefined for actions that take no input. */
export function invalidProposalCommand(
  action: ProposalCommandAction,
  p: Proposal,
  actor: DutyActor,
  serial: number,
): ProposalCommand | undefined {
  switch (action) {
    case 'edit':
      return { action, input: { ...proposalInput, reasons: '  ' } };
    case 'invite_cosigner':
      return {
        action,
        invitee: serial % 2 === 0 ? { userId: p.authorId, role: 'member' } : { userId: 'u-o-x', role: 'official' },
      };
    case 'withdraw_invitation':
      return { action, userId: 'u-never-invited' };
    case 'review': {
      const broken: ProposalCommand[] = [
        { action, input: { ...acceptanceInput, dueDate: '2026-03-10' }, number: '2026-0001' },
        { action, input: { ...acceptanceInput, leadDepartmentId: 'd-unknown' }, number: '2026-0001' },
        { action, input: acceptanceInput },
        { action, input: { decision: 'not_accepted', reason: ' ' } },
        { action, input: { decision: 'merged', mergedInto: p.id } },
      ];
      return broken[serial % broken.length];
    }
    case 'reply': {
      // An empty reply, or a reply in another department's name.
      const elsewhere = actor.departmentId === 'd-lead' ? 'd-co1' : 'd-lead';
      return serial % 2 === 0
        ? { action, input: { departmentId: actor.departmentId ?? 'd-lead', classification: 'A', body: '' } }
        : { action, input: { departmentId: elsewhere, classification: 'A', body: '已办理。' } };
    }
    case 'assess':
      return { action, input: { satisfaction: 'unsatisfied', comment: '' } };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

export type OpinionCommand =
  | { action: 'edit'; input: OpinionInput }
  | { action: 'handle'; input: { decision: 'adopted' | 'not_adopted'; note: string } }
  | { action: 'include_in_bulletin'; title: string; bulletinId: string }
  | { action: 'record_instruction'; input: InstructionInput };

export function runOpinionCommand(
  o: Opinion,
  actor: DutyActor,
  command: OpinionCommand,
  clock: DutyClock,
): DutyOutcome<Opinion> {
  switch (command.action) {
    case 'edit':
      return editOpinion(o, actor, command.input, clock);
    case 'handle':
      return handleOpinion(o, actor, command.input, clock);
    case 'include_in_bulletin': {
      const ctx = { id: command.bulletinId, orgId: o.orgId, actor, now: clock.now };
      const compiled = compileBulletin({ title: command.title, opinionIds: [o.id] }, [o], ctx);
      return compiled.ok ? { ok: true, value: compiled.value.opinions[0]! } : compiled;
    }
    case 'record_instruction':
      return recordInstruction(o, actor, command.input, clock);
  }
}

export function validOpinionCommands(action: OpinionAction, serial: number): OpinionCommand[] {
  switch (action) {
    case 'edit':
      return [{ action, input: { ...opinionInput, body: `${opinionInput.body}（${serial}）` } }];
    case 'handle':
      return [
        { action, input: { decision: 'adopted', note: '' } },
        { action, input: { decision: 'not_adopted', note: '已有同类信息' } },
      ];
    case 'include_in_bulletin':
      return [{ action, title: '社情民意专报', bulletinId: `b-${serial}` }];
    case 'record_instruction':
      return [{ action, input: { by: '张三 市长', text: '请研究。', date: '2026-03-01' } }];
  }
}

export function invalidOpinionCommand(action: OpinionAction): OpinionCommand {
  switch (action) {
    case 'edit':
      return { action, input: { ...opinionInput, title: '' } };
    case 'handle':
      return { action, input: { decision: 'not_adopted', note: '' } };
    case 'include_in_bulletin':
      return { action, title: ' ', bulletinId: 'b-x' };
    case 'record_instruction':
      return { action, input: { by: '张三 市长', text: '请研究。', date: '2026-12-31' } };
  }
}
