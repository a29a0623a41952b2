// `npm start`: builds the PWA when it is missing or older than its sources, builds the server into plain
// JavaScript (scripts/build-server.js, about a second), then runs it with node.
import { spawn, spawnSync } from 'node:child_process';
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

const stale = !existsSync(BUILT) || SOURCES.some((p) => existsSync(p) && newestMtime(p) > statSync(BUILT).mtimeMs);
if (stale) {
	console.log('Building the PWA…');
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const builtServer = spawnSync(process.execPath, ['scripts/build-server.js'], { stdio: 'inherit' });
if (builtServer.status !== 0) process.exit(builtServer.status ?? 1);

const server = spawn(process.execPath, ['--enable-source-maps', 'dist/server/index.js'], { stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
