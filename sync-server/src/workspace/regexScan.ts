// Runs a model-supplied regular expression under a time budget: a catastrophic pattern fails the search instead of freezing the server.
import vm from 'node:vm';

export const REGEX_BUDGET_MS = 2000;

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
	/** Line numbers (from 1) of the first `max` matching lines; 'timeout' once the budget is spent. */
	scan(text: string, max: number): number[] | 'timeout';
}

/** Compiles the pattern (throws SyntaxError when invalid) in a separate context whose runs V8 can interrupt. */
export function createScanner(source: string, flags: string, budgetMs = REGEX_BUDGET_MS): Scanner {
	new RegExp(source, flags);
	const context = vm.createContext({ re: null, text: '', max: 0 });
	vm.runInContext(`re = new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)})`, context);
	const deadline = Date.now() + budgetMs;
	return {
		scan(text, max) {
			const left = deadline - Date.now();
			if (left <= 0) return 'timeout';
			context.text = text;
			context.max = max;
			try {
				// Joined to a string so no array from the other context leaks out; numbers parse back exactly.
				const found = SCAN.runInContext(context, { timeout: left }) as string;
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
