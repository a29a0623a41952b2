// Offline start: after one visit, the app opens with the server stopped or the network gone, shows every
// session and a past session's messages, says it is offline, and queues new prompts for later.
import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import type { NewMessage } from '../../src/lib/core/ydoc';
import type { ServerProcess } from '../helpers/server-process';
import { createSession, log, openRunner, promptBox } from './runner';
import { startAppServer, waitForWorker } from './pwa-server';
import { newSession, seedSession } from './seed';

// One app server on a fixed port per file (the worker's origin): its tests share it, in order, in one worker.
test.describe.configure({ mode: 'default' });

const PORT = 4343;
let server: ServerProcess | undefined;
test.afterEach(async () => {
	await server?.kill();
	server = undefined;
});

function pastWork(at: number): NewMessage[] {
	const m = (i: number, rest: Omit<NewMessage, 'id' | 'createdAt'>): NewMessage => ({ id: newId(at + i * 1000), createdAt: at + i * 1000, ...rest });
	const change = { path: 'src/greet.ts', before: "export const greet = () => 'hi';\n", after: "export const greet = () => 'hello';\n" };
	return [
		m(0, { kind: 'user', text: 'Make the greeting friendlier', state: 'done', meta: {} }),
		m(1, { kind: 'tool_call', text: '', state: 'done', meta: { toolName: 'edit', toolInput: { path: 'src/greet.ts' } } }),
		m(2, {
			kind: 'tool_result',
			text: 'Edited src/greet.ts',
			state: 'done',
			meta: { changes: [{ ...change, patch: "@@ -1 +1 @@\n-export const greet = () => 'hi';\n+export const greet = () => 'hello';\n" }] }
		}),
		m(3, { kind: 'assistant', text: 'The greeting now says hello.', state: 'done', meta: {} })
	];
}

/** One online visit: the worker installs, a past session arrives (seeded as if synced) and one is made here. */
async function visitOnce(page: Page): Promise<void> {
	server = await startAppServer(PORT);
	await openRunner(page, server.origin);
	await seedSession(page, newSession('Friendlier greeting', Date.now() - 86_400_000), pastWork(Date.now() - 86_000_000));
	await waitForWorker(page);
	await page.reload();
	await createSession(page, 'Made on this device');
}

async function expectEverythingReadable(page: Page): Promise<void> {
	await expect(page.getByRole('status')).toContainText('Offline');
	await page.getByRole('button', { name: 'Sessions' }).click();
	const all = page.getByRole('list', { name: 'All sessions' });
	await expect(all.getByRole('button', { name: 'Made on this device' })).toBeVisible();
	await all.getByRole('button', { name: 'Friendlier greeting' }).click();
	await expect(log(page).locator('[data-kind]')).toHaveCount(4);
	await expect(log(page).locator('[data-kind="tool_result"]')).toContainText('Edited src/greet.ts');
	await expect(log(page).locator('[data-kind="assistant"]')).toContainText('The greeting now says hello.');
	// The diffs the session recorded are part of its document, so they are on the device too.
	await page.getByRole('button', { name: 'Files', exact: true }).click();
	await page.getByRole('button', { name: /^Changes/ }).click();
	const changes = page.getByRole('region', { name: 'Changes' });
	await expect(changes).toContainText('src/greet.ts');
	await expect(changes).toContainText("export const greet = () => 'hello';");
}

test('with the server stopped, a reload shows the session list and a past session, and prompts queue', async ({ page }) => {
	await visitOnce(page);
	await server!.kill();
	server = undefined;

	await page.reload();
	await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
	await expectEverythingReadable(page);

	await page.getByRole('button', { name: 'Close files' }).click();
	await promptBox(page).fill('Also add a test');
	await promptBox(page).press('Enter');
	const queued = log(page).locator('[data-kind="user"]', { hasText: 'Also add a test' });
	await expect(queued).toContainText('will send when online');
	await page.screenshot({ path: 'tests/artifacts/screenshots/pwa-offline-server-stopped.png' });

	// A new navigation (not a reload) to the start URL is answered by the worker too.
	await page.goto('about:blank');
	await openRunner(page, `http://127.0.0.1:${PORT}/`);
	await expect(page.getByRole('tab', { name: 'Friendlier greeting' })).toHaveCount(1);
});

test('with the device offline, a reload shows everything and says Offline', async ({ page, context }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await visitOnce(page);
	await context.setOffline(true);
	await page.reload();
	await expectEverythingReadable(page);
	// On a phone the file panel is a view of its own, in place of the stream.
	await expect(log(page)).toBeHidden();
	await page.screenshot({ path: 'tests/artifacts/screenshots/pwa-offline-phone-390-changes.png' });
	await page.getByRole('button', { name: 'Close files' }).click();
	await expect(log(page)).toBeVisible();
	await page.screenshot({ path: 'tests/artifacts/screenshots/pwa-offline-phone-390.png' });
	await context.setOffline(false);
});
