import { describe, expect, it } from 'vitest';
import { gateHolds, gates, unmetGates } from './gates.js';
import { GateCodes } from './types.js';
import type { TopicSnapshot } from './types.js';
import { blankTopic, breakers, readyTopic, satisfying, vettingAnswer } from './test/fixtures.js';

describe('every gate', () => {
  it.each(GateCodes)('%s holds on a topic that meets it and fails once broken', (code) => {
    const met = satisfying('consultation', [code]);
    expect(gateHolds(met, code)).toBe(true);
    expect(unmetGates(met, [code])).toEqual([]);

    const broken = breakers[code](met);
    expect(gateHolds(broken, code)).toBe(false);
    const [unmet] = unmetGates(broken, [code]);
    expect(unmet?.code).toBe(code);
    expect(unmet?.message).toBe(gates[code].message(broken));
    expect(unmet?.message.length).toBeGreaterThan(10);
  });

  it('names every gate by its own code', () => {
    for (const code of GateCodes) expect(gates[code].code).toBe(code);
  });
});

describe('vetting gates', () => {
  const withVetting = (relevance: boolean | null, remit: boolean | null): TopicSnapshot => ({
    ...blankTopic('vetting'),
    vetting: {
      relevance: relevance === null ? null : vettingAnswer(relevance),
      remit: remit === null ? null : vettingAnswer(remit),
    },
  });

  it('wants each question answered yes, not merely answered', () => {
    expect(gateHolds(withVetting(null, true), 'relevance_yes')).toBe(false);
    expect(gateHolds(withVetting(false, true), 'relevance_yes')).toBe(false);
    expect(gateHolds(withVetting(true, null), 'remit_yes')).toBe(false);
    expect(gateHolds(withVetting(true, false), 'remit_yes')).toBe(false);
    expect(gateHolds(withVetting(true, true), 'relevance_yes')).toBe(true);
    expect(gateHolds(withVetting(true, true), 'remit_yes')).toBe(true);
  });

  it('lets a topic be rejected on either no, and not without one', () => {
    expect(gateHolds(withVetting(false, null), 'vetting_has_no')).toBe(true);
    expect(gateHolds(withVetting(true, false), 'vetting_has_no')).toBe(true);
    expect(gateHolds(withVetting(null, null), 'vetting_has_no')).toBe(false);
    expect(gateHolds(withVetting(true, true), 'vetting_has_no')).toBe(false);
  });

  it('speaks of 问一 and 问二', () => {
    expect(gates.relevance_yes.message(blankTopic())).toBe('The relevance question (问一) has not been answered yes');
    expect(gates.remit_yes.message(blankTopic())).toContain('问二');
  });
});

describe('participant gates', () => {
  const withNotes = (...notes: string[]): TopicSnapshot => ({
    ...blankTopic('preparation'),
    participants: notes.map((assessment, i) => ({ userId: `u-${i}`, assessment })),
  });

  it('counts a whitespace note as no note', () => {
    expect(gateHolds(withNotes(' \n\t'), 'participant_assessed')).toBe(false);
    expect(gateHolds(withNotes(' \n\t'), 'participants_all_noted')).toBe(false);
  });

  it('needs one assessed participant, and a note for every one', () => {
    expect(gateHolds(withNotes('expert', ''), 'participant_assessed')).toBe(true);
    expect(gateHolds(withNotes('expert', ''), 'participants_all_noted')).toBe(false);
    expect(gateHolds(withNotes('expert', 'official'), 'participants_all_noted')).toBe(true);
  });

  it('leaves an empty list to participant_assessed', () => {
    expect(gateHolds(withNotes(), 'participants_all_noted')).toBe(true);
    expect(unmetGates(withNotes(), ['participant_assessed', 'participants_all_noted']).map((u) => u.code)).toEqual([
      'participant_assessed',
    ]);
  });

  it('says how many notes are missing', () => {
    expect(gates.participants_all_noted.message(withNotes('a', '', ' '))).toBe(
      'Every participant needs an assessment note (2 still missing)',
    );
  });
});

describe('research gate', () => {
  it('follows the organisation setting', () => {
    const topic = { ...readyTopic('preparation'), settings: { minResearchReports: 2, minDistinctSpeakers: 2 } };
    expect(gateHolds({ ...topic, researchReports: 1 }, 'research_report')).toBe(false);
    expect(gateHolds({ ...topic, researchReports: 2 }, 'research_report')).toBe(true);
    expect(gates.research_report.message({ ...topic, researchReports: 1 })).toBe(
      'Only 1 of the 2 research reports needed so far — no research, no consultation (不调研不协商)',
    );
  });

  it('says 不调研不协商 when there is none', () => {
    expect(gates.research_report.message(blankTopic())).toBe(
      'No research report yet — no research, no consultation (不调研不协商)',
    );
  });
});

describe('meeting gates', () => {
  const withMeetings = (...meetings: TopicSnapshot['meetings']): TopicSnapshot => ({
    ...blankTopic('consultation'),
    meetings,
  });

  it('counts only ended meetings with enough distinct speakers', () => {
    expect(gateHolds(withMeetings({ id: 'a', status: 'open', distinctSpeakers: 5 }), 'meeting_with_speakers')).toBe(
      false,
    );
    expect(
      gateHolds(withMeetings({ id: 'a', status: 'scheduled', distinctSpeakers: 5 }), 'meeting_with_speakers'),
    ).toBe(false);
    expect(gateHolds(withMeetings({ id: 'a', status: 'ended', distinctSpeakers: 1 }), 'meeting_with_speakers')).toBe(
      false,
    );
    expect(
      gateHolds(
        withMeetings(
          { id: 'a', status: 'ended', distinctSpeakers: 1 },
          { id: 'b', status: 'ended', distinctSpeakers: 2 },
        ),
        'meeting_with_speakers',
      ),
    ).toBe(true);
  });

  it('follows the organisation setting and quotes it', () => {
    const topic = {
      ...withMeetings({ id: 'a', status: 'ended', distinctSpeakers: 2 }),
      settings: { minResearchReports: 1, minDistinctSpeakers: 3 },
    };
    expect(gateHolds(topic, 'meeting_with_speakers')).toBe(false);
    expect(gates.meeting_with_speakers.message(topic)).toContain(
      'No meeting has ended with at least 3 distinct speakers',
    );
  });

  it('refuses any open meeting, and accepts none at all', () => {
    expect(gateHolds(withMeetings(), 'no_open_meeting')).toBe(true);
    expect(gateHolds(withMeetings({ id: 'a', status: 'scheduled', distinctSpeakers: 0 }), 'no_open_meeting')).toBe(
      true,
    );
    expect(
      gateHolds(
        withMeetings(
          { id: 'a', status: 'ended', distinctSpeakers: 2 },
          { id: 'b', status: 'open', distinctSpeakers: 0 },
        ),
        'no_open_meeting',
      ),
    ).toBe(false);
  });
});

describe('outcome and feedback gates', () => {
  it('each needs its own field', () => {
    const blank = blankTopic('drafting');
    const codes = ['outcome_form_set', 'draft_not_empty', 'recipients_set', 'due_date_set'] as const;
    expect(unmetGates(blank, codes).map((u) => u.code)).toEqual(codes);
    expect(unmetGates(readyTopic('drafting'), codes)).toEqual([]);
  });

  it('tells the two ratings apart', () => {
    const onlyChair = { ...readyTopic('feedback'), ratings: [{ kind: 'chair' as const, score: 1, ratedBy: 'u' }] };
    expect(gateHolds(onlyChair, 'chair_rating')).toBe(true);
    expect(gateHolds(onlyChair, 'party_contact_rating')).toBe(false);
  });

  it('wants an answer of any decision', () => {
    const notAdopted = { ...blankTopic('delivered'), answer: { decision: 'not_adopted' as const, answeredBy: 'u' } };
    expect(gateHolds(notAdopted, 'answer_recorded')).toBe(true);
    expect(gateHolds(blankTopic('delivered'), 'answer_recorded')).toBe(false);
  });
});

describe('unmetGates', () => {
  it('keeps the order it was given and skips what holds', () => {
    const topic = { ...readyTopic('drafting'), answer: null, outcome: { ...readyTopic().outcome, dueDate: null } };
    expect(unmetGates(topic, ['answer_recorded', 'outcome_form_set', 'due_date_set']).map((u) => u.code)).toEqual([
      'answer_recorded',
      'due_date_set',
    ]);
    expect(unmetGates(topic, [])).toEqual([]);
  });

  it('opens meetings only in consultation', () => {
    expect(gateHolds(readyTopic('consultation'), 'stage_consultation')).toBe(true);
    expect(gateHolds(readyTopic('preparation'), 'stage_consultation')).toBe(false);
  });
});

describe('the interaction gate with the departments (要三)', () => {
  const member = { userId: 'u-member', assessment: 'Economist', official: false };
  const official = { userId: 'u-official', assessment: 'Deputy director of the water bureau', official: true };
  const ended = (answeredBy: string[]) => ({ id: 'm-1', status: 'ended' as const, distinctSpeakers: 3, answeredBy });
  const topic = (over: Partial<TopicSnapshot>): TopicSnapshot => ({
    ...readyTopic('consultation'),
    participants: [member, official],
    meetings: [ended([])],
    ...over,
  });

  it('asks nothing when no official takes part', () => {
    expect(gateHolds(topic({ participants: [member] }), 'official_exchange')).toBe(true);
  });

  it('wants an official to have answered a question or replied in an ended meeting', () => {
    expect(gateHolds(topic({}), 'official_exchange')).toBe(false);
    // A member's reply is no exchange with the departments.
    expect(gateHolds(topic({ meetings: [ended(['u-member'])] }), 'official_exchange')).toBe(false);
    expect(gateHolds(topic({ meetings: [ended(['u-official'])] }), 'official_exchange')).toBe(true);
    // Not while the meeting is still open: the exchange counts once the meeting ended.
    const open = { ...ended(['u-official']), status: 'open' as const };
    expect(gateHolds(topic({ meetings: [open] }), 'official_exchange')).toBe(false);
  });

  it('holds when the chair recorded why there was no exchange', () => {
    expect(gateHolds(topic({ waived: ['official_exchange'] }), 'official_exchange')).toBe(true);
  });

  it('asks nothing when the organisation turned it off', () => {
    const settings = { ...readyTopic().settings, requireOfficialExchange: false };
    expect(gateHolds(topic({ settings }), 'official_exchange')).toBe(true);
  });
});
