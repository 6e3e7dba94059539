import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

/** Where `vite dev` forwards API and WebSocket traffic: the Yishi server started next to it. */
const apiUrl = process.env.YISHI_API_URL ?? 'http://127.0.0.1:3001';

export default defineConfig({
  plugins: [sveltekit()],
  // `source` makes workspace packages (@yishi/protocol) resolve to their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  server: {
    // The Host header is kept (no changeOrigin) so that the server's same-origin check sees the
    // browser's Origin and Host agree, as they do in production where one process serves both.
    proxy: {
      '/api': { target: apiUrl },
      '/socket.io': { target: apiUrl, ws: true },
      '/yjs': { target: apiUrl, ws: true },
    },
  },
});
