import { describe, expect, it } from 'vitest';
import { allows, refusal, rolesOf, stagesOf, TopicActions, type TopicAction } from './capabilities.js';
import { Stages, TopicRoles, type Stage, type TopicRole } from './types.js';

/**
 * Every cell of the capability table — action × role × stage — against this expectation, written
 * out on its own: for each action, the stages in which it may be done and, in each, by whom.
 */
const stageCode: Record<Stage, string> = {
  proposed: 'P',
  vetting: 'V',
  preparation: 'R',
  consultation: 'C',
  drafting: 'D',
  delivered: 'L',
  feedback: 'F',
  closed: 'X',
  rejected: 'J',
  withdrawn: 'W',
};
const roleCode: Record<TopicRole, string> = {
  admin: 'a',
  secretariat: 's',
  chair: 'c',
  member: 'm',
  official: 'o',
  observer: 'b',
  proposer: 'p',
  participant: 't',
  recipient: 'r',
  party_contact: 'y',
};
const everyone = 'ascmobptry';
const everyStage = (roles: string) =>
  'PVRCDLFXJW'
    .split('')
    .map((s) => `${s}:${roles}`)
    .join(' ');

/** `"R:sc C:sc"`: in preparation and consultation, the secretariat and the chair. */
const expected: Record<TopicAction, string> = {
  vet: 'V:sc',
  manageParticipants: 'R:sc C:sc',
  addResearch: 'R:sct C:sct',
  scheduleMeeting: 'R:sc C:sc',
  runMeeting: everyStage('sc'),
  editAgenda: 'R:sc C:sc',
  moderateQueue: everyStage('sc'),
  takeFloor: everyStage('sct'),
  readDraft: `R:${everyone} C:${everyone} D:${everyone} L:${everyone} F:${everyone} X:${everyone}`,
  writeDraft: 'C:sct D:sct',
  nameDraftVersion: 'C:sc D:sc',
  setOutcome: 'C:sc D:sc',
  editMinutes: everyStage('sc'),
  approveMinutes: everyStage('c'),
  answer: 'L:r',
  rateAsChair: 'F:c',
  rateAsPartyContact: 'F:y',
  publishCase: 'X:sc',
};

function expectedAllows(action: TopicAction, role: TopicRole, stage: Stage): boolean {
  return expected[action]
    .split(' ')
    .some((cell) => cell.startsWith(`${stageCode[stage]}:`) && cell.slice(2).includes(roleCode[role]));
}

describe('the capability table', () => {
  it('allows exactly the expected cells, action × role × stage', () => {
    const cells: string[] = [];
    for (const action of TopicActions)
      for (const role of TopicRoles)
        for (const stage of Stages) {
          if (allows(action, new Set([role]), stage) !== expectedAllows(action, role, stage)) {
            cells.push(`${action} ${role} ${stage}`);
          }
        }
    expect(cells).toEqual([]);
    expect(TopicActions.length * TopicRoles.length * Stages.length).toBe(1800);
  });

  it('says why: a role that may not, before a stage in which it may not', () => {
    for (const action of TopicActions)
      for (const role of TopicRoles)
        for (const stage of Stages) {
          const why = refusal(action, new Set([role]), stage);
          const roleMay = Stages.some((s) => expectedAllows(action, role, s));
          const anyoneMayNow = TopicRoles.some((r) => expectedAllows(action, r, stage));
          if (expectedAllows(action, role, stage)) expect(why).toBeNull();
          else if (!roleMay) expect(why, `${action} ${role} ${stage}`).toBe('role');
          else expect(anyoneMayNow, `${action} ${role} ${stage}`).toBe(false);
        }
  });

  it('lets several roles do what any one of them may', () => {
    const roles = new Set<TopicRole>(['member', 'participant', 'proposer']);
    for (const action of TopicActions)
      for (const stage of Stages) {
        expect(allows(action, roles, stage)).toBe([...roles].some((r) => expectedAllows(action, r, stage)));
      }
    expect(allows('writeDraft', new Set(), 'drafting')).toBe(false);
  });

  it('names the stages and roles of each action', () => {
    expect(stagesOf('writeDraft')).toEqual(['consultation', 'drafting']);
    expect(stagesOf('moderateQueue')).toEqual(Stages);
    expect(rolesOf('readDraft')).toEqual(TopicRoles);
    expect(rolesOf('answer')).toEqual(['recipient']);
  });
});
