// `npm start`: builds the PWA when it is missing or older than its sources, builds the server into plain
// JavaScript (scripts/build-server.js, about a second), then runs it in this very process: no child that
// SIGINT and SIGTERM would have to be passed on to, so the signal reaches the server's own shutdown.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = 'build/200.html';
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/** @param {string} path @returns {number} */
function newestMtime(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

// `npm start -- --no-build` serves whatever build there is (the API and sync work without one).
const skipBuild = process.argv.includes('--no-build');
const stale = !skipBuild && (!existsSync(BUILT) || SOURCES.some((p) => existsSync(p) && newestMtime(p) > statSync(BUILT).mtimeMs));
if (stale) {
	console.log(existsSync(BUILT) ? 'Rebuilding the app (its sources changed, about a minute)…' : 'Building the app (first start, about a minute)…');
	// Quiet: Vite's notes (plugin timings, "Run npm run preview", config and workbox warnings) are for
	// developers (`npm run build` shows them). A failed build shows what it printed, errors included.
	const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
		maxBuffer: 256 * 1024 * 1024
	});
	if (built.status !== 0) {
		process.stdout.write(built.stdout ?? '');
		process.stderr.write(built.stderr ?? '');
		console.error(built.error ? `The app's build could not run: ${built.error.message}` : 'The app did not build (its output is above).');
		process.exit(built.status ?? 1);
	}
}

const builtServer = spawnSync(process.execPath, ['scripts/build-server.js'], { stdio: 'inherit' });
if (builtServer.status !== 0) process.exit(builtServer.status ?? 1);

process.setSourceMapsEnabled(true);
await import(new URL('../dist/server/index.js', import.meta.url).href);
