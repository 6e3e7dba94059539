import { formatSource, parseSource, type Citation, type DraftBlock } from '@yishi/protocol';
import type { Repositories } from '../store/store.js';

/** What a topic's paragraphs may cite, by `source` value: its own speeches and research reports. */
export type CitableSources = ReadonlyMap<string, Citation>;

/**
 * The citations of the blocks, each once, in the order the draft first cites them. A source that
 * names nothing in `sources` (a speech or report that no longer exists, or another topic's) is
 * dropped: what a topic's documents print comes from that topic only.
 */
export function resolveCitations(blocks: readonly DraftBlock[], sources: CitableSources): Citation[] {
  const cited = new Map<string, Citation>();
  for (const block of blocks) {
    const ref = parseSource(block.attrs.source);
    const citation = ref && sources.get(formatSource(ref));
    if (citation) cited.set(formatSource(ref), citation);
  }
  return [...cited.values()];
}

/**
 * The citations of a topic's draft blocks, read from the topic's own meetings, speech logs and
 * research reports (nothing is read when no block names a source).
 */
export async function topicCitations(
  store: Pick<Repositories, 'meetings' | 'topics' | 'users'>,
  topicId: string,
  blocks: readonly DraftBlock[],
): Promise<Citation[]> {
  const refs = blocks.map((b) => parseSource(b.attrs.source)).filter((ref) => ref !== null);
  if (refs.length === 0) return [];
  const sources = new Map<string, Citation>();
  if (refs.some((ref) => ref.kind === 'speech')) {
    const meetings = await store.meetings.forTopic(topicId);
    const logs = await Promise.all(
      meetings.map(async (m) => ({ meeting: m, speeches: await store.meetings.speeches(m.id) })),
    );
    const names = await store.users.displayNames(logs.flatMap((l) => l.speeches.map((s) => s.speakerId)));
    for (const { meeting, speeches } of logs) {
      for (const s of speeches) {
        sources.set(formatSource({ kind: 'speech', id: s.id }), {
          kind: 'speech',
          id: s.id,
          speaker: { id: s.speakerId, displayName: names.get(s.speakerId) ?? '?' },
          speechKind: s.kind,
          startedAt: s.startedAt,
          meeting: { id: meeting.id, title: meeting.title },
        });
      }
    }
  }
  if (refs.some((ref) => ref.kind === 'research')) {
    for (const r of await store.topics.research(topicId)) {
      sources.set(formatSource({ kind: 'research', id: r.id }), {
        kind: 'research',
        id: r.id,
        title: r.title,
        authors: r.authors,
        date: r.reportDate,
      });
    }
  }
  return resolveCitations(blocks, sources);
}
