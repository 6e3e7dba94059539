import { describe, expect, it } from 'vitest';
import { focusAfterChange } from './focus';

describe('focusAfterChange', () => {
  it('keeps the same control of an entry that moved', () => {
    const focused = { entryId: 'b', control: 'up' };
    expect(focusAfterChange(['a', 'b', 'c'], ['b', 'a', 'c'], focused)).toEqual(focused);
  });

  it('goes to the grant button of the entry that took the place of one granted or removed', () => {
    expect(focusAfterChange(['a', 'b', 'c'], ['a', 'c'], { entryId: 'b', control: 'grant' })).toEqual({
      entryId: 'c',
      control: 'grant',
    });
    expect(focusAfterChange(['a', 'b'], ['b'], { entryId: 'a', control: 'remove' })).toEqual({
      entryId: 'b',
      control: 'grant',
    });
  });

  it('goes to the new last entry when the last one left', () => {
    expect(focusAfterChange(['a', 'b', 'c'], ['a', 'b'], { entryId: 'c', control: 'grant' })).toEqual({
      entryId: 'b',
      control: 'grant',
    });
  });

  it('leaves the list when nobody waits any more', () => {
    expect(focusAfterChange(['a'], [], { entryId: 'a', control: 'grant' })).toBeNull();
  });

  it('treats an entry it never saw as the first', () => {
    expect(focusAfterChange([], ['x', 'y'], { entryId: 'a', control: 'grant' })).toEqual({
      entryId: 'x',
      control: 'grant',
    });
  });
});
