// Registers the service worker and keeps every page on one build: a newer worker waits until the person
// chooses "Reload", and a page reloads as soon as a newer worker takes control of it, so no page runs
// code of one build against the caches of another (that is how half-old or blank pages happen).
import type { Workbox } from 'workbox-window';

export type WorkboxLike = Pick<Workbox, 'addEventListener' | 'register' | 'update' | 'messageSkipWaiting'>;

export interface WorkerEnv {
	container: Pick<ServiceWorkerContainer, 'controller' | 'addEventListener' | 'removeEventListener'>;
	reload(): void;
	/** How often an open app asks the server for a newer build. */
	checkEveryMs?: number;
}

export interface WorkerEvents {
	/** A newer build is installed and waits for the person to reload. */
	updateReady(): void;
	/** A worker controls this page: the shell is cached, so the app also starts offline. */
	controlled(): void;
}

export interface WorkerControl {
	/** Asks the server whether a newer worker exists (it installs in the background if so). */
	check(): Promise<void>;
	/** Activates the waiting worker; the page reloads once it has taken control. */
	apply(): void;
	stop(): void;
}

export function startWorker(wb: WorkboxLike, events: WorkerEvents, env: WorkerEnv): WorkerControl {
	let controlled = env.container.controller !== null;
	let reloading = false;
	let registration: ServiceWorkerRegistration | undefined;

	const reloadOnce = () => {
		if (reloading) return;
		reloading = true;
		env.reload();
	};
	// Workbox's own `isUpdate` only knows whether a worker controlled the page when it registered; a page
	// first opened without one still needs the reload when the second worker takes over.
	const onControllerChange = () => {
		if (controlled) return reloadOnce();
		controlled = true;
		events.controlled();
	};

	if (controlled) events.controlled();
	env.container.addEventListener('controllerchange', onControllerChange);
	wb.addEventListener('waiting', () => events.updateReady());
	const registered = wb.register().then(
		(value) => (registration = value),
		(error: unknown) => console.error('service-worker-register-failed', error)
	);
	const timer = env.checkEveryMs ? setInterval(() => void check(), env.checkEveryMs) : undefined;

	async function check(): Promise<void> {
		await registered;
		if (registration) await wb.update().catch((error: unknown) => console.warn('service-worker-update-failed', error));
	}

	return {
		check,
		apply() {
			// With nothing waiting (another tab activated it already) a reload alone reaches the newest build.
			if (registration?.waiting) wb.messageSkipWaiting();
			else reloadOnce();
		},
		stop() {
			clearInterval(timer);
			env.container.removeEventListener('controllerchange', onControllerChange);
		}
	};
}
