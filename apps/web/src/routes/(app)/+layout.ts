import { requireSignIn } from '$lib/guards';
import type { LayoutLoad } from './$types';

/** Pages for signed-in users, with the app's header. */
export const load: LayoutLoad = () => requireSignIn();
