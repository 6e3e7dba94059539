import { describe, expect, it } from 'vitest';
import { auditFiltersFrom, auditLogFrom, auditPath, auditQuery, hasAuditFilters, noAuditFilters } from './filters';

const params = (query: string) => new URLSearchParams(query);

describe('audit filters in the address', () => {
  it('reads the log and valid filters', () => {
    const query = params('log=org-1&action=topic.stage&actor=u_2&from=2025-03-01&to=2025-03-31');
    expect(auditLogFrom(query)).toBe('org-1');
    expect(auditFiltersFrom(query)).toEqual({
      action: 'topic.stage',
      actor: 'u_2',
      from: '2025-03-01',
      to: '2025-03-31',
    });
  });

  it('leaves out what is not valid', () => {
    const query = params('log=a/b&action=topic.deleted&actor=x y&from=2025-02-30&to=yesterday');
    expect(auditLogFrom(query)).toBe('');
    expect(auditFiltersFrom(query)).toEqual(noAuditFilters());
    expect(hasAuditFilters(auditFiltersFrom(query))).toBe(false);
  });
});

describe('the server query', () => {
  it('asks for the whole days of the range in the reader’s time zone', () => {
    const query = params(auditQuery({ action: '', actor: '', from: '2025-03-01', to: '2025-03-02' }).slice(1));
    expect(query.get('from')).toBe(new Date(2025, 2, 1).toISOString());
    expect(new Date(query.get('to')!).getTime()).toBe(new Date(2025, 2, 3).getTime() - 1);
    expect(query.get('limit')).toBe('50');
  });

  it('pages with `before` and leaves empty filters out', () => {
    expect(auditQuery({ action: 'topic.created', actor: '', from: '', to: '' }, 51)).toBe(
      '?action=topic.created&before=51&limit=50',
    );
  });

  it('reads an organisation’s log, or the installation’s', () => {
    expect(auditPath('org-1')).toBe('/api/orgs/org-1/audit');
    expect(auditPath('org-1', '/verify')).toBe('/api/orgs/org-1/audit/verify');
    expect(auditPath('site', '/verify')).toBe('/api/audit/verify');
  });
});
