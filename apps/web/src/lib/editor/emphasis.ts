/**
 * Emphasis that survives Markdown in Chinese. CommonMark opens `**` only where it is not followed by
 * punctuation after a letter, and closes it only where it is not preceded by punctuation before a
 * letter: `会议**加强。**然后` stays literal asterisks (in markdown-it, which prints the documents,
 * and in marked, which loads the editor), so bold text ending with `。` in the middle of a sentence
 * would come back as `**` after a save. Before the document is written as Markdown, the punctuation
 * (and spaces) at such an edge of bold, italic or struck text is left out of the mark: `**加强**。然后`.
 */
import type { JSONContent } from '@tiptap/core';

/** The marks written with delimiter runs that follow CommonMark's flanking rules. */
const DELIMITED = ['bold', 'italic', 'strike'];

/** A character at the edge of a mark that may keep its delimiter from opening or closing. */
const EDGE = /[\p{P}\p{S}\s]/u;
/**
 * A character beside a mark that lets punctuation at its edge open or close it: whitespace or
 * punctuation as CommonMark counts it (Unicode punctuation and ASCII punctuation). Narrower than
 * `EDGE` on purpose: a symbol that a parser might not count as punctuation must not be relied on.
 */
const FREE_NEIGHBOUR = /[\p{P}\s!-/:-@[-`{-~]/u;

interface Char {
  char: string;
  marks: NonNullable<JSONContent['marks']>;
}

/** An inline item: one character of text, or another inline node (a hard break: a line end). */
type Item = Char | { node: JSONContent };

const isChar = (item: Item | undefined): item is Char => item !== undefined && 'char' in item;
const hasMark = (item: Item | undefined, type: string) => isChar(item) && item.marks.some((m) => m.type === type);

/** Whether the item beside a delimiter run lets an edge character of `EDGE` open or close it. */
const frees = (item: Item | undefined) => !isChar(item) || FREE_NEIGHBOUR.test(item.char);

/** Leaves out of `type` the characters at the edges of each of its runs that would break it. */
function trimRuns(items: Item[], type: string): void {
  const unmark = (item: Char) => (item.marks = item.marks.filter((m) => m.type !== type));
  for (let start = 0; start < items.length; start++) {
    if (!hasMark(items[start], type)) continue;
    let end = start;
    while (hasMark(items[end + 1], type)) end++;
    const next = end + 1;
    // Leading: a space never opens; punctuation after a letter does not either.
    let first = start;
    for (let item = items[first]; first <= end && isChar(item); item = items[++first]) {
      if (!(/\s/u.test(item.char) || (EDGE.test(item.char) && !frees(items[first - 1])))) break;
      unmark(item);
    }
    let last = end;
    for (let item = items[last]; last >= first && isChar(item); item = items[--last]) {
      if (!(/\s/u.test(item.char) || (EDGE.test(item.char) && !frees(items[last + 1])))) break;
      unmark(item);
    }
    start = next - 1;
  }
}

/** Inline content with its delimited marks kept where Markdown can write them (see the module). */
function safeInline(content: JSONContent[]): JSONContent[] {
  const items: Item[] = content.flatMap((node): Item[] =>
    node.type === 'text' && node.text
      ? Array.from(node.text, (char) => ({ char, marks: node.marks ?? [] }))
      : [{ node }],
  );
  for (const type of DELIMITED) trimRuns(items, type);
  const out: JSONContent[] = [];
  for (const item of items) {
    if (!isChar(item)) {
      out.push(item.node);
      continue;
    }
    const previous = out.at(-1);
    if (previous?.type === 'text' && JSON.stringify(previous.marks ?? []) === JSON.stringify(item.marks)) {
      previous.text += item.char;
    } else {
      out.push({ type: 'text', text: item.char, ...(item.marks.length > 0 ? { marks: item.marks } : {}) });
    }
  }
  return out;
}

/** A document (as JSON) whose bold, italic and struck text Markdown can write and read back. */
export function safeEmphasis(node: JSONContent): JSONContent {
  if (!node.content) return node;
  const content = node.content.map(safeEmphasis);
  return { ...node, content: content.some((child) => child.type === 'text') ? safeInline(content) : content };
}
