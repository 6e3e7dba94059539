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

  it('words each step of an opinion report for its author, and links to the report', () => {
    const report = (kind: Notification['kind'], data: Notification['data'], lang: 'zh-CN' | 'en' = 'zh-CN') =>
      composeMail(
        proposal({ kind, subject: { type: 'opinion', id: 'r1', title: '加装电梯审批慢' }, data }),
        lang,
        'https://yishi.example.org',
      );
    expect(report('opinion_submitted', {}).subject).toBe('【议事】社情民意信息「加装电梯审批慢」已报送，请处理');
    expect(report('opinion_handled', { decision: 'adopted' }).subject).toBe(
      '【议事】您的社情民意信息「加装电梯审批慢」已被采用',
    );
    expect(report('opinion_handled', { decision: 'not_adopted' }, 'en').subject).toBe(
      '[Yishi] Your opinion report “加装电梯审批慢” was not adopted',
    );
    // A decision that is not a report's is not worded as one.
    expect(report('opinion_handled', { decision: 'accepted' }).subject).toBe('【议事】「加装电梯审批慢」有新的进展');
    expect(report('opinion_in_bulletin', { number: '2026-03' }).subject).toBe(
      '【议事】您的社情民意信息「加装电梯审批慢」已编入专报（2026-03期）',
    );
    expect(report('opinion_in_bulletin', {}).subject).toBe('【议事】您的社情民意信息「加装电梯审批慢」已编入专报');
    const instructed = report('opinion_instructed', { by: '李明（市长）' });
    expect(instructed.subject).toBe('【议事】您的社情民意信息「加装电梯审批慢」获李明（市长）批示');
    expect(instructed.text).toContain('https://yishi.example.org/opinions/r1');
  });

  it('asks the receiving organisation to take up a forwarded topic, up or down', () => {
    const forwarded = (direction: 'up' | 'down', lang: 'zh-CN' | 'en' = 'zh-CN') =>
      composeMail(
        proposal({
          kind: 'topic_forwarded',
          subject: { type: 'topic', id: 't9', title: '跨县河道治理' },
          topicId: 't9',
          topicTitle: '跨县河道治理',
          data: { org: '临江县政协', direction },
        }),
        lang,
        'https://yishi.example.org',
      );
    expect(forwarded('up').subject).toBe('【议事】「跨县河道治理」由临江县政协上报，请审议');
    expect(forwarded('down', 'en').subject).toBe(
      '[Yishi] “跨县河道治理” was handed down by 临江县政协: please consider it',
    );
    expect(forwarded('up').text).toContain('https://yishi.example.org/topics/t9');
  });
});
