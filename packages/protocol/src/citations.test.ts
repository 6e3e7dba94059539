import { describe, expect, it } from 'vitest';
import { citationNotes, formatSource, parseSource, storedCaseDetail, type Citation } from './index.js';

describe('paragraph sources', () => {
  it('reads speech and research references', () => {
    expect(parseSource('speech:abc_1')).toEqual({ kind: 'speech', id: 'abc_1' });
    expect(parseSource('research:R-9')).toEqual({ kind: 'research', id: 'R-9' });
  });

  it('refuses anything else', () => {
    for (const value of [null, undefined, 3, '', 'speech:', 'note:x', 'speech:a b', 'speech:x:y']) {
      expect(parseSource(value)).toBeNull();
    }
  });

  it('writes what it reads', () => {
    expect(formatSource({ kind: 'speech', id: 's1' })).toBe('speech:s1');
    expect(parseSource(formatSource({ kind: 'research', id: 'r1' }))).toEqual({ kind: 'research', id: 'r1' });
  });
});

const speech: Citation = {
  kind: 'speech',
  id: 's1',
  speaker: { id: 'u1', displayName: '杨晓燕' },
  speechKind: 'speech',
  startedAt: '2026-12-01T01:10:00.000Z',
  meeting: { id: 'm1', title: '专题协商会' },
};
const report: Citation = { kind: 'research', id: 'r1', title: '调研报告', authors: ['王秀兰'], date: '2026-11-20' };
const block = (text: string, source?: unknown) => ({
  type: 'paragraph',
  text,
  attrs: source === undefined ? {} : { source },
});

describe('citation notes', () => {
  it('numbers the cited blocks in order, a note for each, and skips what does not resolve', () => {
    const blocks = [
      block('无出处'),
      block('出自发言', 'speech:s1'),
      block('出自别的议题', 'speech:elsewhere'),
      block('出自调研', 'research:r1'),
      block('再引发言', 'speech:s1'),
      block('不是出处', { kind: 'speech' }),
    ];
    const { marks, notes } = citationNotes(blocks, [speech, report]);
    expect(marks.map((m) => m?.number ?? null)).toEqual([null, 1, null, 2, 3, null]);
    expect(notes.map((n) => [n.number, n.citation.id])).toEqual([
      [1, 's1'],
      [2, 'r1'],
      [3, 's1'],
    ]);
    expect(marks[1]).toBe(notes[0]);
  });

  it('has none without citations', () => {
    expect(citationNotes([block('出自发言', 'speech:s1')], [])).toEqual({ marks: [null], notes: [] });
  });
});

describe('stored cases', () => {
  it('reads a case published before citations were kept as citing nothing', () => {
    const old = {
      id: 'c1',
      topicId: 't1',
      orgId: 'o1',
      orgName: '江城市政协',
      level: 'city',
      title: '标题',
      summary: '摘要',
      tags: [],
      sectors: [],
      year: 2026,
      form: null,
      decision: null,
      publishedAt: '2026-12-01T00:00:00.000Z',
      timeline: [],
      outcome: { form: null, blocks: [block('出自发言', 'speech:s1')], recipients: [], dueDate: null },
      answer: null,
      ratings: [],
      participants: [],
      publishedBy: { id: 'u1', displayName: '周主席' },
    };
    expect(storedCaseDetail.parse(old).outcome.citations).toEqual([]);
    const current = { ...old, outcome: { ...old.outcome, citations: [speech, report] } };
    expect(storedCaseDetail.parse(current).outcome.citations).toEqual([speech, report]);
    const broken = { ...old, outcome: { ...old.outcome, citations: [{ kind: 'speech', id: 's1' }] } };
    expect(storedCaseDetail.safeParse(broken).success).toBe(false);
  });
});
