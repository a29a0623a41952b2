// Builds the sync server into dist/server/ as plain JavaScript (packages left in node_modules), so
// production runs `node` on it with no TypeScript loader at start-up: less memory, faster start. Code
// splitting keeps each dynamic import() a chunk of its own, so what a deployment never uses (PostgreSQL,
// Redis, the Agent SDK) is never loaded.
import { build } from 'esbuild';

export const SERVER_ENTRY = 'dist/server/index.js';

await build({
	// The tool worker is started by path from offload.ts, next to the bundle.
	entryPoints: { index: 'sync-server/src/index.ts', 'tool-worker': 'sync-server/src/workspace/tool-worker.ts' },
	outdir: 'dist/server',
	bundle: true,
	platform: 'node',
	format: 'esm',
	splitting: true,
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
