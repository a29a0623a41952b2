// A device without network keeps working on its local copy; when it comes back, its changes and the
// ones made elsewhere meanwhile merge on both devices, nothing lost. The status says which it is.
import { expect, test, type Page } from '@playwright/test';
import { openFromList, sessionTitles, status, twoDevices } from './devices';
import { createSession, log, sendPrompt, userTexts } from './runner';

const PENDING = /^Offline · \d+ local changes? not yet on the server$/;

const userMessage = (page: Page, text: string) => log(page).locator('[data-kind="user"]', { hasText: text });

async function textsOf(page: Page, title: string): Promise<string[]> {
	await openFromList(page, title);
	return userTexts(page);
}

test('changes made offline on one device and online on the other converge after it reconnects', async ({ browser }) => {
	const { a, b, close } = await twoDevices(browser);
	await createSession(a.page, 'Both edit');
	await sendPrompt(a.page, 'A before the split');
	await expect.poll(() => sessionTitles(b.page)).toEqual(['Both edit']);
	await openFromList(b.page, 'Both edit');
	await expect(userMessage(b.page, 'A before the split')).toBeVisible();

	// No service worker yet, so the page cannot load without network: it loads first, then the network goes.
	await b.page.reload();
	await expect(status(b.page)).toHaveText('Online');
	await b.context.setOffline(true);
	await expect(status(b.page)).toHaveText('Offline');

	await sendPrompt(b.page, 'B offline, in the shared session');
	await expect(status(b.page)).toHaveText(PENDING);
	await createSession(b.page, 'Made offline on B');
	await sendPrompt(b.page, 'B offline, first');
	await sendPrompt(b.page, 'B offline, second');

	await openFromList(a.page, 'Both edit');
	await sendPrompt(a.page, 'A while B is away');
	await createSession(a.page, 'Made on A meanwhile');
	await sendPrompt(a.page, 'A meanwhile');

	// Offline, B still shows all it has, and nothing of what A did meanwhile.
	await expect(status(b.page)).toHaveText(PENDING);
	expect(await sessionTitles(b.page)).toEqual(['Both edit', 'Made offline on B']);
	expect(await textsOf(b.page, 'Both edit')).toEqual(['A before the split', 'B offline, in the shared session']);

	await b.context.setOffline(false);
	await expect(status(b.page)).toHaveText('Online');
	const all = ['Both edit', 'Made offline on B', 'Made on A meanwhile'];
	for (const device of [a, b]) await expect.poll(() => sessionTitles(device.page)).toEqual(all);

	const shared = ['A before the split', 'A while B is away', 'B offline, in the shared session'];
	await expect.poll(async () => (await textsOf(a.page, 'Both edit')).toSorted()).toEqual(shared);
	await expect.poll(async () => (await textsOf(b.page, 'Both edit')).toSorted()).toEqual(shared);
	// The same merged order on both devices, not just the same set.
	expect(await textsOf(b.page, 'Both edit')).toEqual(await textsOf(a.page, 'Both edit'));
	await expect.poll(() => textsOf(a.page, 'Made offline on B')).toEqual(['B offline, first', 'B offline, second']);
	await expect.poll(() => textsOf(b.page, 'Made on A meanwhile')).toEqual(['A meanwhile']);
	await expect(status(a.page)).toHaveText('Online');
	await expect(status(b.page)).toHaveText('Online');
	await close();
});

test('changes made while the server is unreachable survive a reload and reach the other device later', async ({ browser }) => {
	const { a, b, close } = await twoDevices(browser);
	// The device keeps its network (so the page reloads) but its sync sockets cannot reach the server.
	let blocked = true;
	await b.page.routeWebSocket(/\/sync\//, (ws) => {
		if (blocked) ws.close();
		else ws.connectToServer();
	});
	await b.page.reload();
	await expect(status(b.page)).toHaveText('Offline · server unreachable');

	await createSession(b.page, 'Written unreachable');
	await sendPrompt(b.page, 'kept across a reload');
	await expect(status(b.page)).toHaveText(/^Offline · server unreachable · \d+ local changes? not yet on the server$/);
	await b.page.reload();
	await expect(b.page.getByRole('heading', { name: 'Written unreachable', exact: true })).toBeVisible();
	await expect(userMessage(b.page, 'kept across a reload')).toBeVisible();
	expect(await sessionTitles(a.page)).toEqual([]);

	blocked = false;
	await expect(status(b.page)).toHaveText('Online');
	await expect.poll(() => sessionTitles(a.page)).toEqual(['Written unreachable']);
	await expect.poll(() => textsOf(a.page, 'Written unreachable')).toEqual(['kept across a reload']);
	await close();
});
