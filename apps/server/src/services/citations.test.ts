import type { Citation, DraftBlock } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { resolveCitations } from './citations.js';

const speech: Citation = {
  kind: 'speech',
  id: 's1',
  speaker: { id: 'u1', displayName: '杨晓燕' },
  speechKind: 'question',
  startedAt: '2026-12-01T01:10:00.000Z',
  meeting: { id: 'm1', title: '专题协商会' },
};
const report: Citation = { kind: 'research', id: 'r1', title: '调研报告', authors: [], date: '2026-11-20' };
/** The topic's own sources, as `topicCitations` reads them. */
const sources = new Map<string, Citation>([
  ['speech:s1', speech],
  ['research:r1', report],
]);
const block = (source?: unknown, type = 'paragraph'): DraftBlock => ({
  type,
  text: '段落',
  attrs: source === undefined ? {} : { source },
});

describe('citation resolution', () => {
  it('resolves each cited source once, in the order the draft first cites it', () => {
    const blocks = [block(), block('research:r1', 'heading'), block('speech:s1'), block('research:r1')];
    expect(resolveCitations(blocks, sources)).toEqual([report, speech]);
  });

  it('drops what the topic does not hold: another topic’s speech or report, or one since removed', () => {
    const blocks = [block('speech:elsewhere'), block('research:gone'), block('speech:s1')];
    expect(resolveCitations(blocks, sources)).toEqual([speech]);
  });

  it('ignores attributes that are not sources', () => {
    const blocks = [block(''), block('speech:'), block('note:s1'), block({ kind: 'speech', id: 's1' }), block(7)];
    expect(resolveCitations(blocks, sources)).toEqual([]);
  });

  it('does not take a speech id for a report id', () => {
    expect(resolveCitations([block('research:s1'), block('speech:r1')], sources)).toEqual([]);
  });
});
