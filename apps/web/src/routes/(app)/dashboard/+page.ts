import { i18n } from '$lib/i18n/i18n.svelte';
import type { PageLoad } from './$types';

/** The secretariat's desk on the dashboard counts proposals: their messages come with it (lazyMessages). */
export const load: PageLoad = async () => {
  await i18n.load('proposals');
};
