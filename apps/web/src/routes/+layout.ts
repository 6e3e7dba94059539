// The web app is UI only: it renders in the browser and talks to the server over /api
// (same origin), so nothing is rendered on the server and nothing is prerendered.
export const ssr = false;
export const prerender = false;
