// Steps of the runner screen that the flows share, written against the accessible names only.
import { expect, type Page } from '@playwright/test';

export const log = (page: Page) => page.getByRole('log', { name: 'Session output' });
export const promptBox = (page: Page) => page.getByRole('textbox', { name: 'Prompt' });
export const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** Opens the app and waits until local storage is open. */
export async function openRunner(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
	await expect(page.getByText('Opening local storage…')).toHaveCount(0);
}

/** Without `engine` the session runs on the engine the dialog preselects (the server's default). */
export async function createSession(page: Page, name: string, engine?: 'Claude Code' | 'Messages API'): Promise<void> {
	await page.getByRole('button', { name: 'New session' }).click();
	await page.getByRole('textbox', { name: 'Session name' }).fill(name);
	if (engine) await page.getByRole('radio', { name: engine, exact: true }).check();
	await page.getByRole('button', { name: 'Create' }).click();
	// The session's heading, not its tab: on a phone the tabs are folded into a menu.
	await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

export async function switchTo(page: Page, name: string): Promise<void> {
	await tab(page, name).click();
	await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
}

/** Sends a prompt with Enter and waits for it to show in the stream as a queued user message. */
export async function sendPrompt(page: Page, text: string): Promise<void> {
	await promptBox(page).fill(text);
	await promptBox(page).press('Enter');
	await expect(promptBox(page)).toHaveValue('');
	await expect(log(page).locator('[data-kind="user"]', { hasText: text })).toHaveCount(1);
}

/** The texts of the user messages now in the stream, oldest first. */
export async function userTexts(page: Page): Promise<string[]> {
	return log(page).locator('[data-kind="user"] .text').allInnerTexts();
}
