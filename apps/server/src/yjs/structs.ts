import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * What is wrong with the structs of an incoming update, before the live document takes any of them:
 *
 * - `out_of_sync`: a struct starts after what the document has of its client, or refers (as its
 *   left or right neighbour, or its parent) to a change that is neither in the document nor in the
 *   update. Yjs would keep such structs pending, unstored, and integrate them later in another
 *   transaction, one that is never stored. A well-behaved client that missed a refusal sends them;
 *   it is told to reconnect, which syncs it.
 * - `malformed`: an item whose left and right neighbours sit in different types (or under different
 *   keys of a map), or whose parent is not a type. No Yjs client writes one; Yjs does not check it,
 *   and the live document then links the item into two lists at once, so that what it deletes later
 *   depends on the order it took its updates in: the store, which merges them, would differ from it.
 */
export type StructProblem = 'out_of_sync' | 'malformed';

/** Where an item sits: its parent type and key; `gc` when the parent was deleted and collected. */
type Place = string;
const COLLECTED: Place = 'gc';

export function structProblem(doc: Y.Doc, update: ReturnType<typeof Y.decodeUpdate>): StructProblem | undefined {
  const { structs } = update;
  const state = Y.decodeStateVector(Y.encodeStateVector(doc));
  /** How far the document and the update hold each client's changes. */
  const next = new Map<number, number>();
  const byClient = new Map<number, Struct[]>();
  let section: number | undefined;
  for (const struct of structs) {
    // A Skip stands for changes the sender did not have either.
    if (struct instanceof Y.Skip) return 'out_of_sync';
    const { client, clock } = struct.id;
    const own = byClient.get(client) ?? [];
    if (client !== section) {
      // Yjs keeps only the last section of a client given twice: the others would be checked, not integrated.
      if (own.length > 0) return 'malformed';
      section = client;
      if (clock > (state.get(client) ?? 0)) return 'out_of_sync';
    } else {
      // A section's changes follow each other: one that does not starts the same client's section again.
      const before = own.at(-1)!;
      if (clock !== before.id.clock + before.length) return 'malformed';
    }
    next.set(client, Math.max(next.get(client) ?? state.get(client) ?? 0, clock + struct.length));
    own.push(struct);
    byClient.set(client, own);
  }
  const inDoc = (id: Y.ID) => id.clock < (state.get(id.client) ?? 0);
  const inUpdate = (id: Y.ID) => containing(byClient.get(id.client) ?? [], id.clock);

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const id of references(struct)) {
      // A client's change never refers to its own later ones: Yjs integrates them in clock order.
      if (id.client === struct.id.client && id.clock >= struct.id.clock) return 'malformed';
      if (!inDoc(id) && !inUpdate(id)) return 'out_of_sync';
    }
  }
  // Deletions of changes neither the document nor the update holds would wait in the document,
  // unstored, and be carried out later by a change from another node.
  for (const [client, deleted] of update.ds.clients) {
    const held = next.get(client) ?? state.get(client) ?? 0;
    if (deleted.some((range) => range.clock + range.len > held)) return 'out_of_sync';
  }

  const places = new Map<Struct, Place | null>();
  /** The place of what an id refers to; null when the update is malformed. */
  const placeOfId = (id: Y.ID): Place | null => {
    if (inDoc(id)) return placeInDoc(Y.getItem(doc.store, id));
    return placeOf(inUpdate(id)!);
  };
  /** The place of one of the update's structs, resolved through its neighbours (without recursion). */
  const placeOf = (start: Struct): Place | null => {
    const stack: Struct[] = [start];
    const visiting = new Set<Struct>();
    while (stack.length > 0) {
      const struct = stack.at(-1)!;
      if (places.has(struct)) {
        stack.pop();
        continue;
      }
      const waiting = waitingOn(struct).filter((s) => !places.has(s));
      if (waiting.length > 0) {
        // Neighbours that refer back to a struct still being resolved: a loop no client writes.
        if (visiting.has(struct)) return null;
        visiting.add(struct);
        stack.push(...waiting);
        continue;
      }
      places.set(struct, resolve(struct));
      stack.pop();
    }
    return places.get(start)!;
  };
  /** The update's structs that `struct`'s place depends on. */
  const waitingOn = (struct: Struct): Struct[] => {
    // Yjs integrates a client's changes in clock order: each also waits for the one before it.
    const { client, clock } = struct.id;
    const before = clock > 0 ? Y.createID(client, clock - 1) : null;
    const ids = struct instanceof Y.Item && !(struct.parent instanceof Y.ID) ? [struct.origin, struct.rightOrigin] : [];
    return [...ids, before].filter((id): id is Y.ID => id !== null && !inDoc(id)).map((id) => inUpdate(id)!);
  };
  /** The place of a struct whose neighbours' places are known. */
  const resolve = (struct: Struct): Place | null => {
    if (!(struct instanceof Y.Item)) return COLLECTED;
    const { parent, parentSub, origin, rightOrigin } = struct;
    if (typeof parent === 'string') return `${JSON.stringify(['root', parent])}${sub(parentSub)}`;
    if (parent instanceof Y.ID) {
      const target = inDoc(parent) ? Y.getItem(doc.store, parent) : inUpdate(parent)!;
      // A parent deleted meanwhile (collected, or its content dropped): Yjs collects the item too.
      if (target instanceof Y.GC || (target instanceof Y.Item && target.content instanceof Y.ContentDeleted)) {
        return COLLECTED;
      }
      if (!(target instanceof Y.Item) || !(target.content instanceof Y.ContentType)) return null;
      if (target.id.clock !== parent.clock) return null;
      return `${JSON.stringify(['item', parent.client, parent.clock])}${sub(parentSub)}`;
    }
    const left = origin ? placeOfId(origin) : undefined;
    const right = rightOrigin ? placeOfId(rightOrigin) : undefined;
    if (left === null || right === null) return null;
    if (left !== undefined && right !== undefined && left !== right) return null;
    return left ?? right ?? null;
  };

  for (const struct of structs) {
    if (placeOf(struct) === null) return 'malformed';
  }
  return inOrder(doc, structs, inDoc, inUpdate) ? undefined : 'malformed';
}

/** How many items at most the order check walks for one update: far more than any edit puts between two neighbours. */
const WALK_BUDGET = 200_000;

/**
 * Whether each item's right neighbour lies to the right of its left one. Neighbours in the update are
 * followed (left ones by their own left neighbours, right ones by their right) to the changes the
 * document holds, which are then looked for from left to right in their list. An item whose
 * neighbours are the wrong way round is integrated differently by documents that took their updates
 * in different orders — the live one, the store's, a newcomer's — and no Yjs client writes one.
 */
function inOrder(
  doc: Y.Doc,
  structs: readonly Struct[],
  inDoc: (id: Y.ID) => boolean,
  inUpdate: (id: Y.ID) => Struct | undefined,
): boolean {
  let budget = WALK_BUDGET;
  /**
   * The change the document holds that `id` leads to by `step` (an item's left or right neighbour),
   * through the update's items; null: the end of the list that way; undefined: a loop. Each item's
   * answer is kept, so that a long chain of items is followed once.
   */
  const anchorOf = (step: (item: Y.Item) => Y.ID | null) => {
    const known = new Map<Struct, Y.ID | null | undefined>();
    return (id: Y.ID | null): Y.ID | null | undefined => {
      const path: Struct[] = [];
      let current = id;
      let found: Y.ID | null | undefined;
      for (;;) {
        if (current === null || inDoc(current)) {
          found = current;
          break;
        }
        const struct = inUpdate(current)!;
        if (known.has(struct)) {
          found = known.get(struct);
          break;
        }
        if (!(struct instanceof Y.Item) || path.includes(struct) || path.length > structs.length) {
          found = undefined;
          break;
        }
        path.push(struct);
        current = step(struct);
      }
      for (const struct of path) known.set(struct, found);
      return found;
    };
  };
  const leftOf = anchorOf((item) => item.origin);
  const rightOf = anchorOf((item) => item.rightOrigin);
  /** Whether `to` was found right of `from`, for each pair walked (many items share their neighbours). */
  const walked = new Map<Y.Item, Map<Y.Item, boolean>>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.origin === null || struct.rightOrigin === null) continue;
    const left = leftOf(struct.origin);
    const right = rightOf(struct.rightOrigin);
    if (left === undefined || right === undefined) return false;
    if (left === null || right === null) continue;
    const from = Y.getItem(doc.store, left);
    const to = Y.getItem(doc.store, right);
    // Neighbours whose parent was deleted and collected: the item is collected too, wherever it goes.
    if (!(from instanceof Y.Item) || !(to instanceof Y.Item)) continue;
    if (from === to) {
      if (right.clock <= left.clock) return false;
      continue;
    }
    const pairs = walked.get(from) ?? new Map<Y.Item, boolean>();
    walked.set(from, pairs);
    let ordered = pairs.get(to);
    if (ordered === undefined) {
      let at = from.right;
      while (at !== null && at !== to && budget > 0) {
        at = at.right;
        budget--;
      }
      // Past the budget the order is not known, and the item is let through rather than an honest
      // writer refused: it takes a list longer than any edit puts between two neighbours.
      ordered = at === to || budget <= 0;
      pairs.set(to, ordered);
    }
    if (!ordered) return false;
  }
  return true;
}

/** The struct of `structs` (one client's, by clock, as an update holds them) that holds `clock`. */
function containing(structs: readonly Struct[], clock: number): Struct | undefined {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const struct = structs[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}

/** The changes an item refers to: its neighbours when it was inserted, or its parent. */
function references(item: Y.Item): Y.ID[] {
  const ids = [item.origin, item.rightOrigin];
  if (item.parent instanceof Y.ID) ids.push(item.parent);
  return ids.filter((id): id is Y.ID => id !== null);
}

const sub = (parentSub: string | null) => (parentSub === null ? '' : `#${JSON.stringify(parentSub)}`);

/** The place of a struct the document holds. */
function placeInDoc(struct: Y.Item | Y.GC): Place {
  if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) return COLLECTED;
  const parent = struct.parent;
  const item = parent._item;
  const where = item
    ? JSON.stringify(['item', item.id.client, item.id.clock])
    : JSON.stringify(['root', Y.findRootTypeKey(parent)]);
  return `${where}${sub(struct.parentSub)}`;
}
