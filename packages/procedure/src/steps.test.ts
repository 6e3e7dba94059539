import { describe, expect, it } from 'vitest';
import { steps } from './steps.js';
import type { StepStatus, TopicSnapshot } from './types.js';
import { blankTopic, readyTopic, vettingAnswer } from './test/fixtures.js';

const statuses = (topic: TopicSnapshot): StepStatus[] => steps(topic).map((s) => s.status);

describe('steps', () => {
  it('lists the 8 steps of 两问·三要·三明确 in order and phase', () => {
    expect(steps(blankTopic()).map((s) => `${s.step} ${s.key} ${s.phase}`)).toEqual([
      '1 relevance before',
      '2 remit before',
      '3 participants during',
      '4 research during',
      '5 interaction during',
      '6 outcome_form after',
      '7 application after',
      '8 assessment after',
    ]);
  });

  it('blocks everything while the topic is only proposed', () => {
    expect(statuses(blankTopic('proposed'))).toEqual(Array(8).fill('blocked'));
  });

  it('opens the two questions when vetting starts', () => {
    expect(statuses(blankTopic('vetting'))).toEqual(['open', 'open', ...Array(6).fill('blocked')]);
  });

  it('blocks a question answered no: only a new answer can change it', () => {
    const topic = {
      ...blankTopic('vetting'),
      vetting: { relevance: vettingAnswer(false), remit: vettingAnswer(true) },
    };
    const [relevance, remit] = steps(topic);
    expect(relevance).toMatchObject({ status: 'blocked', unmet: [{ code: 'relevance_yes' }] });
    expect(remit).toMatchObject({ status: 'done', unmet: [] });
  });

  it('in preparation, shows what participants and research still need', () => {
    const topic: TopicSnapshot = {
      ...blankTopic('preparation'),
      vetting: readyTopic().vetting,
      participants: [
        { userId: 'a', assessment: 'expert' },
        { userId: 'b', assessment: '' },
      ],
    };
    const all = steps(topic);
    expect(all.map((s) => s.status)).toEqual(['done', 'done', 'open', 'open', ...Array(4).fill('blocked')]);
    expect(all[2]?.unmet.map((u) => u.code)).toEqual(['participants_all_noted']);
    expect(all[3]?.unmet.map((u) => u.code)).toEqual(['research_report']);
  });

  it('marks work done early as done, whatever the stage', () => {
    const topic = { ...blankTopic('vetting'), researchReports: 1 };
    expect(statuses(topic)[3]).toBe('done');
  });

  it('in consultation opens the interaction step; drafting opens the outcome steps', () => {
    const consulting = { ...readyTopic('consultation'), meetings: [], answer: null, ratings: [] };
    expect(statuses(consulting)).toEqual(['done', 'done', 'done', 'done', 'open', 'done', 'done', 'blocked']);
    const drafting = {
      ...readyTopic('drafting'),
      outcome: { ...readyTopic().outcome, form: null, dueDate: null },
      answer: null,
      ratings: [],
    };
    expect(statuses(drafting)).toEqual(['done', 'done', 'done', 'done', 'done', 'open', 'open', 'blocked']);
  });

  it('opens the assessment from delivery on', () => {
    const delivered = { ...readyTopic('delivered'), answer: null, ratings: [] };
    const last = steps(delivered)[7];
    expect(last?.status).toBe('open');
    expect(last?.unmet.map((u) => u.code)).toEqual(['answer_recorded', 'chair_rating', 'party_contact_rating']);
  });

  it('is all done for a topic ready to close', () => {
    expect(statuses(readyTopic('feedback'))).toEqual(Array(8).fill('done'));
  });

  it('opens nothing once the topic has left the procedure', () => {
    for (const stage of ['rejected', 'withdrawn'] as const) {
      const topic = { ...blankTopic(stage), vetting: { relevance: vettingAnswer(true), remit: null } };
      expect(statuses(topic)).toEqual(['done', ...Array(7).fill('blocked')]);
    }
  });
});
