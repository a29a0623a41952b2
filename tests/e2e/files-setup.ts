// Equipment for the file panel flows: a real server per spec (its own DATA_DIR, tenant and port) whose
// SDK talks to the fake Anthropic server in this process, scripted per test; devices sign in by link.
import { expect, type Browser, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import { spawnServer, type ServerProcess } from '../helpers/server-process';

export const TENANT = 'f1';
const KEY = 'test-key';

export interface FilesServer {
	server: ServerProcess;
	fake: FakeAnthropic;
	token: string;
	/** The text of a file in a session's default folder, or null when it does not exist. */
	fileOf(sessionId: string, rel: string): Promise<string | null>;
	folderOf(sessionId: string): string;
	close(): Promise<void>;
}

export async function startFilesServer(env: Record<string, string> = {}): Promise<FilesServer> {
	const fake = await startFakeAnthropic({ apiKey: KEY });
	const token = `tok-${TENANT}-${Math.random().toString(36).slice(2)}`;
	// These flows script the Messages API engine's own file tools (`write`, `edit`), so sessions run on it.
	const server = await spawnServer({
		env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, AUTH_TOKENS: `${TENANT}:${token}`, DEFAULT_ENGINE: 'messages', ...env }
	});
	const folderOf = (sessionId: string) => join(server.dataDir, 'workspaces', TENANT, sessionId);
	return {
		server,
		fake,
		token,
		folderOf,
		fileOf: (sessionId, rel) => readFile(join(folderOf(sessionId), rel), 'utf8').catch(() => null),
		close: async () => {
			await server.kill();
			await fake.close();
		}
	};
}

/** A tool_use reply with a fixed id, then (for the next request) Claude's closing words. */
export function toolThenText(call: { id: string; name: string; input: Record<string, unknown> }, text = 'Done.'): ScriptedReply[] {
	return [
		{ type: 'message', content: [{ type: 'tool_use', ...call }] },
		{ type: 'message', content: [{ type: 'text', text }] }
	];
}

/** Opens the sign-in link on this server and waits until the app is back at `/`, online. */
export async function signIn(page: Page, files: FilesServer): Promise<void> {
	await page.goto(`${files.server.origin}/signin#token=${encodeURIComponent(files.token)}`);
	await expect(page).toHaveURL(`${files.server.origin}/`);
	await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /^Online/ })).toBeVisible();
}

export async function device(browser: Browser, files: FilesServer, viewport = { width: 1280, height: 800 }) {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	await signIn(page, files);
	return { context, page };
}

/** The active session's id (its tab panel names the tab `tab-<id>`). */
export async function activeSessionId(page: Page): Promise<string> {
	const labelledBy = await page.locator('#session-panel').getAttribute('aria-labelledby');
	return labelledBy!.replace(/^tab-/, '');
}

export const fileTree = (page: Page) => page.getByRole('tree', { name: 'Files' });
export const fileRegion = (page: Page) => page.getByRole('region', { name: 'File' });
export const changesRegion = (page: Page) => page.getByRole('region', { name: 'Changes' });

export async function openFiles(page: Page): Promise<void> {
	const button = page.getByRole('button', { name: 'Files', exact: true });
	if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
	await expect(fileTree(page)).toBeAttached();
}

export async function setMode(page: Page, label: 'Ask before edits and commands' | 'Accept edits' | 'Read only'): Promise<void> {
	await page.getByRole('combobox', { name: 'Permission mode' }).selectOption({ label });
	await expect(page.getByRole('combobox', { name: 'Permission mode' })).toHaveValue(
		{ 'Ask before edits and commands': 'ask', 'Accept edits': 'accept-edits', 'Read only': 'read-only' }[label]
	);
}

export async function listFiles(dir: string): Promise<string[]> {
	return readdir(dir).catch(() => []);
}
