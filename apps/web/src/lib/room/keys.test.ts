import { describe, expect, it } from 'vitest';
import { isTyping, shortcutOf } from './keys';

/** A stand-in for a focused element: only its tag and editability matter. */
const element = (tagName: string, isContentEditable = false) =>
  ({ tagName, isContentEditable }) as unknown as EventTarget;
const body = element('BODY');

describe('shortcutOf', () => {
  it('maps N, F and P, in either case', () => {
    expect(shortcutOf({ key: 'n', target: body })).toBe('next');
    expect(shortcutOf({ key: 'N', target: body })).toBe('next');
    expect(shortcutOf({ key: 'f', target: body })).toBe('finish');
    expect(shortcutOf({ key: 'p', target: body })).toBe('pauseResume');
    expect(shortcutOf({ key: 'x', target: body })).toBeNull();
  });

  it('acts on a focused button, which is not typing', () => {
    expect(shortcutOf({ key: 'n', target: element('BUTTON') })).toBe('next');
  });

  it('does nothing while typing, composing, repeating or with a modifier', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT'])
      expect(shortcutOf({ key: 'n', target: element(tag) })).toBeNull();
    expect(shortcutOf({ key: 'n', target: element('DIV', true) })).toBeNull();
    expect(shortcutOf({ key: 'n', isComposing: true, target: body })).toBeNull();
    expect(shortcutOf({ key: 'n', repeat: true, target: body })).toBeNull();
    expect(shortcutOf({ key: 'n', ctrlKey: true, target: body })).toBeNull();
    expect(shortcutOf({ key: 'f', metaKey: true, target: body })).toBeNull();
    expect(shortcutOf({ key: 'p', altKey: true, target: body })).toBeNull();
  });
});

describe('isTyping', () => {
  it('is false for no target and for the page itself', () => {
    expect(isTyping(null)).toBe(false);
    expect(isTyping(body)).toBe(false);
  });
});
