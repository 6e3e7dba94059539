import type { DraftBlock } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { countChanges, diffDrafts, diffText, similarity } from './diff';

const p = (text: string): DraftBlock => ({ type: 'paragraph', text, attrs: {} });
const h = (text: string): DraftBlock => ({ type: 'heading', text, attrs: { level: 2 } });

describe('diffText', () => {
  it('compares Chinese character by character', () => {
    expect(diffText('首期注资两亿元', '首期注资一亿元')).toEqual([
      { kind: 'same', text: '首期注资' },
      { kind: 'removed', text: '两' },
      { kind: 'added', text: '一' },
      { kind: 'same', text: '亿元' },
    ]);
  });

  it('compares other text word by word, keeping spaces', () => {
    expect(diffText('set up a fund now', 'set up a large fund now')).toEqual([
      { kind: 'same', text: 'set up a ' },
      { kind: 'added', text: 'large ' },
      { kind: 'same', text: 'fund now' },
    ]);
  });
});

describe('similarity', () => {
  it('is the share of the longer text in common', () => {
    expect(similarity(diffText('abcd', 'abcd'))).toBe(1);
    expect(similarity(diffText('', ''))).toBe(1);
    expect(similarity(diffText('甲乙丙丁', '甲乙'))).toBe(0.5);
  });
});

describe('diffDrafts', () => {
  it('marks unchanged, added and removed paragraphs', () => {
    const changes = diffDrafts([h('一'), p('甲'), p('乙')], [h('一'), p('乙'), p('丙')]);
    expect(changes.map((c) => c.kind)).toEqual(['same', 'removed', 'same', 'added']);
  });

  it('shows an edited paragraph as changed, with the edit inside it', () => {
    const [change] = diffDrafts([p('建议首期注资两亿元。')], [p('建议首期注资一亿元。')]);
    expect(change?.kind).toBe('changed');
    if (change?.kind !== 'changed') return;
    expect(change.parts.filter((part) => part.kind !== 'same').map((part) => part.text)).toEqual(['两', '一']);
  });

  it('shows a rewritten paragraph as removed and added', () => {
    const changes = diffDrafts([p('建议设立资金池。')], [p('推行一网通办改革。')]);
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'added']);
  });

  it('does not pair a heading with a paragraph', () => {
    const changes = diffDrafts([h('二、措施')], [p('二、措施如下')]);
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'added']);
  });

  it('pairs runs of several edits in order, keeping extra blocks', () => {
    const changes = diffDrafts(
      [p('第一段原文内容'), p('第二段原文内容')],
      [p('第一段新的内容'), p('第二段新的内容'), p('另加一段')],
    );
    expect(changes.map((c) => c.kind)).toEqual(['changed', 'changed', 'added']);
    expect(countChanges(changes)).toEqual({ added: 1, removed: 0, changed: 2 });
  });

  it('handles an empty side', () => {
    expect(diffDrafts([], [p('甲')]).map((c) => c.kind)).toEqual(['added']);
    expect(diffDrafts([p('甲')], []).map((c) => c.kind)).toEqual(['removed']);
    expect(diffDrafts([], [])).toEqual([]);
  });
});
