// edit: exact string replacement that refuses to guess: the old text must occur once, or replace_all must say otherwise.
import { MAX_FILE_CHARS } from '../../../../src/lib/core/tools';
import { changeFile } from '../change';
import { fail } from '../result';
import { defineTool } from '../tool';

export function countOccurrences(text: string, needle: string): number {
	let count = 0;
	for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
	return count;
}

export const editTool = defineTool('edit', (input, ctx) =>
	changeFile(
		ctx.root,
		input.path,
		(before, rel) => {
			if (before === null) return fail('not-found', `${rel} does not exist; use write to create it.`);
			if (input.old_string === input.new_string) return fail('invalid-input', 'old_string and new_string are the same; nothing would change.');
			const count = countOccurrences(before, input.old_string);
			if (count === 0) return fail('no-match', `old_string does not occur in ${rel}; read the file and copy the text exactly, whitespace included.`);
			if (count > 1 && !input.replace_all)
				return fail('ambiguous-match', `old_string occurs ${count} times in ${rel}; add surrounding lines to make it unique, or set replace_all.`);
			const after = input.replace_all ? before.split(input.old_string).join(input.new_string) : before.replace(input.old_string, () => input.new_string);
			if (after.length > MAX_FILE_CHARS) return fail('file-too-large', `The edited ${rel} would exceed ${MAX_FILE_CHARS} characters.`);
			return after;
		},
		true
	)
);
