// How much this device stores for the app and whether the browser promised to keep it: local data is
// the only copy of what was not synced yet, so the app asks for persistent storage.
export type StorageManagerLike = Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>;

export interface StorageReport {
	/** Bytes used by this origin, or null when the browser does not tell. */
	usage: number | null;
	quota: number | null;
	/** Whether the browser keeps the data under storage pressure; null when it cannot say. */
	persisted: boolean | null;
}

const storageManager = (): StorageManagerLike | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

export async function storageReport(storage = storageManager()): Promise<StorageReport> {
	const [estimate, persisted] = await Promise.all([
		storage?.estimate?.().catch(() => null) ?? null,
		storage?.persisted?.().catch(() => null) ?? null
	]);
	return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Asks once; browsers decide from engagement or ask the person. Resolves with the outcome. */
export async function requestPersistence(storage = storageManager()): Promise<boolean | null> {
	if (!storage?.persist) return null;
	if (await storage.persisted?.().catch(() => false)) return true;
	return storage.persist().catch(() => null);
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	if (unit === 0) return `${Math.round(value)} ${bytes === 1 ? 'byte' : 'bytes'}`;
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
