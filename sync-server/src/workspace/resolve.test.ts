import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWorkspace } from './resolve';

let base: string;
let dataDir: string;
let allowed: string;
beforeEach(async () => {
	base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ws-resolve-')));
	dataDir = path.join(base, 'data');
	allowed = path.join(base, 'projects');
	await mkdir(path.join(allowed, 'app'), { recursive: true });
	await mkdir(path.join(base, 'private'));
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('resolveWorkspace', () => {
	it('creates the default folder under DATA_DIR/workspaces/<tenant>/<session>', async () => {
		const result = await resolveWorkspace({ dataDir, roots: [] }, 'alice', 'sess-1');
		expect(result).toEqual({ ok: true, root: path.join(dataDir, 'workspaces', 'alice', 'sess-1') });
		expect(await resolveWorkspace({ dataDir, roots: [] }, 'alice', 'sess-1')).toEqual(result);
	});

	it('refuses tenant and session ids that could be paths', async () => {
		for (const [tenant, session] of [
			['..', 's'],
			['alice', '../bob'],
			['a/b', 's'],
			['alice', '']
		])
			expect(await resolveWorkspace({ dataDir, roots: [] }, tenant, session)).toMatchObject({ ok: false, reason: 'invalid-input' });
	});

	it('accepts an existing folder inside an allowed root', async () => {
		expect(await resolveWorkspace({ dataDir, roots: [allowed] }, 'alice', 's', path.join(allowed, 'app'))).toEqual({
			ok: true,
			root: path.join(allowed, 'app')
		});
		expect(await resolveWorkspace({ dataDir, roots: [allowed] }, 'alice', 's', allowed)).toMatchObject({ ok: true });
	});

	it('refuses a folder outside the roots, also when reached through .. or a symlink', async () => {
		const roots = [allowed];
		await symlink(path.join(base, 'private'), path.join(allowed, 'sneaky'));
		for (const requested of [path.join(base, 'private'), path.join(allowed, '..', 'private'), path.join(allowed, 'sneaky'), '/'])
			expect(await resolveWorkspace({ dataDir, roots }, 'alice', 's', requested)).toMatchObject({ ok: false, reason: 'workspace-not-allowed' });
	});

	it('refuses everything but the default when no roots are configured', async () => {
		expect(await resolveWorkspace({ dataDir, roots: [] }, 'alice', 's', path.join(allowed, 'app'))).toMatchObject({
			ok: false,
			reason: 'workspace-not-allowed',
			message: expect.stringContaining('WORKSPACE_ROOTS')
		});
	});

	it('says nothing about what exists outside the roots', async () => {
		const roots = [allowed];
		for (const requested of [path.join(base, 'missing'), '/etc/passwd', '/definitely/not/here']) {
			expect(await resolveWorkspace({ dataDir, roots }, 'alice', 's', requested)).toMatchObject({ ok: false, reason: 'workspace-not-allowed' });
		}
	});

	it("refuses the server's own data, even inside an allowed root", async () => {
		const inside = path.join(allowed, 'data');
		await mkdir(path.join(inside, 'workspaces'), { recursive: true });
		const config = { dataDir: inside, roots: [allowed] };
		for (const requested of [inside, path.join(inside, 'workspaces')]) {
			expect(await resolveWorkspace(config, 'alice', 's', requested)).toMatchObject({ ok: false, reason: 'workspace-not-allowed' });
		}
		expect(await resolveWorkspace(config, 'alice', 's', path.join(allowed, 'app'))).toMatchObject({ ok: true });
	});

	it('refuses a relative, missing or non-folder request', async () => {
		const roots = [allowed];
		await writeFile(path.join(allowed, 'file.txt'), '');
		expect(await resolveWorkspace({ dataDir, roots }, 'alice', 's', 'projects/app')).toMatchObject({ ok: false, reason: 'invalid-path' });
		expect(await resolveWorkspace({ dataDir, roots }, 'alice', 's', path.join(allowed, 'nope'))).toMatchObject({ ok: false, reason: 'not-found' });
		expect(await resolveWorkspace({ dataDir, roots }, 'alice', 's', path.join(allowed, 'file.txt'))).toMatchObject({ ok: false, reason: 'not-a-directory' });
	});

	it('does not count a root that is a prefix of a sibling folder', async () => {
		await mkdir(path.join(base, 'projects-evil'));
		expect(await resolveWorkspace({ dataDir, roots: [allowed] }, 'alice', 's', path.join(base, 'projects-evil'))).toMatchObject({
			ok: false,
			reason: 'workspace-not-allowed'
		});
	});
});
