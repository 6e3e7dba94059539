import type { Citation } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { citationText } from './citations.js';

const speech: Citation = {
  kind: 'speech',
  id: 's1',
  speaker: { id: 'u1', displayName: '杨晓燕' },
  speechKind: 'question',
  startedAt: '2026-12-01T01:10:00.000Z',
  meeting: { id: 'm1', title: '专题协商会' },
};

describe('citation footnotes', () => {
  it('name a speech by speaker, kind, meeting and Beijing time', () => {
    expect(citationText(speech, 'zh-CN')).toBe('杨晓燕（提问），专题协商会，2026年12月1日 09:10');
    expect(citationText(speech, 'en')).toBe('杨晓燕 (Question), 专题协商会, 1 December 2026, 09:10');
  });

  it('name a research report by title, authors and date', () => {
    const report: Citation = {
      kind: 'research',
      id: 'r1',
      title: '中小企业融资调研',
      authors: ['王秀兰', '李明'],
      date: '2026-11-20',
    };
    expect(citationText(report, 'zh-CN')).toBe('调研报告《中小企业融资调研》，王秀兰、李明，2026年11月20日');
    expect(citationText(report, 'en')).toBe('Research report “中小企业融资调研”, 王秀兰, 李明, 20 November 2026');
    expect(citationText({ ...report, authors: [] }, 'zh-CN')).toBe('调研报告《中小企业融资调研》，2026年11月20日');
  });
});
