// The cost of checkpoints: a turn snapshots its session's folder just before its first request and again
// at its end (checkpoints/snapshots.ts). Measured on a folder of 2,000 source-sized files plus a 4 MiB
// binary: the first snapshot (a new store reads everything), one of an unchanged folder (what most
// turns pay), one after a turn changed 5 files, and restoring those 5 files (a rewind's git part).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnapshots } from '../sync-server/src/checkpoints/snapshots';
import { figure, runBench, single } from './lib/figure';
import { summarize } from './lib/stats';

const FILES = 2_000;
const SAMPLES = 20;
const line = (i: number) => `export const value${i} = ${i}; // a line of a source file\n`;

await runBench('checkpoints', async () => {
	const base = await mkdtemp(join(tmpdir(), 'bench-checkpoints-'));
	try {
		const folder = join(base, 'work');
		for (let dir = 0; dir < FILES / 100; dir++) {
			await mkdir(join(folder, `src${dir}`), { recursive: true });
			for (let f = 0; f < 100; f++) await writeFile(join(folder, `src${dir}`, `file${f}.ts`), Array.from({ length: 40 }, (_, i) => line(i + f)).join(''));
		}
		await writeFile(join(folder, 'asset.bin'), Buffer.alloc(4 * 1024 * 1024, 7));
		const store = await openSnapshots(join(base, 'store.git'), folder);
		const time = async (fn: () => Promise<unknown>) => {
			const t = performance.now();
			await fn();
			return performance.now() - t;
		};
		const first = await time(() => store.snapshot('refs/turns/0/before'));
		const unchanged: number[] = [];
		const changed: number[] = [];
		const restored: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const before = await store.snapshot(`refs/turns/${i}/before`);
			unchanged.push(await time(() => store.snapshot(`refs/turns/${i}/again`)));
			const paths = Array.from({ length: 5 }, (_, k) => `src${k}/file${i}.ts`);
			for (const p of paths) await writeFile(join(folder, p), `changed in turn ${i}\n`);
			let after = '';
			changed.push(await time(async () => (after = await store.snapshot(`refs/turns/${i}/after`))));
			const files = await store.changed(before, after);
			restored.push(await time(() => store.checkout(before, files)));
		}
		const [u, c, r] = [summarize(unchanged), summarize(changed), summarize(restored)];
		return {
			figures: [
				figure('checkpoints.first', `Checkpoint, first snapshot of a folder (${FILES} files + 4 MiB binary)`, 'ms', single(first)),
				figure('checkpoints.unchanged', 'Checkpoint of that folder unchanged (each turn, before and after)', 'ms', u),
				figure('checkpoints.changed', 'Checkpoint after a turn changed 5 files', 'ms', c),
				figure('checkpoints.restore', 'Restoring those 5 files from a checkpoint', 'ms', r)
			],
			details: { files: FILES, samples: SAMPLES, firstMs: first, unchangedMs: u, changedMs: c, restoreMs: r }
		};
	} finally {
		await rm(base, { recursive: true, force: true });
	}
});
