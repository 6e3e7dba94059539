import type { Notification } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { markedRead, notificationText, withNotification, withPage, type Translate } from './notifications';

/** A stand-in for `t` that shows the key and the values it was given. */
const t: Translate = (key, vars) =>
  vars
    ? `${key}(${Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')})`
    : key;

const note = (over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind: 'stage_changed',
  subject: { type: 'topic', id: 't1', title: '营商环境' },
  topicId: 't1',
  topicTitle: '营商环境',
  data: { from: 'vetting', to: 'preparation' },
  createdAt: '2025-03-01T08:00:00.000Z',
  readAt: null,
  ...over,
});

describe('notificationText', () => {
  it('words a stage change with both stages by name', () => {
    expect(notificationText(note(), t, 'zh-CN')).toBe(
      'followUp.notifications.kinds.stage_changed(topic=营商环境,from=stages.vetting,to=stages.preparation)',
    );
  });

  it('words a delivered outcome with its due date as a calendar day', () => {
    const text = notificationText(note({ kind: 'outcome_delivered', data: { dueDate: '2025-04-30' } }), t, 'en');
    expect(text).toBe('followUp.notifications.kinds.outcome_delivered(topic=营商环境,date=Apr 30, 2025)');
  });

  it('words a delivered outcome without a due date', () => {
    expect(notificationText(note({ kind: 'outcome_delivered', data: {} }), t, 'en')).toBe(
      'followUp.notifications.kinds.outcome_delivered_undated(topic=营商环境)',
    );
  });

  it('words an answer coming due', () => {
    const text = notificationText(note({ kind: 'answer_due', data: { dueDate: '2025-04-30' } }), t, 'zh-CN');
    expect(text).toBe('followUp.notifications.kinds.answer_due(topic=营商环境,date=2025年4月30日)');
  });

  it('words an overdue answer and a received one', () => {
    expect(notificationText(note({ kind: 'answer_overdue', data: { dueDate: '2025-04-30' } }), t, 'en')).toBe(
      'followUp.notifications.kinds.answer_overdue(topic=营商环境,date=Apr 30, 2025)',
    );
    expect(notificationText(note({ kind: 'answer_received', data: {} }), t, 'en')).toBe(
      'followUp.notifications.kinds.answer_received(topic=营商环境)',
    );
  });

  it('words a proposal’s steps by its title, the review by its decision', () => {
    const proposal = (kind: Notification['kind'], data: Notification['data']) =>
      note({ kind, data, subject: { type: 'proposal', id: 'p1', title: '加装电梯' }, topicId: null, topicTitle: null });
    const words = (kind: Notification['kind'], data: Notification['data'] = {}) =>
      notificationText(proposal(kind, data), t, 'zh-CN');
    expect(words('proposal_cosign_invited')).toBe(
      'followUp.notifications.kinds.proposal_cosign_invited(topic=加装电梯)',
    );
    expect(words('proposal_reviewed', { decision: 'accepted', number: '2026-0007' })).toBe(
      'followUp.notifications.kinds.proposal_reviewed_accepted(topic=加装电梯,number=2026-0007)',
    );
    expect(words('proposal_reviewed', { decision: 'not_accepted' })).toBe(
      'followUp.notifications.kinds.proposal_reviewed_not_accepted(topic=加装电梯)',
    );
    expect(words('proposal_reviewed', { decision: 'merged' })).toBe(
      'followUp.notifications.kinds.proposal_reviewed_merged(topic=加装电梯)',
    );
    expect(words('proposal_assigned', { dueDate: '2027-03-01' })).toBe(
      'followUp.notifications.kinds.proposal_assigned(topic=加装电梯,date=2027年3月1日)',
    );
    expect(words('proposal_overdue', { dueDate: '2027-03-01' })).toBe(
      'followUp.notifications.kinds.proposal_overdue(topic=加装电梯,date=2027年3月1日)',
    );
    expect(words('proposal_returned')).toBe('followUp.notifications.kinds.proposal_returned(topic=加装电梯)');
    // Without what the sentence needs: the generic one.
    expect(words('proposal_reviewed')).toBe('followUp.notifications.kinds.other(topic=加装电梯)');
    expect(words('proposal_assigned')).toBe('followUp.notifications.kinds.other(topic=加装电梯)');
    expect(words('proposal_reviewed', { decision: 'adopted' })).toBe(
      'followUp.notifications.kinds.other(topic=加装电梯)',
    );
  });

  it('words a report’s steps: submitted, decided, in a bulletin, instructed', () => {
    const words = (kind: Notification['kind'], data: Notification['data'] = {}) =>
      notificationText(
        note({
          kind,
          data,
          subject: { type: 'opinion', id: 'o1', title: '校园周边停车' },
          topicId: null,
          topicTitle: null,
        }),
        t,
        'zh-CN',
      );
    expect(words('opinion_submitted')).toBe('followUp.notifications.kinds.opinion_submitted(topic=校园周边停车)');
    expect(words('opinion_handled', { decision: 'adopted' })).toBe(
      'followUp.notifications.kinds.opinion_handled_adopted(topic=校园周边停车)',
    );
    expect(words('opinion_handled', { decision: 'not_adopted' })).toBe(
      'followUp.notifications.kinds.opinion_handled_not_adopted(topic=校园周边停车)',
    );
    expect(words('opinion_in_bulletin', { number: '2026-03' })).toBe(
      'followUp.notifications.kinds.opinion_in_bulletin(topic=校园周边停车,number=2026-03)',
    );
    expect(words('opinion_in_bulletin')).toBe(
      'followUp.notifications.kinds.opinion_in_bulletin_unnumbered(topic=校园周边停车)',
    );
    expect(words('opinion_instructed', { by: '张市长' })).toBe(
      'followUp.notifications.kinds.opinion_instructed(topic=校园周边停车,by=张市长)',
    );
    expect(words('opinion_instructed')).toBe(
      'followUp.notifications.kinds.opinion_instructed_unnamed(topic=校园周边停车)',
    );
    // A decision of the other kind of record is not worded as this one's.
    expect(words('opinion_handled', { decision: 'accepted' })).toBe(
      'followUp.notifications.kinds.other(topic=校园周边停车)',
    );
    expect(words('opinion_handled')).toBe('followUp.notifications.kinds.other(topic=校园周边停车)');
    // A topic forwarded here names where it came from, up or down; without them, the general sentence.
    expect(words('topic_forwarded', { org: '临江县政协', direction: 'up' })).toBe(
      'followUp.notifications.kinds.topic_forwarded_up(topic=校园周边停车,org=临江县政协)',
    );
    expect(words('topic_forwarded', { org: '江城市政协', direction: 'down' })).toBe(
      'followUp.notifications.kinds.topic_forwarded_down(topic=校园周边停车,org=江城市政协)',
    );
    expect(words('topic_forwarded')).toBe('followUp.notifications.kinds.other(topic=校园周边停车)');
  });

  it('falls back to a generic sentence for a kind or data it does not know', () => {
    expect(notificationText(note({ kind: 'later_kind' as Notification['kind'] }), t, 'en')).toBe(
      'followUp.notifications.kinds.other(topic=营商环境)',
    );
    expect(notificationText(note({ data: {} }), t, 'en')).toBe('followUp.notifications.kinds.other(topic=营商环境)');
  });
});

describe('withNotification', () => {
  it('puts a new notification first', () => {
    const list = withNotification([note()], note({ id: 'n2' }));
    expect(list.map((n) => n.id)).toEqual(['n2', 'n1']);
  });

  it('keeps one copy of a notification that arrives twice', () => {
    expect(withNotification([note()], note()).map((n) => n.id)).toEqual(['n1']);
  });

  it('drops none of those shown, so that the next page follows on from the last', () => {
    const many = Array.from({ length: 50 }, (_, i) => note({ id: `old${i}` }));
    const list = withNotification(many, note({ id: 'new' }));
    expect(list).toHaveLength(51);
    expect([list[0]?.id, list.at(-1)?.id]).toEqual(['new', 'old49']);
  });
});

describe('withPage', () => {
  it('puts the next page after those shown, leaving out any that arrived live meanwhile', () => {
    const shown = [note({ id: 'live' }), note({ id: 'n3' }), note({ id: 'n2' })];
    const page = [note({ id: 'n1' }), note({ id: 'live' }), note({ id: 'n0' })];
    expect(withPage(shown, page).map((n) => n.id)).toEqual(['live', 'n3', 'n2', 'n1', 'n0']);
  });
});

describe('markedRead', () => {
  const at = '2025-03-02T00:00:00.000Z';
  const earlier = '2025-03-01T12:00:00.000Z';
  const list = [note(), note({ id: 'n2' }), note({ id: 'n3', readAt: earlier })];

  it('marks the given ones read and leaves the read time of those already read', () => {
    expect(markedRead(list, ['n1', 'n3'], at).map((n) => n.readAt)).toEqual([at, null, earlier]);
  });

  it('marks every one read', () => {
    expect(markedRead(list, 'all', at).map((n) => n.readAt)).toEqual([at, at, earlier]);
  });
});
