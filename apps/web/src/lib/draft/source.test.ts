import { describe, expect, it } from 'vitest';
import { formatSource, parseSource } from './source';

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
