import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '../test/random.js';
import { handItem, handMadeItem, handMadeUpdate, paragraph } from '../test/yjs-client.js';
import { structProblem } from './structs.js';

/** The problem the server finds with `update` against its copy `doc`. */
const problemOf = (doc: Y.Doc, update: Uint8Array) => structProblem(doc, Y.decodeUpdate(update));

const words = ['协商', '于民', 'abc', '。', '加装电梯'];

/** One random edit of the draft, as the editor makes them: paragraphs, text, deletions, attributes. */
function randomEdit(writer: Y.Doc, random: () => number, step: number): void {
  const body = writer.getXmlFragment('body');
  const roll = random();
  const paragraphs = body.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const someText = () => paragraphs[Math.floor(random() * paragraphs.length)]!.get(0) as Y.XmlText;
  if (roll < 0.3 || paragraphs.length === 0) {
    body.insert(Math.floor(random() * (body.length + 1)), [paragraph(words[step % words.length]!)]);
  } else if (roll < 0.6) {
    const text = someText();
    text.insert(Math.floor(random() * (text.length + 1)), words[Math.floor(random() * words.length)]!);
  } else if (roll < 0.75) {
    body.delete(Math.floor(random() * body.length), 1);
  } else if (roll < 0.9) {
    const text = someText();
    if (text.length > 0) text.delete(Math.floor(random() * text.length), 1);
  } else {
    paragraphs[0]!.setAttribute('textAlign', random() < 0.5 ? 'left' : 'right');
  }
}

/** A server copy and a writer in sync with it; what the writer does is sent to `sent`. */
function pair() {
  const server = new Y.Doc();
  const writer = new Y.Doc();
  const sent: Uint8Array[] = [];
  writer.on('update', (update: Uint8Array) => sent.push(update));
  const body = writer.getXmlFragment('body');
  body.insert(0, [paragraph('第一段'), paragraph('第二段')]);
  for (const update of sent.splice(0)) Y.applyUpdate(server, update);
  const [first, second] = body.toArray() as Y.XmlElement[];
  return { server, writer, sent, body, first: first!, second: second!, text: second!.get(0) as Y.XmlText };
}

describe('the structs of an incoming update', () => {
  it('takes what Yjs clients write: text, paragraphs, marks, attributes, deletions', () => {
    const { server, writer, sent, body, first, text } = pair();
    writer.transact(() => {
      text.insert(1, '补充');
      text.format(0, 2, { bold: true });
      first.setAttribute('textAlign', 'center');
      body.insert(1, [paragraph('插入')]);
      body.delete(0, 1);
    });
    writer.getMap('meta').set('title', '协商');
    expect(sent.length).toBe(2);
    for (const update of sent) {
      expect(problemOf(server, update)).toBeUndefined();
      Y.applyUpdate(server, update);
    }
  });

  it('takes seeded random concurrent edits of three writers', () => {
    let checked = 0;
    for (let seed = 20261201; seed < 20261221; seed++) {
      const random = prng(seed);
      const server = new Y.Doc();
      // Fixed client ids: concurrent inserts are ordered by them, and the run must replay.
      const writers = [1, 2, 3].map((id) => {
        const doc = new Y.Doc();
        doc.clientID = seed * 10 + id;
        return doc;
      });
      for (let step = 0; step < 300; step++) {
        const writer = writers[Math.floor(random() * writers.length)]!;
        // A writer catches up now and then: in between, its edits are concurrent with the others'.
        if (random() < 0.4) Y.applyUpdate(writer, Y.encodeStateAsUpdate(server, Y.encodeStateVector(writer)));
        const before = Y.encodeStateVector(writer);
        randomEdit(writer, random, step);
        const update = Y.encodeStateAsUpdate(writer, before);
        expect(problemOf(server, update), `seed ${seed}, step ${step}`).toBeUndefined();
        Y.applyUpdate(server, update);
        checked++;
      }
    }
    expect(checked).toBe(20 * 300);
  });

  it('takes an attribute set on a paragraph that another writer deleted meanwhile', () => {
    const { server, sent, first } = pair();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    other.getXmlFragment('body').delete(0, 1);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    first.setAttribute('textAlign', 'center');
    expect(problemOf(server, sent.at(-1)!)).toBeUndefined();
  });

  it('refuses an item whose neighbours sit in different parents', () => {
    const { server, first, text } = pair();
    // Left neighbour in the body, right neighbour inside the second paragraph.
    const crossed = handMadeItem({ client: 7, clock: 0 }, new Y.ContentType(new Y.XmlElement('paragraph')), {
      origin: first._item!.id,
      rightOrigin: text._item!.id,
    });
    expect(problemOf(server, crossed)).toBe('malformed');
  });

  it('refuses an item whose right neighbour is to the left of its left one', () => {
    const { server, first, second, text } = pair();
    const reversed = handMadeItem({ client: 7, clock: 0 }, new Y.ContentType(new Y.XmlElement('paragraph')), {
      origin: second._item!.id,
      rightOrigin: first._item!.id,
    });
    expect(problemOf(server, reversed)).toBe('malformed');
    // Within one run of characters ('第二段' is one struct of three).
    const start = (text._start as Y.Item).id;
    const backwards = handMadeItem({ client: 7, clock: 0 }, new Y.ContentString('x'), {
      origin: Y.createID(start.client, start.clock + 2),
      rightOrigin: Y.createID(start.client, start.clock + 1),
    });
    expect(problemOf(server, backwards)).toBe('malformed');
    const forwards = handMadeItem({ client: 7, clock: 0 }, new Y.ContentString('x'), {
      origin: Y.createID(start.client, start.clock + 1),
      rightOrigin: Y.createID(start.client, start.clock + 2),
    });
    expect(problemOf(server, forwards)).toBeUndefined();
    // Through an item of the same update: its left neighbour is after the second paragraph.
    const after = handMadeItem({ client: 7, clock: 0 }, new Y.ContentType(new Y.XmlElement('paragraph')), {
      origin: second._item!.id,
    });
    const chained = handMadeItem({ client: 7, clock: 1 }, new Y.ContentType(new Y.XmlElement('paragraph')), {
      origin: Y.createID(7, 0),
      rightOrigin: first._item!.id,
    });
    expect(problemOf(server, Y.mergeUpdates([after, chained]))).toBe('malformed');
  });

  it('refuses an item whose neighbours are under different keys of a map', () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    const meta = writer.getMap('meta');
    meta.set('a', 1);
    meta.set('b', 2);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    const [a, b] = [meta._map.get('a')!, meta._map.get('b')!];
    const crossed = handMadeItem({ client: 7, clock: 0 }, new Y.ContentAny([3]), { origin: a.id, rightOrigin: b.id });
    expect(problemOf(server, crossed)).toBe('malformed');
  });

  it('refuses an item whose parent is not a type', () => {
    const { server, text } = pair();
    // The first character of a text names a string, not a type.
    const stringId = (text._start as Y.Item).id;
    const orphan = handMadeItem({ client: 7, clock: 0 }, new Y.ContentString('x'), { parent: stringId });
    expect(problemOf(server, orphan)).toBe('malformed');
    const adopted = handMadeItem({ client: 7, clock: 0 }, new Y.ContentString('x'), { parent: text._item!.id });
    expect(problemOf(server, adopted)).toBeUndefined();
  });

  it('tells a writer that refers to changes the server never got to sync again', () => {
    const { server, first } = pair();
    // A neighbour the server does not have (client 8 wrote nothing it saw).
    const dangling = handMadeItem({ client: 7, clock: 0 }, new Y.ContentString('x'), {
      origin: Y.createID(8, 3),
      rightOrigin: first._item!.id,
    });
    expect(problemOf(server, dangling)).toBe('out_of_sync');
    // A change that starts after what the server has of its client.
    const gap = handMadeItem({ client: 7, clock: 5 }, new Y.ContentString('x'), { origin: first._item!.id });
    expect(problemOf(server, gap)).toBe('out_of_sync');
  });

  it('finds the place of an item through the items before it in the same update', () => {
    const { server, writer, sent, text } = pair();
    // Several paragraphs in one go: each one's left neighbour is the one before, not yet on the server.
    writer.getXmlFragment('body').insert(2, [paragraph('甲'), paragraph('乙'), paragraph('丙')]);
    text.insert(0, '前');
    expect(problemOf(server, Y.mergeUpdates(sent.splice(0)))).toBeUndefined();
  });

  it('refuses a client given twice, whose first section Yjs would drop unchecked', () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    writer.clientID = 1;
    writer.getArray('a').insert(0, ['x', 'y']);
    writer.getArray('b').insert(0, ['p', 'q']);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    const twice = handMadeUpdate([
      {
        client: 7,
        clock: 0,
        items: [handItem(7, 0, new Y.ContentString('A'), { origin: Y.createID(1, 0), rightOrigin: Y.createID(1, 1) })],
      },
      {
        client: 7,
        clock: 0,
        items: [handItem(7, 0, new Y.ContentString('B'), { origin: Y.createID(1, 2), rightOrigin: Y.createID(1, 3) })],
      },
    ]);
    expect(problemOf(server, twice)).toBe('malformed');
  });

  it('refuses changes that wait for each other, which Yjs would keep pending', () => {
    const server = new Y.Doc();
    // 1:0 follows 2:1, which follows 1:1, which comes after 1:0: a loop through clock order.
    const loop = handMadeUpdate([
      {
        client: 1,
        clock: 0,
        items: [
          handItem(1, 0, new Y.ContentString('A'), { origin: Y.createID(2, 1) }),
          handItem(1, 1, new Y.ContentString('D'), { parent: 't' }),
        ],
      },
      {
        client: 2,
        clock: 0,
        items: [
          handItem(2, 0, new Y.ContentString('B'), { parent: 't' }),
          handItem(2, 1, new Y.ContentString('C'), { origin: Y.createID(1, 1) }),
        ],
      },
    ]);
    expect(problemOf(server, loop)).toBe('malformed');
    const forward = handMadeUpdate([
      {
        client: 3,
        clock: 0,
        items: [
          handItem(3, 0, new Y.ContentString('A'), { origin: Y.createID(3, 1) }),
          handItem(3, 1, new Y.ContentString('B'), { parent: 't' }),
        ],
      },
    ]);
    expect(problemOf(server, forward)).toBe('malformed');
  });

  it('tells a writer that deletes changes the server does not have to sync again', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    other.clientID = 5;
    other.getText('t').insert(0, 'hello');
    // Another node stored "hello"; this one has not had it relayed yet.
    expect(problemOf(server, handMadeUpdate([], [[5, 0, 5]]))).toBe('out_of_sync');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    expect(problemOf(server, handMadeUpdate([], [[5, 0, 5]]))).toBeUndefined();
  });

  it('takes two writers’ long offline work at the same place, and a long run of single items', () => {
    const server = new Y.Doc();
    const [a, b] = [1, 2].map((id) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      return doc;
    }) as [Y.Doc, Y.Doc];
    a.getXmlFragment('body').insert(0, [paragraph('first'), paragraph('last')]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
    // Offline, each puts 600 paragraphs between the same two, one at a time.
    for (const doc of [a, b]) {
      for (let i = 0; i < 600; i++) doc.getXmlFragment('body').insert(1 + i, [paragraph(`第${i}段`)]);
    }
    for (const doc of [b, a]) {
      const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
      expect(problemOf(server, update)).toBeUndefined();
      Y.applyUpdate(server, update);
    }
    // 20,000 characters typed one struct each, each after the one before.
    const items = Array.from({ length: 20_000 }, (_, k) =>
      handItem(9, k, new Y.ContentString('字'), {
        origin: k === 0 ? undefined : Y.createID(9, k - 1),
        parent: k === 0 ? 'chain' : undefined,
      }),
    );
    expect(problemOf(server, handMadeUpdate([{ client: 9, clock: 0, items }]))).toBeUndefined();
  });
});
