import { GateCodes } from '@yishi/procedure';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-errors';
import en from './i18n/messages/en.json';
import zhCN from './i18n/messages/zh-CN.json';
import { gateWords, reached, unmetOf, type GateContext } from './procedure';

const topic = (research: number, participants: string[]): GateContext => ({
  participants: participants.map((assessment, i) => ({
    userId: `u${i}`,
    displayName: `P${i}`,
    role: 'member',
    sector: null,
    expertise: [],
    assessment,
    addedAt: '2025-01-01T00:00:00Z',
  })),
  research: Array.from({ length: research }, (_, i) => ({
    id: `r${i}`,
    title: 't',
    authors: [],
    summary: 's',
    body: 'b',
    date: '2025-01-01',
    createdBy: { id: 'u', displayName: 'U' },
    createdAt: '2025-01-01T00:00:00Z',
  })),
  settings: { minResearchReports: 2, minDistinctSpeakers: 3, requireOfficialExchange: true },
});

const lookup = (messages: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('gateWords', () => {
  it.each(GateCodes)('%s has words in both languages', (code) => {
    const { key } = gateWords({ code }, topic(0, []));
    expect(lookup(zhCN, key)).toEqual(expect.any(String));
    expect(lookup(en, key)).toEqual(expect.any(String));
  });

  it('says "no research, no consultation" with the counts the topic has', () => {
    expect(gateWords({ code: 'research_report' }, topic(0, []))).toEqual({ key: 'gates.research_report' });
    expect(gateWords({ code: 'research_report' }, topic(1, []))).toEqual({
      key: 'gates.research_report_some',
      vars: { have: 1, need: 2 },
    });
    expect(lookup(zhCN, 'gates.research_report')).toBe('尚无调研报告——不调研不协商');
    expect(lookup(en, 'gates.research_report')).toBe('No research report yet — no research, no consultation');
  });

  it('counts the participants still without a note, and quotes the speaker threshold', () => {
    expect(gateWords({ code: 'participants_all_noted' }, topic(0, ['ok', ' ', '']))).toEqual({
      key: 'gates.participants_all_noted',
      vars: { count: 2 },
    });
    expect(gateWords({ code: 'meeting_with_speakers' }, topic(0, []))).toEqual({
      key: 'gates.meeting_with_speakers',
      vars: { count: 3 },
    });
  });

  it('names a gate it does not know rather than showing the server message', () => {
    expect(gateWords({ code: 'brand_new' as never }, null)).toEqual({
      key: 'gates.unknown',
      vars: { code: 'brand_new' },
    });
  });
});

describe('unmetOf', () => {
  it('reads the unmet gates of a GATE_BLOCKED error only', () => {
    const unmet = [{ code: 'research_report', message: 'x' }];
    expect(unmetOf(new ApiError('GATE_BLOCKED', 'm', { unmet }, 409))).toEqual(unmet);
    expect(unmetOf(new ApiError('CONFLICT', 'm', { unmet }, 409))).toEqual([]);
    expect(unmetOf(new ApiError('GATE_BLOCKED', 'm', undefined, 409))).toEqual([]);
    expect(unmetOf(new Error('x'))).toEqual([]);
  });
});

describe('reached', () => {
  it('compares stages along the main line; side exits reach nothing', () => {
    expect(reached('consultation', 'preparation')).toBe(true);
    expect(reached('vetting', 'preparation')).toBe(false);
    expect(reached('rejected', 'proposed')).toBe(false);
  });
});
