// What the server tells every device before it signs in (`GET /api/config`): whether the demo model
// answers, and the model and engine new sessions use. Cached in localStorage so a device that starts offline still
// names the server's model on the sessions it creates.
import { z } from 'zod';
import { ENGINES } from '$lib/core/model';

const KEY = 'session-runner.server-config';

const ServerConfigSchema = z.object({
	demo: z.boolean(),
	model: z.string().min(1).max(200),
	/** Absent from servers older than engines; an engine this version does not know reads as absent. */
	defaultEngine: z.enum(ENGINES).optional().catch(undefined)
});

export type ServerConfig = z.infer<typeof ServerConfigSchema>;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function cachedServerConfig(storage: KeyValueStore = localStorage): ServerConfig | null {
	try {
		const parsed = ServerConfigSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Asks the server and caches its answer; null (cache untouched) when it cannot be reached or answers nonsense. */
export async function fetchServerConfig(
	fetcher: typeof fetch = fetch,
	storage: KeyValueStore = localStorage
): Promise<ServerConfig | null> {
	try {
		const response = await fetcher('/api/config');
		if (!response.ok) return null;
		const parsed = ServerConfigSchema.safeParse(await response.json());
		if (!parsed.success) return null;
		storage.setItem(KEY, JSON.stringify(parsed.data));
		return parsed.data;
	} catch {
		return null;
	}
}
