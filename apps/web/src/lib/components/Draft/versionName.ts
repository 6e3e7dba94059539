import type { DraftVersion } from '@yishi/protocol';
import { finalRound } from '$lib/draft/versions';
import { t } from '$lib/i18n/i18n.svelte';

/** A version's name in the reader's language: the server names final versions in English. */
export function versionName(version: Pick<DraftVersion, 'kind' | 'name'>): string {
  if (version.kind !== 'final') return version.name;
  const round = finalRound(version.name);
  return round === null ? t('draft.versions.final') : t('draft.versions.finalName', { round });
}
