// Lets a device check a working folder before a new session names it: only the server knows which
// folders exist and which WORKSPACE_ROOTS allow. The runner and the file API check again on each use.
import { Hono } from 'hono';
import { z } from 'zod';
import { allowedFolder, type WorkspaceConfig } from './resolve';
import { errorResponse } from './routeErrors';

const CheckSchema = z.object({ path: z.string().trim().min(1).max(4096) });

export function workspaceCheckRoutes(config: WorkspaceConfig) {
	const app = new Hono();

	/** The allowed roots, so the form can say where a session may work. */
	app.get('/', (c) => c.json({ roots: config.roots }));

	app.post('/check', async (c) => {
		const body = CheckSchema.safeParse(await c.req.json().catch(() => null));
		if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: 'Send JSON { "path": "/absolute/folder" }.' });
		const result = await allowedFolder(config, body.data.path);
		if (!result.ok) return errorResponse(c, result);
		return c.json({ path: result.root });
	});

	return app;
}
