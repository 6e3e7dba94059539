import { describe, expect, it } from 'vitest';
import { withCursor } from './pager.svelte';

describe('withCursor', () => {
  it('adds the cursor to a query or an address, encoded, and nothing without one', () => {
    expect(withCursor('', 'a+b')).toBe('?cursor=a%2Bb');
    expect(withCursor('?tag=x', 'c')).toBe('?tag=x&cursor=c');
    expect(withCursor('/api/orgs/o/members', 'c')).toBe('/api/orgs/o/members?cursor=c');
    expect(withCursor('/api/orgs/o/members?q=w', 'c')).toBe('/api/orgs/o/members?q=w&cursor=c');
    expect(withCursor('?tag=x', null)).toBe('?tag=x');
  });
});
