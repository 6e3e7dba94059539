import type { Stage, TopicDetail } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { draftAccess } from './access';

function topic(stage: Stage, options: { participant?: boolean; runs?: boolean } = {}) {
  const during = stage === 'consultation' || stage === 'drafting';
  return {
    stage,
    participants: options.participant ? [{ userId: 'me' }] : [{ userId: 'someone' }],
    permissions: { setOutcome: Boolean(options.runs) && during },
  } as unknown as Pick<TopicDetail, 'stage' | 'participants' | 'permissions'>;
}

describe('draftAccess', () => {
  it('has no draft before preparation, nor for a topic that left the procedure', () => {
    for (const stage of ['proposed', 'vetting', 'rejected', 'withdrawn'] as Stage[]) {
      expect(draftAccess(topic(stage, { participant: true }), 'me').visible).toBe(false);
    }
  });

  it('lets participants write in consultation and drafting only', () => {
    expect(draftAccess(topic('consultation', { participant: true }), 'me').writable).toBe(true);
    expect(draftAccess(topic('drafting', { participant: true }), 'me').writable).toBe(true);
    const preparing = draftAccess(topic('preparation', { participant: true }), 'me');
    expect(preparing).toMatchObject({ visible: true, writable: false, readOnlyReason: 'notAllowed' });
  });

  it('lets the chair and the secretariat write and name versions', () => {
    expect(draftAccess(topic('drafting', { runs: true }), 'me')).toMatchObject({
      writable: true,
      mayNameVersions: true,
    });
  });

  it('keeps others reading', () => {
    expect(draftAccess(topic('consultation'), 'me')).toMatchObject({
      writable: false,
      readOnlyReason: 'notAllowed',
      mayNameVersions: false,
    });
    expect(draftAccess(topic('consultation', { participant: true }), undefined).writable).toBe(false);
  });

  it('freezes the draft from delivery on', () => {
    for (const stage of ['delivered', 'feedback', 'closed'] as Stage[]) {
      expect(draftAccess(topic(stage, { participant: true, runs: true }), 'me')).toMatchObject({
        visible: true,
        writable: false,
        readOnlyReason: 'frozen',
        mayNameVersions: false,
      });
    }
  });
});
