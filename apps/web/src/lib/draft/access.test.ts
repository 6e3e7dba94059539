import type { Stage, TopicDetail } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { draftAccess } from './access';

function topic(stage: Stage, may: { read?: boolean; write?: boolean; name?: boolean }) {
  return {
    stage,
    permissions: { readDraft: Boolean(may.read), writeDraft: Boolean(may.write), nameDraftVersion: Boolean(may.name) },
  } as unknown as Pick<TopicDetail, 'stage' | 'permissions'>;
}

describe('draftAccess', () => {
  it('follows the permissions the server gave', () => {
    expect(draftAccess(topic('vetting', {}))).toMatchObject({ visible: false, writable: false });
    expect(draftAccess(topic('drafting', { read: true, write: true, name: true }))).toEqual({
      visible: true,
      writable: true,
      readOnlyReason: null,
      mayNameVersions: true,
    });
  });

  it('says why a visible draft is read-only: frozen from delivery on, not yours before', () => {
    expect(draftAccess(topic('preparation', { read: true })).readOnlyReason).toBe('notAllowed');
    expect(draftAccess(topic('consultation', { read: true })).readOnlyReason).toBe('notAllowed');
    for (const stage of ['delivered', 'feedback', 'closed'] as Stage[]) {
      expect(draftAccess(topic(stage, { read: true })).readOnlyReason).toBe('frozen');
    }
  });
});
