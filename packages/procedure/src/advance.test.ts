import { describe, expect, it } from 'vitest';
import { advance, availableTransitions, canOpenMeeting } from './advance.js';
import { transitions } from './transitions.js';
import type { Transition } from './transitions.js';
import { Stages } from './types.js';
import type { AdvanceResult, ProcedureActor, Stage, TopicSnapshot } from './types.js';
import { actor, allRoles, blankTopic, breakers, now, readyTopic, satisfying } from './test/fixtures.js';

const name = (t: Transition): string => `${t.from} → ${t.to}`;

/** Runs `advance` and checks that the topic given to it is left exactly as it was. */
function advanceChecked(topic: TopicSnapshot, to: Stage, who: ProcedureActor, reason?: string | null): AdvanceResult {
  const before = structuredClone(topic);
  const result = advance(topic, to, who, now, reason);
  expect(topic).toEqual(before);
  return result;
}

function errorOf(result: AdvanceResult): { code: string; message: string; unmet?: { code: string }[] } {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe.each(transitions.map((t) => [name(t), t] as const))('%s', (_name, transition) => {
  const ready = (): TopicSnapshot => satisfying(transition.from, transition.gates);

  it.each(transition.roles)('succeeds for %s once the gates hold', (role) => {
    const result = advanceChecked(ready(), transition.to, actor(role), 'a reason');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.topic.stage).toBe(transition.to);
    expect(result.events[0]).toEqual({
      type: 'stage_changed',
      from: transition.from,
      to: transition.to,
      actorId: 'u-actor',
      at: now,
      reason: 'a reason',
      waived: [],
    });
    expect(result.events.slice(1)).toEqual(transition.effects.map((type) => ({ type, at: now })));
  });

  it('is FORBIDDEN to every other role, even with all of them at once', () => {
    const others = allRoles.filter((r) => !transition.roles.includes(r));
    const error = errorOf(advanceChecked(ready(), transition.to, actor(...others), 'a reason'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/^Only /);
    expect(errorOf(advance(ready(), transition.to, actor(), now, 'a reason')).code).toBe('FORBIDDEN');
  });

  if (transition.gates.length === 0) {
    it('has no gate to block it', () => {
      expect(advance(blankTopic(transition.from), transition.to, actor(...transition.roles), now, 'why').ok).toBe(true);
    });
  } else {
    it.each(transition.gates)('is GATE_BLOCKED by %s alone', (code) => {
      const error = errorOf(advanceChecked(breakers[code](ready()), transition.to, actor(...allRoles), 'why'));
      expect(error.code).toBe('GATE_BLOCKED');
      expect(error.unmet?.map((u) => u.code)).toEqual([code]);
    });

    it('lists every unmet gate, in table order', () => {
      const broken = transition.gates.reduce((topic, code) => breakers[code](topic), ready());
      const error = errorOf(advanceChecked(broken, transition.to, actor(...allRoles), 'why'));
      expect(error.code).toBe('GATE_BLOCKED');
      expect(error.unmet?.map((u) => u.code)).toEqual(transition.gates);
    });
  }

  if (transition.reasonRequired) {
    it.each([undefined, null, '', '  \n '])('needs a reason (refuses %j)', (reason) => {
      const error = errorOf(advanceChecked(ready(), transition.to, actor(...transition.roles), reason));
      expect(error.code).toBe('VALIDATION');
    });

    it('records the reason trimmed', () => {
      const result = advance(ready(), transition.to, actor(...transition.roles), now, '  duplicate of t-7 ');
      expect(result.ok && result.events[0]).toMatchObject({ reason: 'duplicate of t-7' });
    });
  } else {
    it('needs no reason', () => {
      const result = advance(ready(), transition.to, actor(...transition.roles), now);
      expect(result.ok && result.events[0]).toMatchObject({ reason: null });
    });
  }
});

describe('edges that do not exist', () => {
  const edges = new Set(transitions.map((t) => `${t.from}→${t.to}`));
  const missing = Stages.flatMap((from) => Stages.map((to) => [from, to] as const)).filter(
    ([from, to]) => !edges.has(`${from}→${to}`),
  );

  it.each(missing)('%s → %s is a CONFLICT whoever asks', (from, to) => {
    const error = errorOf(advanceChecked(readyTopic(from), to, actor(...allRoles), 'why'));
    expect(error).toEqual({ code: 'CONFLICT', message: `cannot go from ${from} to ${to}` });
  });

  it('refuses everything from the terminal stages', () => {
    for (const from of ['closed', 'rejected', 'withdrawn'] as const) {
      for (const to of Stages)
        expect(errorOf(advance(readyTopic(from), to, actor(...allRoles), now, 'x')).code).toBe('CONFLICT');
    }
  });
});

describe('order of checks', () => {
  it('reports the missing edge before the role', () => {
    expect(errorOf(advance(blankTopic('proposed'), 'closed', actor(), now)).code).toBe('CONFLICT');
  });

  it('reports the role before the missing reason', () => {
    expect(errorOf(advance(blankTopic('vetting'), 'rejected', actor('member'), now)).code).toBe('FORBIDDEN');
  });

  it('reports the missing reason before the gates', () => {
    expect(errorOf(advance(blankTopic('vetting'), 'rejected', actor('chair'), now)).code).toBe('VALIDATION');
    expect(errorOf(advance(blankTopic('vetting'), 'rejected', actor('chair'), now, 'why')).code).toBe('GATE_BLOCKED');
  });
});

describe('effects', () => {
  it('starts a new round on reopening: no answer, no ratings, the rest kept', () => {
    const topic = readyTopic('feedback');
    const result = advance(topic, 'consultation', actor('chair'), now, 'the answer ignored the fishermen');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.topic).toEqual({ ...topic, stage: 'consultation', answer: null, ratings: [] });
    expect(result.events.map((e) => e.type)).toEqual(['stage_changed', 'round_started']);
    expect(topic.ratings).toHaveLength(2);
  });

  it('freezes the draft on delivery and changes nothing but the stage', () => {
    const topic = readyTopic('drafting');
    const result = advance(topic, 'delivered', actor('secretariat'), now);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.topic).toEqual({ ...topic, stage: 'delivered' });
    expect(result.events).toEqual([
      {
        type: 'stage_changed',
        from: 'drafting',
        to: 'delivered',
        actorId: 'u-actor',
        at: now,
        reason: null,
        waived: [],
      },
      { type: 'draft_frozen', at: now },
    ]);
  });

  it('keeps a reason given where none is required', () => {
    const result = advance(readyTopic('proposed'), 'vetting', actor('chair'), now, 'on the agenda of the 3rd session');
    expect(result.ok && result.events[0]).toMatchObject({ reason: 'on the agenda of the 3rd session' });
  });

  it('explains a block in one sentence', () => {
    const error = errorOf(advance(blankTopic('preparation'), 'consultation', actor('chair'), now));
    expect(error.message).toBe(
      'Cannot start the consultation yet: No participant has been assessed yet (要一); ' +
        'No research report yet — no research, no consultation (不调研不协商)',
    );
  });

  it('names who may act', () => {
    expect(errorOf(advance(blankTopic('proposed'), 'withdrawn', actor('member'), now, 'x')).message).toBe(
      'Only the chair, the secretariat or the proposer may withdraw this topic',
    );
  });
});

describe('availableTransitions', () => {
  it('mirrors advance for each edge out of the stage', () => {
    const topic = { ...readyTopic('vetting'), vetting: { relevance: null, remit: readyTopic().vetting.remit } };
    const available = availableTransitions(topic, actor('proposer'));
    expect(available.map((a) => [a.to, a.allowed, a.reasonRequired, a.unmet.map((u) => u.code)])).toEqual([
      ['preparation', false, false, ['relevance_yes']],
      ['rejected', false, true, ['vetting_has_no']],
      ['withdrawn', true, true, []],
    ]);
  });

  it('offers nothing from a terminal stage', () => {
    expect(availableTransitions(readyTopic('closed'), actor(...allRoles))).toEqual([]);
  });
});

describe('canOpenMeeting', () => {
  it('needs consultation and research', () => {
    expect(canOpenMeeting(readyTopic('consultation'))).toEqual([]);
    expect(canOpenMeeting(readyTopic('preparation')).map((u) => u.code)).toEqual(['stage_consultation']);
    expect(canOpenMeeting(blankTopic('drafting')).map((u) => u.code)).toEqual([
      'stage_consultation',
      'research_report',
    ]);
    expect(canOpenMeeting({ ...readyTopic('consultation'), researchReports: 0 }).map((u) => u.code)).toEqual([
      'research_report',
    ]);
  });
});

describe('an exception to the interaction gate', () => {
  const noExchange = (): TopicSnapshot => breakers.official_exchange(readyTopic('consultation'));
  const why = 'The water bureau sent written answers; nobody could attend';

  it('lets the chair start drafting with a reason, and names the exception in the event', () => {
    const result = advance(noExchange(), 'drafting', actor('chair'), now, why, ['official_exchange']);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.events[0]).toMatchObject({ type: 'stage_changed', reason: why, waived: ['official_exchange'] });
    expect(result.topic.waived).toEqual(['official_exchange']);
  });

  it('is GATE_BLOCKED without the exception, and names the gate', () => {
    const error = errorOf(advance(noExchange(), 'drafting', actor('chair'), now, why));
    expect(error.code).toBe('GATE_BLOCKED');
    expect(error.unmet?.map((u) => u.code)).toEqual(['official_exchange']);
  });

  it('needs the reason', () => {
    expect(errorOf(advance(noExchange(), 'drafting', actor('chair'), now, '  ', ['official_exchange'])).code).toBe(
      'VALIDATION',
    );
  });

  it('is the chair’s alone: the secretariat may start drafting, not make the exception', () => {
    const error = errorOf(advance(noExchange(), 'drafting', actor('secretariat'), now, why, ['official_exchange']));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('excuses nothing else: other gates still block, and other gates cannot be excepted', () => {
    const alsoSilent = breakers.meeting_with_speakers(noExchange());
    const error = errorOf(advance(alsoSilent, 'drafting', actor('chair'), now, why, ['official_exchange']));
    expect(error.unmet?.map((u) => u.code)).toEqual(['meeting_with_speakers']);
    expect(errorOf(advance(noExchange(), 'drafting', actor('chair'), now, why, ['meeting_with_speakers'])).code).toBe(
      'VALIDATION',
    );
    // Nor on an edge that does not have the gate.
    expect(
      errorOf(advance(readyTopic('drafting'), 'delivered', actor('chair'), now, why, ['official_exchange'])).code,
    ).toBe('VALIDATION');
  });

  it('records no exception that was not needed', () => {
    const result = advance(readyTopic('consultation'), 'drafting', actor('chair'), now, why, ['official_exchange']);
    expect(result.ok && result.events[0]).toMatchObject({ waived: [] });
  });

  it('is offered to the chair only, by the transitions the UI shows', () => {
    const toDrafting = (roles: Parameters<typeof actor>) =>
      availableTransitions(noExchange(), actor(...roles)).find((t) => t.to === 'drafting')!;
    expect(toDrafting(['chair']).waivable).toEqual(['official_exchange']);
    expect(toDrafting(['secretariat']).waivable).toEqual([]);
  });

  it('starts over with a new round', () => {
    const closed = { ...readyTopic('feedback'), waived: ['official_exchange' as const] };
    const result = advance(closed, 'consultation', actor('chair'), now, 'the answer did not satisfy');
    expect(result.ok && result.topic.waived).toEqual([]);
  });
});
