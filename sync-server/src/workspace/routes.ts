// The file API under /api/sessions/:id/files: a lazy tree, text with a version, and saves that never overwrite a newer file.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { MAX_TEXT_BYTES, readGuardedFile, writeGuardedFile } from './fileio';
import { listDir } from './listing';
import { withFileLock } from './locks';
import { guardPath } from './pathGuard';
import { errorResponse } from './routeErrors';
import { requestRoot, type WorkspaceRouteDeps } from './request-root';


/** A file's version: the SHA-256 of its bytes, so any change by anyone (tool, editor, another device) is seen. */
export const versionOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const SaveSchema = z.object({
	path: z.string().min(1),
	text: z.string(),
	/** The version the client edited; null to create a file that must not exist yet. */
	baseVersion: z.string().nullable()
});

export function workspaceRoutes(deps: WorkspaceRouteDeps) {
	const app = new Hono();

	const rootOf = (c: Context) => requestRoot(deps, c);

	app.get('/', async (c) => {
		const root = await rootOf(c);
		if (typeof root !== 'string') return root;
		const dir = await guardPath(root, c.req.query('path') || '.');
		if (!dir.ok) return errorResponse(c, dir);
		if (!dir.stats?.isDirectory()) return errorResponse(c, { reason: 'not-a-directory', message: `${dir.rel} is a file.` });
		return c.json({ path: dir.rel, ...(await listDir(dir.abs, dir.rel)) });
	});

	app.get('/content', async (c) => {
		const root = await rootOf(c);
		if (typeof root !== 'string') return root;
		const file = await guardPath(root, c.req.query('path') ?? '');
		if (!file.ok) return errorResponse(c, file);
		const read = await readGuardedFile(file.abs, file.rel);
		if (!read.ok) return errorResponse(c, read);
		c.header('Cache-Control', 'no-store');
		const version = versionOf(read.bytes);
		if (read.text === null) return c.json({ path: file.rel, binary: true, size: read.bytes.length, version });
		return c.json({ path: file.rel, text: read.text, size: read.bytes.length, version });
	});

	const limit = bodyLimit({
		// JSON escaping can double the size of text full of newlines or quotes.
		maxSize: 2 * MAX_TEXT_BYTES + 64 * 1024,
		onError: (c) => errorResponse(c, { reason: 'file-too-large', message: `Files over ${MAX_TEXT_BYTES} bytes cannot be saved here.` })
	});

	app.put('/content', limit, async (c) => {
		const root = await rootOf(c);
		if (typeof root !== 'string') return root;
		const body = SaveSchema.safeParse(await c.req.json().catch(() => null));
		if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: 'Send JSON { path, text, baseVersion }.' });
		const file = await guardPath(root, body.data.path, { create: true });
		if (!file.ok) return errorResponse(c, file);
		if (file.stats?.isDirectory()) return errorResponse(c, { reason: 'not-a-file', message: `${file.rel} is a folder.` });
		const { text, baseVersion } = body.data;
		return withFileLock(file.abs, async () => {
			const current = await readGuardedFile(file.abs, file.rel);
			if (!current.ok && current.reason !== 'not-found') return errorResponse(c, current);
			const currentVersion = current.ok ? versionOf(current.bytes) : null;
			if (currentVersion !== baseVersion) return errorResponse(c, conflict(file.rel, baseVersion, currentVersion));
			const written = await writeGuardedFile(file.abs, file.rel, text, current.ok ? current.mode : undefined);
			if (!written.ok) return errorResponse(c, written);
			const bytes = Buffer.from(text, 'utf8');
			return c.json({ path: file.rel, version: versionOf(bytes), size: bytes.length, created: !current.ok });
		});
	});

	return app;
}

function conflict(rel: string, base: string | null, current: string | null): { reason: 'file-changed'; message: string } {
	if (base === null) return { reason: 'file-changed', message: `${rel} already exists; open it and apply your changes there.` };
	if (current === null) return { reason: 'file-changed', message: `${rel} was deleted since you opened it; your text was not saved.` };
	return { reason: 'file-changed', message: `${rel} changed since you opened it (by Claude or another device); reload it and apply your changes again. Your text was not saved.` };
}
