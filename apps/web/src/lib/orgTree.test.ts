import type { Org } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { buildOrgTree, flattenOrgTree } from './orgTree';

const org = (id: string, parentId: string | null, level: Org['level'], name = id): Org => ({
  id,
  name,
  level,
  parentId,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('buildOrgTree', () => {
  it('nests cities and counties under their province, whatever the input order', () => {
    const tree = buildOrgTree([
      org('c1', 'p', 'county'),
      org('city', 'p', 'city'),
      org('p', null, 'province'),
      org('c2', 'city', 'county'),
    ]);
    expect(tree.map((n) => n.org.id)).toEqual(['p']);
    expect(tree[0]?.children.map((n) => n.org.id)).toEqual(['city', 'c1']);
    expect(tree[0]?.children[0]?.children.map((n) => n.org.id)).toEqual(['c2']);
  });

  it('makes an organisation whose parent is not visible a root', () => {
    const tree = buildOrgTree([org('county', 'hidden-city', 'county')]);
    expect(tree.map((n) => n.org.id)).toEqual(['county']);
  });

  it('does not loop on a parent cycle', () => {
    const tree = buildOrgTree([org('a', 'b', 'city'), org('b', 'a', 'city')]);
    expect(
      flattenOrgTree(tree)
        .map((e) => e.org.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('flattens depth-first with depths', () => {
    const flat = flattenOrgTree(
      buildOrgTree([org('p', null, 'province'), org('c', 'p', 'city'), org('k', 'c', 'county')]),
    );
    expect(flat.map((e) => [e.org.id, e.depth])).toEqual([
      ['p', 0],
      ['c', 1],
      ['k', 2],
    ]);
  });
});
