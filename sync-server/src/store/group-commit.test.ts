import { describe, expect, it } from 'vitest';
import { groupCommit, type Append } from './group-commit';

const append = (doc: string, ...bytes: number[]): Append => ({ tenant: 't', doc, updates: bytes.map((b) => new Uint8Array([b])) });

describe('group commit', () => {
	it('writes appends from one turn of the event loop in one commit, in order, each caller getting its own result', async () => {
		const commits: string[][] = [];
		const group = groupCommit((batch) => {
			commits.push(batch.map((a) => `${a.doc}:${a.updates.length}`));
			return batch.map((a) => a.doc.toUpperCase());
		});
		const results = await Promise.all([group.append(append('a', 1)), group.append(append('b', 2, 3)), group.append(append('a', 4))]);
		expect(results).toEqual(['A', 'B', 'A']);
		expect(commits).toEqual([['a:1', 'b:2', 'a:1']]);
		await group.append(append('c', 5));
		expect(commits).toEqual([['a:1', 'b:2', 'a:1'], ['c:1']]);
	});

	it('resolves no caller before the commit holding its rows has run', async () => {
		const written: string[] = [];
		const group = groupCommit((batch) => batch.map((a) => written.push(a.doc)));
		const pending = group.append(append('a', 1));
		expect(written).toEqual([]);
		await pending;
		expect(written).toEqual(['a']);
	});

	it('fails only the append that cannot be written when a shared commit fails', async () => {
		const written: string[] = [];
		const group = groupCommit((batch) => {
			if (batch.some((a) => a.doc === 'bad')) throw new Error('disk says no');
			written.push(...batch.map((a) => a.doc));
			return batch.map(() => true);
		});
		const results = await Promise.allSettled([group.append(append('a', 1)), group.append(append('bad', 2)), group.append(append('b', 3))]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(written).toEqual(['a', 'b']);
	});

	it('writes what is queued when flushed (before its store closes)', async () => {
		const written: string[] = [];
		const group = groupCommit((batch) => batch.map((a) => written.push(a.doc)));
		const pending = group.append(append('a', 1));
		group.flush();
		expect(written).toEqual(['a']);
		await pending;
	});

	it('cuts a long burst into commits of at most maxWaitMs of arrivals, so early callers need not wait for the last', async () => {
		const commits: string[][] = [];
		let clock = 0;
		const group = groupCommit((batch) => (commits.push(batch.map((a) => a.doc)), batch.map(() => true)), { maxWaitMs: 1, now: () => clock });
		const pending = ['a', 'b', 'c', 'd', 'e'].map((doc) => {
			const p = group.append(append(doc, 1));
			clock += 0.4;
			return p;
		});
		// a at 0, b at 0.4, c at 0.8, d at 1.2 (>= 1 ms after a: written with it), e waits for the tick.
		expect(commits).toEqual([['a', 'b', 'c', 'd']]);
		await Promise.all(pending);
		expect(commits).toEqual([['a', 'b', 'c', 'd'], ['e']]);
	});
});
