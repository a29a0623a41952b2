// Builds the sync server into dist/server/ as plain JavaScript, so production runs `node` on it with no
// TypeScript loader at start-up: less memory, faster start. Code splitting keeps each dynamic import() a
// chunk of its own, so what a deployment never uses (PostgreSQL, Redis, the Agent SDK) is never loaded.
// Idle memory is mostly the code loaded at start: V8 keeps every module's source text for its lazily
// compiled functions. So the ES-module packages the server always loads are bundled in (one module instead
// of hundreds: zod alone is some 250 files with every locale), the output is minified (whitespace and
// syntax; names stay, for stack traces and logs), and source maps (which `npm start` loads, for stack traces
// in TypeScript terms) carry only mappings, not a copy of every source.
import { build } from 'esbuild';

export const SERVER_ENTRY = 'dist/server/index.js';

/** Bundled in: pure ES modules loaded at every start. The rest (native addons, CommonJS, packages that find their own files or load at first use) stay in node_modules. */
const INLINED = new Set(['zod', 'yjs', 'lib0', 'y-protocols', 'hono', '@hono/node-server', '@hono/node-ws']);
/** @param {string} specifier */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

await build({
	// The tool worker is started by path from offload.ts, next to the bundle.
	entryPoints: { index: 'sync-server/src/index.ts', 'tool-worker': 'sync-server/src/workspace/tool-worker.ts' },
	outdir: 'dist/server',
	bundle: true,
	platform: 'node',
	format: 'esm',
	splitting: true,
	target: 'node20',
	minifyWhitespace: true,
	minifySyntax: true,
	sourcemap: true,
	sourcesContent: false,
	logLevel: 'warning',
	plugins: [
		{
			name: 'packages-external-but-inlined',
			setup(b) {
				b.onResolve({ filter: /^[^./]/ }, (args) => (INLINED.has(packageOf(args.path)) ? undefined : { external: true }));
			}
		}
	]
});
