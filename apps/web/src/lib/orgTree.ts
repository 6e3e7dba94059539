import { levelRank, type Org } from '@yishi/protocol';

/** An organisation with the visible organisations directly below it. */
export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/**
 * Nests a flat list of organisations by `parentId`. An organisation whose parent is not in the
 * list (not visible to this user) becomes a root. Siblings are ordered by level, then by name.
 */
export function buildOrgTree(orgs: readonly Org[], locale = 'zh-CN'): OrgNode[] {
  const nodes = new Map(orgs.map((org) => [org.id, { org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    // A parent cycle cannot come from the server; guard anyway so a bad list cannot hang the page.
    if (parent && !isAncestor(node.org.id, parent.org, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const collator = new Intl.Collator(locale);
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => levelRank(a.org.level) - levelRank(b.org.level) || collator.compare(a.org.name, b.org.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

function isAncestor(id: string, org: Org, nodes: Map<string, OrgNode>): boolean {
  const seen = new Set<string>();
  for (let current: Org | undefined = org; current;) {
    if (current.id === id) return true;
    if (seen.has(current.id) || current.parentId === null) return false;
    seen.add(current.id);
    current = nodes.get(current.parentId)?.org;
  }
  return false;
}

/** The tree flattened in display order with each organisation's depth, e.g. for a `<select>`. */
export function flattenOrgTree(roots: readonly OrgNode[], depth = 0): { org: Org; depth: number }[] {
  return roots.flatMap((node) => [{ org: node.org, depth }, ...flattenOrgTree(node.children, depth + 1)]);
}

/**
 * The liaison stations and consultation rooms under `orgId` (at any depth), where its meetings can
 * be held, in display order. The server checks the same when a meeting is scheduled.
 */
export function placesUnder(orgs: readonly Org[], orgId: string, locale = 'zh-CN'): Org[] {
  const root = buildOrgTree(orgs, locale)
    .flatMap(function find(node): OrgNode[] {
      return node.org.id === orgId ? [node] : node.children.flatMap(find);
    })
    .at(0);
  if (!root) return [];
  return flattenOrgTree(root.children)
    .map(({ org }) => org)
    .filter((org) => org.level === 'liaison_station' || org.level === 'consultation_room');
}

/** `orgId` and every organisation under it, at any depth. */
export function subtreeIds(orgs: readonly Org[], orgId: string): Set<string> {
  const ids = new Set([orgId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const org of orgs) {
      if (org.parentId !== null && ids.has(org.parentId) && !ids.has(org.id)) {
        ids.add(org.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * The organisations `org` may be moved under, among those offered: above its level, and neither
 * itself nor one of its own (the server checks the same, and who administers them).
 */
export function possibleParents(orgs: readonly Org[], org: Org, offered: readonly Org[]): Org[] {
  const own = subtreeIds(orgs, org.id);
  return offered.filter((candidate) => !own.has(candidate.id) && levelRank(candidate.level) < levelRank(org.level));
}
