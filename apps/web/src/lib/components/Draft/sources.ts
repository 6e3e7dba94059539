/**
 * What the draft's paragraphs can refer to, in words: the speeches of the topic's meeting logs and
 * its research reports, as options for the source picker and as the notes shown under paragraphs.
 */
import { formatSource, type ResearchReport } from '@yishi/protocol';
import { resolve } from '$app/paths';
import { reportAnchor } from '$lib/anchors.svelte';
import { clockTime } from '$lib/draft/time';
import { t, type Locale } from '$lib/i18n/i18n.svelte';
import type { MeetingLog } from '$lib/state/draft.svelte';
import type { SourceDescription } from './provenance';

export interface SourceOption {
  value: string;
  label: string;
}

export interface SourceGroup {
  label: string;
  options: SourceOption[];
}

export interface SourceIndex {
  groups: SourceGroup[];
  /** Describes any `source` value, including ones that no longer point anywhere. */
  describe: (source: string) => SourceDescription;
}

/** The picker's groups (one per meeting, then the research reports) and the notes' descriptions. */
export function sourceIndex(
  logs: readonly MeetingLog[],
  research: readonly ResearchReport[],
  locale: Locale,
): SourceIndex {
  const descriptions = new Map<string, SourceDescription>();
  const prefix = t('draft.source.prefix');
  const groups: SourceGroup[] = [];
  for (const { meeting, speeches } of logs) {
    if (speeches.length === 0) continue;
    const options = speeches.map((speech) => {
      const value = formatSource({ kind: 'speech', id: speech.id });
      const text = t('draft.source.speech', {
        name: speech.speaker.displayName,
        meeting: meeting.title,
        time: clockTime(speech.startedAt, locale),
      });
      descriptions.set(value, { prefix, text, href: resolve('/(app)/meetings/[id]', { id: meeting.id }) });
      return { value, label: text };
    });
    groups.push({ label: meeting.title, options });
  }
  if (research.length > 0) {
    const options = research.map((report) => {
      const value = formatSource({ kind: 'research', id: report.id });
      const text = t('draft.source.research', { title: report.title });
      descriptions.set(value, { prefix, text, href: `#${reportAnchor(report.id)}` });
      return { value, label: text };
    });
    groups.push({ label: t('draft.source.researchGroup'), options });
  }
  const unknown: SourceDescription = { prefix, text: t('draft.source.unknown'), href: null };
  return { groups, describe: (source) => descriptions.get(source) ?? unknown };
}
