import { z } from 'zod';
import { SpeechKinds, type SpeechKind } from './constants.js';
import type { DraftBlock, PersonRef } from './topics.js';

/**
 * Provenance of the outcome draft's paragraphs. A paragraph (or heading) may carry a `source`
 * attribute, `speech:<id>` or `research:<id>` (docs/protocol.md); the server resolves it, within the
 * topic only, into a citation a reader understands, which the exported documents print as footnotes
 * and a published case keeps.
 */

export const SourceKinds = ['speech', 'research'] as const;
export type SourceKind = (typeof SourceKinds)[number];

/** What a paragraph's `source` attribute points at. */
export interface SourceRef {
  kind: SourceKind;
  id: string;
}

const SOURCE = /^(speech|research):([A-Za-z0-9_-]{1,64})$/;

/** The reference stored in a paragraph's `source` attribute; null when there is none or it is not one. */
export function parseSource(value: unknown): SourceRef | null {
  if (typeof value !== 'string') return null;
  const match = SOURCE.exec(value);
  return match ? { kind: match[1] as SourceKind, id: match[2]! } : null;
}

/** The attribute value for a reference. */
export function formatSource(ref: SourceRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** A speech of one of the topic's meetings: who spoke, in what kind of turn, when, at which meeting. */
export interface SpeechCitation {
  kind: 'speech';
  id: string;
  speaker: PersonRef;
  speechKind: SpeechKind;
  startedAt: string;
  meeting: { id: string; title: string };
}

/** A research report of the topic. */
export interface ResearchCitation {
  kind: 'research';
  id: string;
  title: string;
  authors: string[];
  /** The report's date (YYYY-MM-DD). */
  date: string;
}

export type Citation = SpeechCitation | ResearchCitation;

/** How a citation is kept in a published case (and read back through `storedCaseDetail`). */
export const citationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('speech'),
    id: z.string(),
    speaker: z.object({ id: z.string(), displayName: z.string() }),
    speechKind: z.enum(SpeechKinds),
    startedAt: z.string(),
    meeting: z.object({ id: z.string(), title: z.string() }),
  }),
  z.object({
    kind: z.literal('research'),
    id: z.string(),
    title: z.string(),
    authors: z.array(z.string()),
    date: z.string(),
  }),
]) satisfies z.ZodType<Citation>;

/** A footnote of the outcome: its number and what it cites. */
export interface CitationNote {
  number: number;
  citation: Citation;
}

/**
 * The outcome's footnotes, the same in every form it takes (Markdown, DOCX, PDF, the case page):
 * each block whose source resolves to one of `citations` gets the next number, in document order;
 * a block citing a source again gets a note of its own, as Word numbers its footnotes. `marks[i]` is
 * the note of `blocks[i]`, or null.
 */
export function citationNotes(
  blocks: readonly DraftBlock[],
  citations: readonly Citation[],
): { marks: (CitationNote | null)[]; notes: CitationNote[] } {
  const bySource = new Map(citations.map((c) => [formatSource(c), c]));
  const notes: CitationNote[] = [];
  const marks = blocks.map((block) => {
    const source = block.attrs.source;
    const citation = typeof source === 'string' ? bySource.get(source) : undefined;
    if (!citation) return null;
    const note = { number: notes.length + 1, citation };
    notes.push(note);
    return note;
  });
  return { marks, notes };
}
