// The SvelteKit configuration of apps/web. It lives at the root of the repository (the layout is
// fixed there, DESIGN.md §3); apps/web/svelte.config.js re-exports it and every SvelteKit command
// runs with apps/web as its working directory, so the default paths (src/, static/, .svelte-kit/,
// build/) are all relative to apps/web.
// The toolchain is a devDependency of the root too, so that it is hoisted here and resolves from
// this file.
import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The one inline style the app needs: SvelteKit's route announcer (its generated root component)
 * hides itself with this exact style attribute (sveltejs/kit#11993). Only this value is allowed;
 * app.css hides the announcer too, should a SvelteKit update change the attribute.
 */
const ANNOUNCER_STYLE =
  'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const announcerStyleHash = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // `build/handler.js` is what apps/server mounts, last, in its Express app.
    adapter: adapter({ out: 'build' }),
    csp: {
      // Nonces for the pages the server renders, hashes for prerendered ones (there are none yet).
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // Components' CSS is emitted as files and no component uses inline styles or transitions,
        // so no 'unsafe-inline' (SvelteKit adds it by itself in dev, where Vite injects <style>),
        // and no style attribute but the announcer's.
        'style-src': ['self'],
        'style-src-attr': ['unsafe-hashes', announcerStyleHash],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        // 'self' also matches ws:/wss: on the same host and port (CSP Level 3), which covers
        // /socket.io and /yjs.
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
