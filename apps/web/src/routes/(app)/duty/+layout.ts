import { i18n } from '$lib/i18n/i18n.svelte';
import type { LayoutLoad } from './$types';

/** The duty pages' messages come with them (lib/i18n/messages/index.ts, lazyMessages). */
export const load: LayoutLoad = async () => {
  await i18n.load('duty');
};
