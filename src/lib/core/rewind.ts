// Rewinding a session's files to before a prompt: what the stream records (a system message carrying
// `meta.rewind`) and the words people read. The server restores the files (sync-server/src/checkpoints).
import { z } from './zod';
import type { Message } from './model';

export const RewindSchema = z.object({
	/** Names the checkpoint of the files as they were just before the rewind (what "Undo rewind" restores). */
	id: z.string().min(1).max(100),
	/** The user message the files were rewound to before. */
	promptId: z.string().min(1).max(100),
	/** Session-relative paths the rewind restored or removed. */
	files: z.array(z.string()).max(100_000),
	/** Set once the rewind was undone. */
	undoneAt: z.number().int().nonnegative().optional(),
	/** True on the message that records the undoing (it carries the rewind, so devices refresh those files). */
	undo: z.boolean().optional()
});
export type Rewind = z.infer<typeof RewindSchema>;

/** The prompt as a one-line label (its first line, cut to `max` characters). */
export function promptLabel(text: string, max = 80): string {
	const line = text.trim().split('\n')[0] ?? '';
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const listed = (files: readonly string[]) => (files.length ? `Restored: ${files.join(', ')}` : 'No file had changed since then, so none was touched.');

export function rewindText(prompt: string, files: readonly string[]): string {
	return `Files rewound to before: ${promptLabel(prompt)}\n${listed(files)}`;
}

export function undoText(files: readonly string[]): string {
	return `Rewind undone.\n${listed(files)}`;
}

/** The rewind a system message records, if any. */
export const rewindOf = (message: Pick<Message, 'kind' | 'meta'>): Rewind | undefined => (message.kind === 'system' ? message.meta.rewind : undefined);
