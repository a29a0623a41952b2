// `npm start`: builds the PWA when it is missing or older than its sources, then runs the server in this
// very process. No `npx`/`tsx` layers in between that would have to pass SIGINT and SIGTERM on: the
// signal that reaches `npm start` reaches the server's own shutdown (sync-server/src/index.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

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
	console.log('Building the PWA…');
	const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

register();
await import(new URL('../sync-server/src/index.ts', import.meta.url).href);
