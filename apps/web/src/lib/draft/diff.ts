/**
 * The difference between two states of the draft, paragraph by paragraph and, for a paragraph that
 * was edited rather than replaced, within it.
 */
import type { DraftBlock } from '@yishi/protocol';
import { diffArrays, diffChars, diffWordsWithSpace } from 'diff';

export type PartKind = 'same' | 'added' | 'removed';

/** A run of text within an edited paragraph. */
export interface TextPart {
  kind: PartKind;
  text: string;
}

export type BlockChange =
  | { kind: 'same'; block: DraftBlock }
  | { kind: 'added'; block: DraftBlock }
  | { kind: 'removed'; block: DraftBlock }
  | { kind: 'changed'; before: DraftBlock; after: DraftBlock; parts: TextPart[] };

/**
 * Below this share of common text, an edited paragraph reads better as one removed and one added
 * than as a patchwork of small insertions and deletions.
 */
const MIN_SIMILARITY = 0.4;

/** Han, kana and hangul: text written without spaces between words. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/**
 * The difference within a paragraph: character by character for Chinese (which has no spaces to
 * find words by), word by word, keeping the spaces, for anything else.
 */
export function diffText(before: string, after: string): TextPart[] {
  const changes = CJK.test(before + after) ? diffChars(before, after) : diffWordsWithSpace(before, after);
  return changes
    .filter((change) => change.value !== '')
    .map((change) => ({
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value,
    }));
}

/** The share of the longer text that both texts have in common (1 for two empty texts). */
export function similarity(parts: readonly TextPart[]): number {
  const length = (kind: PartKind) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + p.text.length, 0);
  const same = length('same');
  const longer = Math.max(same + length('removed'), same + length('added'));
  return longer === 0 ? 1 : same / longer;
}

const sameBlock = (a: DraftBlock, b: DraftBlock) => a.type === b.type && a.text === b.text;

/** Pairs the blocks of a removed run with those of the added run next to it, where they look like edits. */
function pairRuns(removed: DraftBlock[], added: DraftBlock[]): BlockChange[] {
  const out: BlockChange[] = [];
  const count = Math.max(removed.length, added.length);
  for (let i = 0; i < count; i++) {
    const before = removed[i];
    const after = added[i];
    if (before && after && before.type === after.type) {
      const parts = diffText(before.text, after.text);
      if (similarity(parts) >= MIN_SIMILARITY) {
        out.push({ kind: 'changed', before, after, parts });
        continue;
      }
    }
    if (before) out.push({ kind: 'removed', block: before });
    if (after) out.push({ kind: 'added', block: after });
  }
  return out;
}

/** The changes that lead from `before` to `after`, in the order of the document. */
export function diffDrafts(before: DraftBlock[], after: DraftBlock[]): BlockChange[] {
  const runs = diffArrays(before, after, { comparator: sameBlock });
  const out: BlockChange[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (!run.added && !run.removed) {
      out.push(...run.value.map((block): BlockChange => ({ kind: 'same', block })));
      continue;
    }
    const next = runs[i + 1];
    if (next && (next.added || next.removed) && next.added !== run.added) {
      const [removed, added] = run.removed ? [run.value, next.value] : [next.value, run.value];
      out.push(...pairRuns(removed, added));
      i++;
      continue;
    }
    out.push(...run.value.map((block): BlockChange => ({ kind: run.added ? 'added' : 'removed', block })));
  }
  return out;
}

/** How many paragraphs were added, removed and edited. */
export function countChanges(changes: readonly BlockChange[]): { added: number; removed: number; changed: number } {
  const count = (kind: BlockChange['kind']) => changes.filter((c) => c.kind === kind).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed') };
}
