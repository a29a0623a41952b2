// What the server says about itself (`GET /api/config`): whether the demo model answers, and the default
// model. The last answer is kept on the device, so an offline start still knows.
import { z } from 'zod';

export const ServerConfigSchema = z.object({ demo: z.boolean(), model: z.string() });
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

const KEY = 'session-runner.server-config';

export function cachedConfig(storage: Pick<Storage, 'getItem'>): ServerConfig | null {
	try {
		const parsed = ServerConfigSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** The server's answer when it gives one (and caches it), else the cached answer, else null. */
export async function loadServerConfig(
	fetcher: typeof fetch = fetch,
	storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage
): Promise<ServerConfig | null> {
	try {
		const response = await fetcher('/api/config', { headers: { accept: 'application/json' } });
		const parsed = ServerConfigSchema.safeParse(response.ok ? await response.json() : null);
		if (parsed.success) {
			storage.setItem(KEY, JSON.stringify(parsed.data));
			return parsed.data;
		}
	} catch {
		// Offline, or a page host without the API (not JSON): fall back to what we knew.
	}
	return cachedConfig(storage);
}
