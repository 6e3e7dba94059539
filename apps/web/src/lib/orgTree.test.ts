import type { Org } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { buildOrgTree, flattenOrgTree, placesUnder, possibleParents, subtreeIds } from './orgTree';

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

describe('placesUnder', () => {
  it('lists the liaison stations and consultation rooms below an organisation, at any depth', () => {
    const orgs = [
      org('city', null, 'city', '江城市政协'),
      org('county', 'city', 'county', '东湖区政协'),
      org('station', 'county', 'liaison_station', '东湖社区联络站'),
      org('room', 'city', 'consultation_room', '市民议事厅'),
      org('other', null, 'city', '别的市'),
      org('far', 'other', 'liaison_station', '别处联络站'),
    ];
    expect(placesUnder(orgs, 'city').map((o) => o.name)).toEqual(['东湖社区联络站', '市民议事厅']);
    expect(placesUnder(orgs, 'county').map((o) => o.name)).toEqual(['东湖社区联络站']);
    expect(placesUnder(orgs, 'station')).toEqual([]);
    expect(placesUnder(orgs, 'missing')).toEqual([]);
  });
});

describe('moving an organisation', () => {
  const orgs = [
    org('p', null, 'province'),
    org('c1', 'p', 'city'),
    org('c2', 'p', 'city'),
    org('k', 'c1', 'county'),
    org('s', 'k', 'liaison_station'),
  ];

  it('knows an organisation and all under it', () => {
    expect([...subtreeIds(orgs, 'c1')].sort()).toEqual(['c1', 'k', 's']);
    expect([...subtreeIds(orgs, 's')]).toEqual(['s']);
  });

  it('offers only parents above its level that are not its own', () => {
    const county = orgs.find((o) => o.id === 'k')!;
    expect(possibleParents(orgs, county, orgs).map((o) => o.id)).toEqual(['p', 'c1', 'c2']);
    const city = orgs.find((o) => o.id === 'c1')!;
    expect(possibleParents(orgs, city, orgs).map((o) => o.id)).toEqual(['p']);
  });
});
