// `@` in the prompt completes paths from the session's folder, folder by folder, and the mention goes to
// Claude with the prompt; the folders this device has seen complete offline too.
import { expect, test } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSession, promptBox, sendPrompt, switchTo } from './runner';
import { activeSessionId, device, startFilesServer, type FilesServer } from './files-setup';

let files: FilesServer;
test.beforeAll(async () => {
	files = await startFilesServer();
});
test.afterAll(() => files.close());

const fileList = (page: import('@playwright/test').Page) => page.getByRole('listbox', { name: 'Files' });

test('@ completes paths from the session folder, the mention reaches Claude, and completion works offline', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await createSession(page, 'Mentions');
	const folder = files.folderOf(await activeSessionId(page));
	await mkdir(join(folder, 'src'), { recursive: true });
	await writeFile(join(folder, 'src', 'main.ts'), 'export {};\n');
	await writeFile(join(folder, 'src', 'domain.ts'), 'export {};\n');
	await writeFile(join(folder, 'README.md'), '# Hi\n');

	const prompt = promptBox(page);
	await prompt.pressSequentially('Explain @s');
	await expect(fileList(page).getByRole('option')).toHaveText(['src/']);
	await prompt.press('Tab');
	await expect(prompt).toHaveValue('Explain @src/');
	await expect(fileList(page).getByRole('option')).toHaveText(['src/domain.ts', 'src/main.ts']);
	await prompt.pressSequentially('ma');
	await expect(fileList(page).getByRole('option')).toHaveText(['src/main.ts', 'src/domain.ts']);
	await expect(fileList(page).getByRole('option', { name: 'src/main.ts' })).toHaveAttribute('aria-selected', 'true');
	await prompt.press('Enter');
	await expect(prompt).toHaveValue('Explain @src/main.ts ');
	await expect(fileList(page)).toHaveCount(0);

	files.fake.script({ type: 'message', content: [{ type: 'text', text: 'It exports nothing.' }] });
	const seen = files.fake.requests.length;
	await sendPrompt(page, 'Explain @src/main.ts please');
	await expect.poll(() => files.fake.requests.length).toBeGreaterThan(seen);
	expect(JSON.stringify(files.fake.requests[seen].body)).toContain('Explain @src/main.ts please');

	// Esc closes the list until the word changes.
	await prompt.pressSequentially('and @R');
	await expect(fileList(page).getByRole('option')).toHaveText(['README.md', 'src/']);
	await prompt.press('Escape');
	await expect(fileList(page)).toHaveCount(0);
	await prompt.fill('');

	await context.setOffline(true);
	await expect(page.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible();
	// A new prompt box (another session, then back) reads the folders from the device's copy.
	await createSession(page, 'Another');
	await switchTo(page, 'Mentions');
	await prompt.pressSequentially('@src/d');
	await expect(fileList(page).getByRole('option')).toHaveText(['src/domain.ts']);
	await context.close();
});
