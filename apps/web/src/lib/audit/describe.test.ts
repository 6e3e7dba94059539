import { AuditActions, type AuditAction, type AuditEntry } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import auditEn from '../i18n/messages/audit.en.json';
import { messagesEn } from '../i18n/messages/index.js';
import { actionName, AUDIT_ACTION_GROUPS, describeDetails, subjectOf, type Words } from './describe';

/** The English messages with the audit log's own (which its page fetches), as the page has them. */
const english = { ...messagesEn, audit: auditEn };

/** English messages, with `{{placeholders}}` filled as i18next would (plurals not needed here). */
function t(key: string, vars: Record<string, string | number> = {}): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], english);
  if (typeof found !== 'string') throw new Error(`no message ${key}`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name]));
}

const words: Words = {
  t,
  locale: 'en',
  person: (id) => ({ u1: 'Yang', u2: 'Wang' })[id],
  topic: (id) => (id === 't1' ? 'Elevators' : undefined),
  meeting: (id) => (id === 'm1' ? 'Hearing' : undefined),
  org: (id) => (id === 'o1' ? 'City CPPCC' : undefined),
};

function entry(action: AuditAction, details: Record<string, unknown> = {}, subject = { type: 'topic', id: 't1' }) {
  return {
    seq: 1,
    at: '2025-03-04T06:30:05.000Z',
    actor: { id: 'u1', displayName: 'Yang' },
    action,
    subject,
    details,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  } as AuditEntry;
}

describe('audit entries in words', () => {
  it('names every action, in one filter group each', () => {
    const grouped = Object.values(AUDIT_ACTION_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...AuditActions].sort());
    for (const action of AuditActions) expect(actionName(action, words)).not.toContain('.');
  });

  it('says what a stage change, a vetting and an outcome were', () => {
    const stage = entry('topic.stage', { from: 'vetting', to: 'rejected', round: 1, reason: 'Out of remit' });
    expect(describeDetails(stage, words)).toBe('Vetting → Rejected · reason: Out of remit');
    const excepted = entry('topic.stage', {
      from: 'consultation',
      to: 'drafting',
      reason: 'The bureau answered in writing',
      waived: ['official_exchange', 'made_up'],
    });
    expect(describeDetails(excepted, words)).toBe(
      'Consultation → Drafting · Exception: no exchange with the departments (interaction) · reason: The bureau answered in writing',
    );
    const vetted = entry('topic.vetted', { relevance: { answer: true, reason: 'x' }, remit: { answer: false } });
    expect(describeDetails(vetted, words)).toBe('Q1: Relevance (Yes) · Q2: Remit (No)');
    const outcome = entry('outcome.set', { form: 'proposal', recipients: ['u2', 'u9'], dueDate: '2027-03-31' });
    expect(describeDetails(outcome, words)).toBe('Proposal · to Wang, Account · answer due Mar 31, 2027');
    // Since departments: the departments, named as they were when the outcome was set.
    const departments = [
      { id: 'd1', name: 'Housing Bureau' },
      { id: 'd2', name: 'Finance Bureau' },
    ];
    const addressed = entry('outcome.set', {
      form: 'proposal',
      recipientDepartments: departments,
      dueDate: '2027-03-31',
    });
    expect(describeDetails(addressed, words)).toBe(
      'Proposal · to Housing Bureau, Finance Bureau · answer due Mar 31, 2027',
    );
  });

  it('names a proposal by its title and says what its review, reply and assessment were', () => {
    const subject = { type: 'proposal', id: 'p1' } as const;
    const reviewed = entry('proposal.reviewed', { title: 'Lifts in old estates', decision: 'accepted' }, subject);
    expect(subjectOf(reviewed, words)).toEqual({ kind: 'text', label: 'Lifts in old estates' });
    expect(describeDetails(reviewed, words)).toBe('accepted');
    expect(describeDetails(entry('proposal.replied', { classification: 'B' }, subject), words)).toBe('class B');
    expect(describeDetails(entry('proposal.assessed', { satisfaction: 'unsatisfied' }, subject), words)).toBe(
      'unsatisfied',
    );
    expect(describeDetails(entry('proposal.reviewed', { decision: 'lost' }, subject), words)).toBe('');
  });

  it('names a report and a bulletin by their titles and says what was decided, instructed and compiled', () => {
    const report = { type: 'opinion', id: 'o1' } as const;
    const handled = entry('opinion.handled', { title: 'Parking near schools', decision: 'not_adopted' }, report);
    expect(subjectOf(handled, words)).toEqual({ kind: 'text', label: 'Parking near schools' });
    expect(describeDetails(handled, words)).toBe('not adopted');
    expect(describeDetails(entry('opinion.handled', { decision: 'merged' }, report), words)).toBe('');
    const instructed = entry('opinion.instruction_recorded', { title: 'Parking', by: 'Mayor Zhang' }, report);
    expect(describeDetails(instructed, words)).toBe('by Mayor Zhang');
    expect(subjectOf(entry('opinion.submitted', {}, report), words)).toEqual({ kind: 'text', label: 'Opinion report' });
    const bulletin = { type: 'bulletin', id: 'b1' } as const;
    const compiled = entry(
      'bulletin.compiled',
      { title: 'Bulletin', number: '2026-03', opinionIds: ['o1', 'o2'] },
      bulletin,
    );
    expect(subjectOf(compiled, words)).toEqual({ kind: 'text', label: 'Bulletin' });
    expect(describeDetails(compiled, words)).toBe('No. 2026-03 · 2 reports');
    const exported = entry('document.exported', { document: 'bulletin', format: 'pdf', lang: 'zh-CN' }, bulletin);
    expect(describeDetails(exported, words)).toContain('Bulletin · PDF');
  });

  it('names departments as they were, renamed or merged', () => {
    const subject = { type: 'department', id: 'd1' } as const;
    const renamed = entry('department.renamed', { name: 'Housing', to: 'Housing Bureau' }, subject);
    expect(subjectOf(renamed, words)).toEqual({ kind: 'text', label: 'Housing' });
    expect(describeDetails(renamed, words)).toBe('renamed to Housing Bureau');
    const merged = entry('department.merged', { name: 'Housing', into: 'd2', intoName: 'Works Bureau' }, subject);
    expect(describeDetails(merged, words)).toBe('merged into Works Bureau');
    const joined = entry('member.added', { login: 'zhao', role: 'official', department: 'Housing Bureau' });
    expect(describeDetails(joined, words)).toBe('login: zhao · role: Department official · department: Housing Bureau');
  });

  it('names moderation, speeches and settings', () => {
    const moderated = entry(
      'queue.moderated',
      { command: { type: 'addTime', seconds: 30 } },
      { type: 'meeting', id: 'm1' },
    );
    expect(describeDetails(moderated, words)).toBe('Added 30 s');
    expect(subjectOf(moderated, words)).toEqual({ kind: 'meeting', id: 'm1', label: 'Hearing' });
    expect(describeDetails(entry('speech.recorded', { speakerId: 'u2', kind: 'question' }), words)).toBe(
      'Question by Wang',
    );
    const settings = entry('settings.changed', { minResearchReports: 2 }, { type: 'org', id: 'o1' });
    expect(describeDetails(settings, words)).toBe('Research reports needed: 2');
    const exchange = entry('settings.changed', { requireOfficialExchange: false }, { type: 'org', id: 'o1' });
    expect(describeDetails(exchange, words)).toBe(
      'An official of the departments concerned must answer in a meeting before drafting: No',
    );
    expect(subjectOf(settings, words)).toEqual({ kind: 'text', label: 'City CPPCC' });
    const county = entry('org.created', { name: 'County', level: 'county', parentId: 'o1' }, { type: 'org', id: 'o2' });
    expect(describeDetails(county, words)).toBe('County · under City CPPCC');
    expect(subjectOf(county, words)).toEqual({ kind: 'text', label: 'County' });
  });

  it('names account changes, sign-ins and exports', () => {
    const user = { type: 'user', id: 'u2' };
    const changed = entry('member.changed', { role: 'chair', fromRole: 'member', active: false }, user);
    expect(describeDetails(changed, words)).toBe('role: Member → Chair · status: Deactivated');
    expect(subjectOf(changed, words)).toEqual({ kind: 'text', label: 'Wang' });
    const signedIn = entry('auth.signed_in', { login: 'wang', address: '10.0.0.1' }, user);
    expect(describeDetails(signedIn, words)).toBe('login: wang · address: 10.0.0.1');
    const pdf = entry('document.exported', { document: 'minutes', meetingId: 'm1', format: 'pdf', lang: 'zh-CN' });
    expect(describeDetails(pdf, words)).toBe('Minutes · “Hearing” · PDF · 中文');
  });

  it('leaves out what it does not understand, and shortens long texts', () => {
    expect(describeDetails(entry('topic.stage', { from: 'nowhere', to: 3 }), words)).toBe('');
    expect(describeDetails(entry('auth.refused', { login: 'ghost', ip: '10.0.0.1' }, null!), words)).toBe(
      'login: ghost',
    );
    const long = describeDetails(entry('topic.created', { title: 'x'.repeat(200) }), words);
    expect(long.length).toBeLessThan(90);
    expect(long).toContain('…');
  });

  it('links a topic by its title, or by the word when the title is unknown', () => {
    expect(subjectOf(entry('topic.created', { title: 'Elevators' }), words)).toEqual({
      kind: 'topic',
      id: 't1',
      label: 'Elevators',
    });
    expect(subjectOf(entry('meeting.opened', {}, { type: 'topic', id: 't2' }), words)).toEqual({
      kind: 'topic',
      id: 't2',
      label: 'Topic',
    });
    expect(subjectOf(entry('auth.signed_in', {}, null!), words)).toBeNull();
  });
});
