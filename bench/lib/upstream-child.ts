// The fake Anthropic upstream in its own process, so writing a reply as fast as it can does not hold up
// the event loop of the devices that time its arrival. Driven over the IPC channel by upstream.ts.
import { startFakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import { toMono } from './clock';

export type ToUpstream = { type: 'script'; reply: ScriptedReply } | { type: 'sent'; request: number } | { type: 'close' };
export type FromUpstream = { type: 'ready'; url: string } | { type: 'sent'; request: number; prompt: string; sent: Array<{ text: string; at: number }> };

type Content = string | Array<{ type: string; text?: string }>;
/** The text of the request's last message (the prompt it answers), so a bench can tell its sessions' requests apart. */
const promptOf = (body: unknown): string => {
	const content: Content = (body as { messages?: Array<{ content: Content }> }).messages?.at(-1)?.content ?? '';
	return typeof content === 'string' ? content : content.map((block) => block.text ?? '').join('');
};

const send = (message: FromUpstream) => process.send?.(message);
const fake = await startFakeAnthropic({ apiKey: process.env.UPSTREAM_KEY });

process.on('message', async (message: ToUpstream) => {
	if (message.type === 'script') fake.script(message.reply);
	else if (message.type === 'sent') {
		const request = await fake.request(message.request);
		await request.ended;
		send({ type: 'sent', request: message.request, prompt: promptOf(request.body), sent: request.sent.map(({ text, at }) => ({ text, at: toMono(at) })) });
	} else {
		await fake.close();
		process.exit(0);
	}
});
send({ type: 'ready', url: fake.url });
