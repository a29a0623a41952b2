import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { createWorkspaceTools } from './index';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe('createWorkspaceTools', () => {
	it('offers the file tools, and bash only with a shell', () => {
		expect(createWorkspaceTools().definitions.map((d) => d.name)).toEqual(['list', 'glob', 'read', 'search', 'write', 'edit']);
		const withShell = createWorkspaceTools({ shell: { bwrap: '/usr/bin/bwrap' } });
		expect(withShell.definitions.map((d) => d.name)).toContain('bash');
		expect(withShell.tools.get('bash')?.permission).toBe('exec');
	});

	it('refuses unknown tools and invalid input as data', async () => {
		const tools = createWorkspaceTools();
		expect(await tools.run('rm', { path: '.' }, ws.ctx)).toMatchObject({ ok: false, reason: 'unknown-tool' });
		expect(await tools.run('__proto__', {}, ws.ctx)).toMatchObject({ ok: false, reason: 'unknown-tool' });
		expect(await tools.run('read', null, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-input' });
		expect(await tools.run('write', { path: 'a', content: 5 }, ws.ctx)).toMatchObject({
			ok: false,
			reason: 'invalid-input',
			message: expect.stringContaining('content')
		});
	});

	it('turns a vanished workspace into a refusal, not an exception', async () => {
		const tools = createWorkspaceTools();
		await ws.cleanup();
		expect(await tools.run('list', {}, ws.ctx)).toMatchObject({ ok: false, reason: 'not-found' });
	});
});
