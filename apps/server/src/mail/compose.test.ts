import type { Notification } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { composeMail } from './compose.js';

const proposal = (over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind: 'proposal_assigned',
  subject: { type: 'proposal', id: 'p1', title: '关于加快老旧小区加装电梯的提案' },
  topicId: null,
  topicTitle: null,
  data: { dueDate: '2027-03-01', number: '2026-0001' },
  createdAt: '2026-12-01T08:00:00.000Z',
  readAt: null,
  ...over,
});

describe('a notification as an e-mail', () => {
  it('says what to do in the subject and links to the proposal and to the choices', () => {
    expect(composeMail(proposal(), 'zh-CN', 'https://yishi.example.org')).toEqual({
      subject: '【议事】提案「关于加快老旧小区加装电梯的提案」交由贵单位办理，请于 2027年3月1日 前答复',
      text: [
        '提案「关于加快老旧小区加装电梯的提案」交由贵单位办理，请于 2027年3月1日 前答复',
        '',
        '查看：https://yishi.example.org/proposals/p1',
        '',
        '—',
        '您收到这封邮件，是因为您选择了以邮件接收这类通知。更改选择：https://yishi.example.org/settings',
        '',
      ].join('\n'),
    });
  });

  it('words a topic’s stage change in English, and says where to look when there is no public address', () => {
    const n = proposal({
      kind: 'stage_changed',
      subject: { type: 'topic', id: 't1', title: 'Lifts for old estates' },
      topicId: 't1',
      topicTitle: 'Lifts for old estates',
      data: { from: 'vetting', to: 'preparation' },
    });
    const mail = composeMail(n, 'en', undefined);
    expect(mail.subject).toBe('[Yishi] “Lifts for old estates” moved from Vetting to Preparation');
    expect(mail.text).not.toContain('http');
    expect(mail.text).toContain('Notification settings');
  });

  it('words every review decision, and the generic sentence when data is missing', () => {
    const words = (data: Notification['data']) =>
      composeMail(proposal({ kind: 'proposal_reviewed', data }), 'zh-CN', undefined).subject;
    expect(words({ decision: 'accepted', number: '2026-0001' })).toBe(
      '【议事】提案「关于加快老旧小区加装电梯的提案」已立案，编号 2026-0001',
    );
    expect(words({ decision: 'not_accepted' })).toBe('【议事】提案「关于加快老旧小区加装电梯的提案」不予立案');
    expect(words({ decision: 'merged' })).toBe('【议事】提案「关于加快老旧小区加装电梯的提案」已并案办理');
    expect(words({})).toBe('【议事】「关于加快老旧小区加装电梯的提案」有新的进展');
  });
});
