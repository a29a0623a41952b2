// Builds the sync server into dist/server/ as plain JavaScript (one bundle, packages left in node_modules),
// so production runs `node` on it with no TypeScript loader at start-up: less memory, faster start.
import { build } from 'esbuild';

export const SERVER_ENTRY = 'dist/server/index.js';

await build({
	// The tool worker is started by path from offload.ts, next to the bundle.
	entryPoints: { index: 'sync-server/src/index.ts', 'tool-worker': 'sync-server/src/workspace/tool-worker.ts' },
	outdir: 'dist/server',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
