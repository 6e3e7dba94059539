import { requireSignIn } from '$lib/guards';
import type { LayoutLoad } from './$types';

/**
 * Pages that fill the whole screen (the hall's projector): signed-in users only, drawn without the
 * app's header and navigation.
 */
export const load: LayoutLoad = async () => {
  await requireSignIn();
  return { chrome: false as const };
};
