// A client-side app: nothing is rendered on a server, every page comes from the SPA fallback.
export const ssr = false;
export const prerender = false;
