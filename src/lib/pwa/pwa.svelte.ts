// The installed app's state for the UI: whether a worker keeps the app available offline, whether a newer
// build waits, and the storage promise. One instance per page, made in the root layout and handed down
// by context; without service workers (dev server, old browsers) it simply stays idle.
import { getContext, setContext } from 'svelte';
import { Workbox } from 'workbox-window';
import { startWorker, type WorkerControl } from './register';
import { requestPersistence } from './storage';
import { APP_VERSION } from './version';

const KEY = Symbol('pwa-state');
const HOUR = 60 * 60 * 1000;

export class PwaState {
	readonly version = APP_VERSION;
	/** A newer build is installed and waits for "Reload". */
	updateReady = $state(false);
	/** "Reload" was chosen; the page reloads once the new worker controls it. */
	applying = $state(false);
	/** A worker controls the page: the shell is cached and the app starts without the server. */
	offlineReady = $state(false);
	persisted = $state<boolean | null>(null);
	/** The browser can run the worker (false on the dev server and in browsers without service workers). */
	supported = $state(false);
	checking = $state(false);
	/** When the person last asked for a newer build. */
	checkedAt = $state<number | null>(null);
	#worker: WorkerControl | null = null;

	start(scriptUrl = '/sw.js'): void {
		if (this.#worker || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		const events = {
			updateReady: () => (this.updateReady = true),
			controlled: () => {
				this.offlineReady = true;
				// Asked once the app works offline: from then on this device's data is what people rely on.
				void requestPersistence().then((persisted) => (this.persisted = persisted));
			}
		};
		const env = { container: navigator.serviceWorker, reload: () => location.reload(), checkEveryMs: HOUR };
		this.#worker = startWorker(new Workbox(scriptUrl, { scope: '/' }), events, env);
		this.supported = true;
	}

	async check(): Promise<void> {
		this.checking = true;
		try {
			await this.#worker?.check();
		} finally {
			this.checking = false;
			this.checkedAt = Date.now();
		}
	}

	apply(): void {
		this.applying = true;
		this.#worker?.apply();
	}

	stop(): void {
		this.#worker?.stop();
		this.#worker = null;
	}
}

export function setPwaState(state: PwaState): PwaState {
	return setContext(KEY, state);
}

/** The page's PWA state; a standalone instance where no layout provided one (component tests). */
export function getPwaState(): PwaState {
	return getContext<PwaState | undefined>(KEY) ?? new PwaState();
}
