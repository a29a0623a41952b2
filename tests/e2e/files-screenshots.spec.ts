// Screenshots of the file panel, Changes (unified and side by side) and the approval bar, at desktop
// and phone size (tests/artifacts/screenshots/), each checking what that layout must show.
import { expect, test, type Page } from '@playwright/test';
import { createSession, log, sendPrompt } from './runner';
import { changesRegion, device, fileRegion, fileTree, openFiles, setMode, startFilesServer, toolThenText, type FilesServer } from './files-setup';

const DIR = 'tests/artifacts/screenshots';
const SIZES = {
	desktop: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 }
} as const;

let files: FilesServer;
test.beforeAll(async () => {
	// The shell is on so that the approval shown is a command's.
	files = await startFilesServer({ WORKSPACE_SHELL: '1' });
});
test.afterAll(() => files.close());

const APP = `import { createServer } from 'node:http';
import { route } from './routes.js';

const port = Number(process.env.PORT ?? 3000);

export function start() {
	// One handler for every request; routes.js decides.
	return createServer(route).listen(port, () => console.log(\`listening on \${port}\`));
}
`;

/** A session whose tools wrote two files and then edited one, with the panel open. */
async function setUp(page: Page, size: keyof typeof SIZES) {
	await createSession(page, `Refactor server (${size})`);
	await setMode(page, 'Accept edits');
	await expect(page.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible();
	files.fake.script(
		{ type: 'message', content: [{ type: 'tool_use', id: `toolu_s1_${size}`, name: 'write', input: { path: 'src/server.js', content: APP } }] },
		{ type: 'message', content: [{ type: 'tool_use', id: `toolu_s2_${size}`, name: 'write', input: { path: 'src/routes.js', content: 'export function route(req, res) {\n\tres.end("ok");\n}\n' } }] },
		{
			type: 'message',
			content: [
				{
					type: 'tool_use',
					id: `toolu_s3_${size}`,
					name: 'edit',
					input: { path: 'src/server.js', old_string: 'const port = Number(process.env.PORT ?? 3000);', new_string: "const port = Number(process.env.PORT ?? 8080);\nconst host = process.env.HOST ?? '127.0.0.1';" }
				}
			]
		},
		{ type: 'message', content: [{ type: 'text', text: 'The server now reads HOST and defaults to port 8080.' }] }
	);
	await sendPrompt(page, 'Split the server into server.js and routes.js, and make the port configurable');
	await expect(log(page).locator('[data-kind="tool_result"]')).toHaveCount(3);
	await expect(log(page).locator('[data-kind="assistant"]').last()).toContainText('port 8080');
}

for (const size of ['desktop', 'phone'] as const) {
	test(`file panel, Changes and approval bar (${size})`, async ({ browser }) => {
		const { context, page } = await device(browser, files, SIZES[size]);
		await setUp(page, size);
		await openFiles(page);
		await fileTree(page).getByRole('treeitem', { name: 'src' }).click();
		await fileTree(page).getByRole('treeitem', { name: 'server.js' }).click();
		const editor = fileRegion(page).getByRole('textbox', { name: 'Contents of src/server.js' });
		await expect(editor).toContainText("const host = process.env.HOST ?? '127.0.0.1';");
		if (size === 'phone') await expect(log(page)).toBeHidden();
		else await expect(log(page)).toBeVisible();
		await page.screenshot({ path: `${DIR}/files-tree-editor-${size}.png` });

		await page.getByRole('button', { name: /^Changes/ }).click();
		const changes = changesRegion(page);
		await expect(changes.getByRole('article')).toHaveCount(3);
		await changes.getByRole('button', { name: 'Unified' }).click();
		await page.screenshot({ path: `${DIR}/files-changes-unified-${size}.png` });
		await changes.getByRole('button', { name: 'Side by side' }).click();
		await expect(changes.locator('.diff.split').first()).toBeVisible();
		await page.screenshot({ path: `${DIR}/files-changes-split-${size}.png` });

		if (size === 'desktop') {
			// Dark: the editor takes its theme when it opens.
			await page.emulateMedia({ colorScheme: 'dark' });
			await page.getByRole('button', { name: 'Browse' }).click();
			await fileRegion(page).getByRole('button', { name: 'Close file' }).click();
			await fileTree(page).getByRole('treeitem', { name: 'server.js' }).click();
			await expect(fileRegion(page).locator('.cm-editor')).toHaveCSS('background-color', 'rgb(40, 44, 52)');
			await page.screenshot({ path: `${DIR}/files-tree-editor-dark-${size}.png` });
			await page.emulateMedia({ colorScheme: 'light' });
		}

		await page.getByRole('button', { name: 'Close files' }).click();
		await setMode(page, 'Ask before edits and commands');
		await expect(page.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible();
		files.fake.script(
			...toolThenText({ id: `toolu_s4_${size}`, name: 'bash', input: { command: 'npm test -- --grep server' } })
		);
		await sendPrompt(page, 'Run the server tests');
		const bar = page.getByRole('region', { name: /^Approval needed/ });
		await expect(bar).toContainText('npm test -- --grep server');
		await expect(bar.getByRole('button', { name: 'Approve' })).toBeInViewport();
		await page.screenshot({ path: `${DIR}/files-approval-${size}.png` });
		await bar.getByRole('button', { name: 'Deny' }).click();
		await expect(bar).toHaveCount(0);
		await context.close();
	});
}
