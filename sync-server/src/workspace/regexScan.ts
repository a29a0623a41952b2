// Runs a model-supplied regular expression under a time budget: a catastrophic pattern fails the search instead of freezing the server.
import vm from 'node:vm';

/** A single file may take this long to scan; a catastrophic pattern usually blows up on one line. */
export const REGEX_FILE_MS = 1000;
/** The whole search may spend this long in the regex engine. */
export const REGEX_TOTAL_MS = 10_000;

const SCAN = new vm.Script(`
	(() => {
		const out = [];
		const lines = text.split('\\n');
		for (let i = 0; i < lines.length && out.length < max; i++) {
			const line = lines[i].endsWith('\\r') ? lines[i].slice(0, -1) : lines[i];
			if (re.test(line)) out.push(i + 1);
		}
		return out.join(',');
	})()
`);

export interface Scanner {
	/** Line numbers (from 1) of the first `max` matching lines; 'timeout' when this file or the search ran out of time. */
	scan(text: string, max: number): number[] | 'timeout';
}

/** Compiles the pattern (throws SyntaxError when invalid) in a separate context whose runs V8 can interrupt. */
export function createScanner(source: string, flags: string, limits = { fileMs: REGEX_FILE_MS, totalMs: REGEX_TOTAL_MS }): Scanner {
	new RegExp(source, flags);
	// The pattern travels as data, never spliced into code.
	const context = vm.createContext({ source, flags, re: null, text: '', max: 0 });
	vm.runInContext('re = new RegExp(source, flags)', context);
	const deadline = Date.now() + limits.totalMs;
	return {
		scan(text, max) {
			const left = deadline - Date.now();
			if (left <= 0) return 'timeout';
			context.text = text;
			context.max = max;
			try {
				// Joined to a string so no array from the other context leaks out; numbers parse back exactly.
				const found = SCAN.runInContext(context, { timeout: Math.min(left, limits.fileMs) }) as string;
				return found === '' ? [] : found.split(',').map(Number);
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
				throw err;
			} finally {
				context.text = '';
			}
		}
	};
}
