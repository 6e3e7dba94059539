import { Schema, type Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { compositionChange, placeChange } from './composition';

const schema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: { content: 'text*', toDOM: () => ['p', 0] },
    text: {},
  },
});

/** A document of paragraphs; position 1 is the start of the first one's text. */
function doc(...paragraphs: string[]): Node {
  return schema.node(
    'doc',
    null,
    paragraphs.map((text) => schema.node('paragraph', null, text ? schema.text(text) : [])),
  );
}

/** Applies a change to `base`, as the editor does once the composition ends. */
function apply(base: Node, from: number, to: number, change: ReturnType<typeof compositionChange>): string {
  if (!change) return base.textContent;
  return base.replace(from, to, change.slice).textContent;
}

describe('compositionChange', () => {
  it('is the committed text at the caret the composition began at', () => {
    const base = doc('加装电梯');
    const change = compositionChange(base, doc('加装电梯资'), { from: 5, to: 5 });
    expect(change).toMatchObject({ from: 5, to: 5 });
    expect(change?.slice.content.textBetween(0, change.slice.content.size)).toBe('资');
  });

  it('replaces the selection the composition began on', () => {
    const base = doc('加装电梯');
    const change = compositionChange(base, doc('加装资'), { from: 3, to: 5 });
    expect(change).toMatchObject({ from: 3, to: 5 });
    expect(apply(base, 3, 5, change)).toBe('加装资');
  });

  it('covers the caret when the text repeats around it, so that it lands where it was typed', () => {
    // "梯" typed between "电" and "梯": a diff alone puts it after the "梯" that was there.
    const base = doc('电梯');
    expect(base.content.findDiffStart(doc('电梯梯').content)).toBe(3);
    const change = compositionChange(base, doc('电梯梯'), { from: 2, to: 2 });
    expect(change?.from).toBe(2);
    expect(apply(base, change!.from, change!.to, change)).toBe('电梯梯');
  });

  it('handles a deletion whose ends overlap', () => {
    const base = doc('abb');
    const change = compositionChange(base, doc('ab'), { from: 3, to: 3 });
    expect(change).not.toBeNull();
    expect(apply(base, change!.from, change!.to, change)).toBe('ab');
  });

  it('is null when the composition changed nothing (cancelled)', () => {
    expect(compositionChange(doc('加装电梯'), doc('加装电梯'), { from: 5, to: 5 })).toBeNull();
  });

  it('keeps the other paragraphs out of the change', () => {
    const base = doc('第一段', '第二段');
    const change = compositionChange(base, doc('第一段', '第二资段'), { from: 8, to: 8 });
    expect(change).toMatchObject({ from: 8, to: 8 });
  });
});

describe('placeChange', () => {
  const base = doc('加装电梯');
  const change = compositionChange(base, doc('加装电梯资'), { from: 5, to: 5 })!;

  it('follows the caret where others wrote before it', () => {
    // Someone wrote "QR" before the caret: the caret's relative position is now 7.
    expect(placeChange(change, { from: 5, to: 5 }, { from: 7, to: 7 }, 9)).toEqual({ from: 7, to: 7 });
  });

  it('keeps the distance to the caret of a change that began before it', () => {
    const wide = { ...change, from: 4 };
    expect(placeChange(wide, { from: 5, to: 5 }, { from: 7, to: 7 }, 9)).toEqual({ from: 6, to: 7 });
  });

  it('stays in the document when the caret cannot be found any more', () => {
    expect(placeChange(change, { from: 5, to: 5 }, null, 3)).toEqual({ from: 3, to: 3 });
  });
});
