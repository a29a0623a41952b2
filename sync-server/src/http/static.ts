// Serves the built PWA. Hashed files under /_app/immutable/ never change, so they are cached for a
// year; everything else (HTML, the service worker, the manifest) is revalidated on every load so a
// new build reaches people. Unknown paths get the SPA fallback 200.html (client-side routes).
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { AppEnv } from './env';
import { apiError } from './errors';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function staticRoutes(staticDir: string) {
	const app = new Hono<AppEnv>();
	// serveStatic takes a root relative to the working directory only.
	const root = relative(process.cwd(), resolve(staticDir)) || '.';
	const fallback = join(resolve(staticDir), '200.html');

	app.get(
		'*',
		serveStatic({
			root,
			// The build writes .br and .gz beside each file (adapter-static `precompress`): no CPU per request.
			precompressed: true,
			onFound: (_path, c) => {
				c.header('Cache-Control', c.req.path.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE);
			}
		})
	);

	app.get('*', async (c) => {
		// A missing build asset must not be answered with HTML, or a stale page fails on a MIME error.
		if (c.req.path.startsWith('/_app/')) return apiError(c, 404, 'not-found', 'No such file in this build.');
		let html: string;
		try {
			html = await readFile(fallback, 'utf8');
		} catch {
			return apiError(c, 503, 'app-not-built', 'The web app is not built yet: run `npm run build` (or `npm start`).');
		}
		c.header('Cache-Control', REVALIDATE);
		return c.html(html);
	});

	return app;
}
