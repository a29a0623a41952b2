// Equipment for the Claude flows: per worker, a scripted fake Anthropic API in the test process and the
// real server (spawned, with the built PWA) whose SDK points at it; per test, a fresh tenant, and devices
// that are browser contexts signed in through `/signin#token=`.
import { test as base, expect, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { signIn } from './devices';
import { log } from './runner';

export { openFromList } from './devices';

const TENANTS = 20;
const tokenOf = (n: number) => `tok-claude-ui-${n}-e2e-secret`;
const AUTH_TOKENS = Array.from({ length: TENANTS }, (_, i) => `c${i + 1}:${tokenOf(i + 1)}`).join(',');

export const PRICED_MODEL = 'claude-sonnet-5-5';

export interface Claude {
	fake: FakeAnthropic;
	server: ServerProcess;
}

interface WorkerFixtures {
	/** Extra server environment for a spec file (`test.use({ serverEnv: … })`). */
	serverEnv: Record<string, string>;
	claude: Claude;
}

let tenants = 0;

export const test = base.extend<{ token: string }, WorkerFixtures>({
	serverEnv: [{}, { scope: 'worker', option: true }],
	claude: [
		async ({ serverEnv }, use) => {
			const fake = await startFakeAnthropic();
			const server = await spawnServer({
				env: {
					ANTHROPIC_API_KEY: 'test-key',
					ANTHROPIC_BASE_URL: fake.url,
					CLAUDE_MODEL: PRICED_MODEL,
					AUTH_TOKENS,
					// These flows script Messages API replies, so sessions run on that engine unless a spec says otherwise.
					DEFAULT_ENGINE: 'messages',
					...serverEnv
				}
			});
			await use({ fake, server });
			await server.kill();
			await fake.close();
			rmSync(server.dataDir, { recursive: true, force: true });
		},
		{ scope: 'worker' }
	],
	// Each test its own tenant, so sessions and index docs never mix between the tests of a worker.
	token: async ({}, use) => {
		tenants += 1;
		if (tenants > TENANTS) throw new Error(`more than ${TENANTS} tests in one worker: raise TENANTS`);
		await use(tokenOf(tenants));
	}
});

export { expect };

export async function device(browser: Browser, origin: string, token: string, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext({ baseURL: origin, ...options });
	const page = await context.newPage();
	await signIn(page, token);
	return page;
}

export const replies = (page: Page): Locator => log(page).locator('[data-kind="assistant"]');

export interface Snapshot {
	state: string;
	text: string;
}

/**
 * Records every state and text the last assistant message shows on this page, as the page renders it,
 * so a test can ask afterwards what was seen while it streamed.
 */
export async function recordReplies(page: Page): Promise<() => Promise<Snapshot[]>> {
	await page.evaluate(() => {
		const w = window as unknown as { __replies: Snapshot[] };
		w.__replies = [];
		const logEl = document.querySelector('[role="log"]')!;
		const take = () => {
			const all = logEl.querySelectorAll<HTMLElement>('[data-kind="assistant"]');
			const last = all[all.length - 1];
			if (!last) return;
			const snapshot = { state: last.dataset.state ?? '', text: last.querySelector('.markdown')?.textContent ?? '' };
			const previous = w.__replies.at(-1);
			if (!previous || previous.state !== snapshot.state || previous.text !== snapshot.text) w.__replies.push(snapshot);
		};
		new MutationObserver(take).observe(logEl, { subtree: true, childList: true, characterData: true, attributes: true });
	});
	return () => page.evaluate(() => (window as unknown as { __replies: Snapshot[] }).__replies);
}
