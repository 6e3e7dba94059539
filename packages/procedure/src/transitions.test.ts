import { describe, expect, it } from 'vitest';
import { isTerminal, ProcedureLine, stageIndex } from './stages.js';
import { findTransition, transitions, transitionsFrom } from './transitions.js';
import { Stages } from './types.js';

/** The table as docs/design.md and the brief state it, written out a second time so a slip shows. */
const expected = [
  'proposed→vetting [chair,secretariat] {}',
  'vetting→preparation [chair,secretariat] {relevance_yes,remit_yes}',
  'vetting→rejected [chair,secretariat] {vetting_has_no} reason',
  'preparation→consultation [chair,secretariat] {participant_assessed,participants_all_noted,research_report}',
  'consultation→drafting [chair,secretariat] {meeting_with_speakers,official_exchange,no_open_meeting}',
  'drafting→delivered [chair,secretariat] {outcome_form_set,draft_not_empty,recipients_set,due_date_set} !draft_frozen',
  'delivered→feedback [recipient] {answer_recorded}',
  'feedback→closed [chair,secretariat] {answer_recorded,chair_rating,party_contact_rating}',
  'feedback→consultation [chair] {} reason !round_started',
  'proposed→withdrawn [chair,secretariat,proposer] {} reason',
  'vetting→withdrawn [chair,secretariat,proposer] {} reason',
  'preparation→withdrawn [chair,secretariat] {} reason',
  'consultation→withdrawn [chair,secretariat] {} reason',
  'drafting→withdrawn [chair,secretariat] {} reason',
];

describe('the transition table', () => {
  it('is exactly the procedure', () => {
    const written = transitions.map(
      (t) =>
        `${t.from}→${t.to} [${t.roles.join(',')}] {${t.gates.join(',')}}` +
        (t.reasonRequired ? ' reason' : '') +
        t.effects.map((e) => ` !${e}`).join(''),
    );
    expect(written).toEqual(expected);
  });

  it('has at most one edge between two stages', () => {
    const keys = transitions.map((t) => `${t.from}→${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets nothing leave closed, rejected or withdrawn', () => {
    for (const stage of ['closed', 'rejected', 'withdrawn'] as const) {
      expect(isTerminal(stage)).toBe(true);
      expect(transitionsFrom(stage)).toEqual([]);
    }
  });

  it('lets every other stage go somewhere', () => {
    for (const stage of Stages.filter((s) => !isTerminal(s))) expect(transitionsFrom(stage).length).toBeGreaterThan(0);
  });

  it('allows withdrawal only before delivery', () => {
    const from = transitions.filter((t) => t.to === 'withdrawn').map((t) => t.from);
    expect(from).toEqual(['proposed', 'vetting', 'preparation', 'consultation', 'drafting']);
  });

  it('finds an edge by its ends', () => {
    expect(findTransition('drafting', 'delivered')?.action).toBe('deliver');
    expect(findTransition('delivered', 'drafting')).toBeUndefined();
  });
});

describe('stages', () => {
  it('orders the main line and leaves the side exits off it', () => {
    expect(ProcedureLine.map(stageIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(stageIndex('rejected')).toBe(-1);
    expect(stageIndex('withdrawn')).toBe(-1);
  });

  it('knows which stages are terminal', () => {
    expect(Stages.filter(isTerminal)).toEqual(['closed', 'rejected', 'withdrawn']);
  });
});
