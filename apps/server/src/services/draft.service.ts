import * as Y from 'yjs';
import type { DraftBlock, DraftVersion, DraftVersionContent } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { notFound } from '../errors.js';
import { draftDocName } from './draft-doc.js';
import { blockMarkdown } from './draft-markdown.js';
import { requireCapability } from './topic-access.js';
import { topicEntry } from './audit.service.js';
import type { TopicsDeps } from './topics.service.js';

/** Text of a node and everything in it. */
function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText)
    return node
      .toDelta()
      .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
  return '';
}

/** The draft's top-level blocks, in order: what a reader (or a diff) needs of it. */
export function draftBlocks(doc: Y.Doc): DraftBlock[] {
  return doc
    .getXmlFragment('body')
    .toArray()
    .map((node) => ({
      type: node instanceof Y.XmlElement ? node.nodeName : 'text',
      text: textOf(node),
      attrs: node instanceof Y.XmlElement ? node.getAttributes() : {},
      markdown: blockMarkdown(node),
    }));
}

/** Named versions of a topic's outcome draft: saved by the secretariat, listed and read by anyone who may see the topic. */
export class DraftService {
  constructor(private readonly deps: TopicsDeps) {}

  async save(actor: Actor, topicId: string, name: string): Promise<DraftVersion> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'nameDraftVersion');
    const now = this.deps.clock.now().toISOString();
    const docName = draftDocName(topicId);
    const id = await this.deps.store.transaction(async (tx) => {
      const state = await tx.docs.encodeState(docName);
      const versionId = await tx.docs.insertVersion({
        docName,
        name,
        kind: 'named',
        state,
        createdBy: actor.user.id,
        now,
      });
      await tx.audit.append(topicEntry(access, 'draft.version_saved', now, { versionId, name }));
      return versionId;
    });
    await this.deps.events.emit('topic.changed', { topicId: topicId });
    return {
      id,
      name,
      kind: 'named',
      createdBy: { id: actor.user.id, displayName: actor.user.displayName },
      createdAt: now,
    };
  }

  async list(actor: Actor, topicId: string): Promise<DraftVersion[]> {
    await this.deps.access.load(actor, topicId);
    const rows = await this.deps.store.docs.versions(draftDocName(topicId));
    const names = await this.deps.store.users.displayNames(rows.map((r) => r.createdBy));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      createdBy: { id: r.createdBy, displayName: names.get(r.createdBy) ?? '?' },
      createdAt: r.createdAt,
    }));
  }

  async get(actor: Actor, topicId: string, versionId: string): Promise<DraftVersionContent> {
    const versions = await this.list(actor, topicId);
    const version = versions.find((v) => v.id === versionId);
    if (!version) throw notFound('Version');
    const doc = await this.deps.store.docs.version(draftDocName(topicId), versionId);
    if (!doc) throw notFound('Version');
    return { ...version, blocks: draftBlocks(doc) };
  }
}
