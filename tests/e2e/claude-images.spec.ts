// A pasted image goes with the prompt: it shows in the stream, reaches Claude (the scripted fake behind
// the real server) as an image block, and shows on a second device. A file that is not an image is refused.
import { deflateSync } from 'node:zlib';
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, openFromList, replies, test } from './claude-setup';
import { createSession, log, promptBox } from './runner';

const SHOTS = process.env.SHOTS_DIR;

/** A real 24×16 PNG, one colour, so the browser decodes it. */
function png(): Buffer {
	const crc = (buf: Buffer) => {
		let c = ~0;
		for (const byte of buf) {
			c ^= byte;
			for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
		}
		return ~c >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), body.length + 4);
		return out;
	};
	const [w, h] = [24, 16];
	const header = Buffer.alloc(13);
	header.writeUInt32BE(w, 0);
	header.writeUInt32BE(h, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x3c)])));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function paste(page: import('@playwright/test').Page, bytes: Buffer, name: string, type: string) {
	await promptBox(page).evaluate(
		(el, { data, name, type }) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type }));
			el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
		},
		{ data: bytes.toString('base64'), name, type }
	);
}

test('a pasted image reaches Claude as an image block and shows on both devices', async ({ browser, claude, token }) => {
	const origin = claude.server.origin;
	const a = await device(browser, origin, token);
	const b = await device(browser, origin, token);
	await createSession(a, 'Screenshot question');
	await openFromList(b, 'Screenshot question');

	await paste(a, Buffer.from('<svg onload="alert(1)"/>'), 'evil.png', 'image/png');
	await expect(a.getByText('“evil.png” is not a PNG, JPEG, GIF or WebP image.')).toBeVisible();

	const image = png();
	await paste(a, image, 'screen.png', 'image/png');
	await expect(a.getByRole('list', { name: 'Images to send' }).getByRole('img', { name: 'screen.png' })).toBeVisible();
	claude.fake.script(textReply('A grey rectangle.'));
	// The fake serves every spec of this worker: this prompt's request is the next one it sees.
	const seen = claude.fake.requests.length;
	await promptBox(a).fill('What is in this picture?');
	await promptBox(a).press('Enter');

	const request = await claude.fake.request(seen + 1);
	const content = (request.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]!.content;
	expect(content).toEqual([
		{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: image.toString('base64') } },
		{ type: 'text', text: 'What is in this picture?' }
	]);
	await expect(replies(a)).toContainText('A grey rectangle.');
	await expect(a.getByRole('list', { name: 'Images to send' })).toHaveCount(0);

	for (const page of [a, b]) {
		const shown = log(page).locator('[data-kind="user"]').getByRole('img', { name: 'screen.png' });
		await expect(shown).toBeVisible();
		expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
	}
	if (SHOTS) await b.screenshot({ path: `${SHOTS}/image-device-b.png` });
});
