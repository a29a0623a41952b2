// How a session document grows: a session written the way the app writes it (a prompt queued on a device,
// marked running and done by the runner; the reply appended while streaming, its text in runner-sized
// chunks, then marked done with its usage), read at 100, 1,000 and 10,000 messages. Per message: the
// update log as the server stores it (one Yjs update per transaction, until it compacts) and the compacted
// document (one merged update, what a device that never had the session downloads).
import * as Y from 'yjs';
import { newId } from '../src/lib/core/ids';
import { appendMessage, appendText, patchMessage } from '../src/lib/core/ydoc';
import { figure, runBench, single } from './lib/figure';

const CHECKPOINTS = [100, 1_000, 10_000];
/** A reply of about 600 characters, arriving in chunks of about 40 (the runner flushes every 16 ms). */
const REPLY = Array.from({ length: 15 }, (_, i) => `Step ${i + 1}: changed \`parser.ts\` line ${i * 7}. `).join('');
const CHUNK = 40;
const PROMPT = 'Please make the parser stop at the end of its input and add a test for it.';
const USAGE = { inputTokens: 1800, outputTokens: 160, cacheReadTokens: 1200, cacheWriteTokens: 0 };

await runBench('doc-size', async () => {
	const doc = new Y.Doc();
	let logBytes = 0;
	let updates = 0;
	let textBytes = 0;
	doc.on('update', (update: Uint8Array) => {
		logBytes += update.byteLength;
		updates++;
	});
	const rows: { messages: number; logBytes: number; compactBytes: number; updates: number; textBytes: number }[] = [];
	let at = Date.UTC(2026, 0, 1);
	let messages = 0;
	while (messages < CHECKPOINTS[CHECKPOINTS.length - 1]) {
		const prompt = appendMessage(doc, { id: newId(at), kind: 'user', text: PROMPT, state: 'queued', createdAt: at, meta: {} });
		patchMessage(prompt, { state: 'running' }, (at += 200));
		const reply = appendMessage(doc, { id: newId((at += 300)), kind: 'assistant', text: '', state: 'streaming', createdAt: at, meta: { model: 'claude-sonnet-5-5' } });
		for (let i = 0; i < REPLY.length; i += CHUNK) appendText(reply, REPLY.slice(i, i + CHUNK));
		doc.transact(() => {
			patchMessage(reply, { state: 'done', meta: { usage: USAGE, stopReason: 'end_turn' } }, (at += 4000));
			patchMessage(prompt, { state: 'done' }, at);
		});
		at += 60_000;
		messages += 2;
		textBytes += Buffer.byteLength(PROMPT) + Buffer.byteLength(REPLY);
		if (CHECKPOINTS.includes(messages)) {
			rows.push({ messages, logBytes, compactBytes: Y.encodeStateAsUpdate(doc).byteLength, updates, textBytes });
		}
	}
	const perMessage = (bytes: number, n: number) => single(bytes / n);
	const label = (n: number) => n.toLocaleString('en-GB');
	return {
		figures: rows.flatMap((row) => [
			figure(
				`docsize.compact.${row.messages}`,
				`Session document per message, compacted, at ${label(row.messages)} messages`,
				'B',
				perMessage(row.compactBytes, row.messages),
				undefined,
				`${(row.compactBytes / 1024).toFixed(0)} KB in all; message text ${Math.round(row.textBytes / row.messages)} B per message`
			),
			figure(
				`docsize.log.${row.messages}`,
				`Session document per message, update log before compaction, at ${label(row.messages)} messages`,
				'B',
				perMessage(row.logBytes, row.messages),
				undefined,
				`${(row.logBytes / 1024).toFixed(0)} KB in ${row.updates} updates; log / compacted ${(row.logBytes / row.compactBytes).toFixed(2)}`
			)
		]),
		details: { reply: { chars: REPLY.length, chunk: CHUNK }, prompt: PROMPT.length, rows }
	};
});
