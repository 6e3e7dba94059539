/**
 * Provenance of a paragraph of the draft: the speech in a meeting's speech log, or the research
 * report, that it comes from. Stored on the paragraph as `source` = `speech:<id>` | `research:<id>`.
 */

export type SourceKind = 'speech' | 'research';

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
