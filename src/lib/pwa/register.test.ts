import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWorker, type WorkboxLike, type WorkerEnv } from './register';

type Listener = () => void;

/** A stand-in for workbox-window and the page's ServiceWorkerContainer, driven by the test. */
function fakes(options: { controlled: boolean; waiting?: boolean }) {
	const wbListeners = new Map<string, Listener[]>();
	const containerListeners: Listener[] = [];
	const registration = { waiting: options.waiting ? ({} as ServiceWorker) : null } as ServiceWorkerRegistration;
	const wb = {
		addEventListener: vi.fn((type: string, listener: Listener) => wbListeners.set(type, [...(wbListeners.get(type) ?? []), listener])),
		register: vi.fn(async () => registration),
		update: vi.fn(async () => undefined),
		messageSkipWaiting: vi.fn()
	};
	const env: WorkerEnv = {
		container: {
			controller: options.controlled ? ({} as ServiceWorker) : null,
			addEventListener: (_type: string, listener: Listener) => containerListeners.push(listener),
			removeEventListener: (_type: string, listener: Listener) => containerListeners.splice(containerListeners.indexOf(listener), 1)
		} as unknown as WorkerEnv['container'],
		reload: vi.fn()
	};
	const events = { updateReady: vi.fn(), controlled: vi.fn() };
	return {
		wb,
		env,
		events,
		registration,
		start: () => startWorker(wb as unknown as WorkboxLike, events, env),
		emit: (type: string) => wbListeners.get(type)?.forEach((listener) => listener()),
		takeControl: () => [...containerListeners].forEach((listener) => listener()),
		settle: () => new Promise((resolve) => setTimeout(resolve, 0))
	};
}

afterEach(() => vi.useRealTimers());

describe('startWorker', () => {
	it('reports a page without a worker as controlled once the first worker claims it, without reloading', () => {
		const f = fakes({ controlled: false });
		f.start();
		expect(f.events.controlled).not.toHaveBeenCalled();
		f.takeControl();
		expect(f.events.controlled).toHaveBeenCalledOnce();
		expect(f.env.reload).not.toHaveBeenCalled();
	});

	it('reloads a page first opened without a worker when a second worker takes over', () => {
		const f = fakes({ controlled: false });
		f.start();
		f.takeControl();
		f.takeControl();
		expect(f.env.reload).toHaveBeenCalledOnce();
	});

	it('reloads an already controlled page once when a newer worker takes control (also in other tabs)', () => {
		const f = fakes({ controlled: true });
		f.start();
		expect(f.events.controlled).toHaveBeenCalledOnce();
		f.takeControl();
		f.takeControl();
		expect(f.env.reload).toHaveBeenCalledOnce();
	});

	it('announces a waiting worker and activates it only when asked', async () => {
		const f = fakes({ controlled: true, waiting: true });
		const worker = f.start();
		f.emit('waiting');
		expect(f.events.updateReady).toHaveBeenCalledOnce();
		await f.settle();
		expect(f.wb.messageSkipWaiting).not.toHaveBeenCalled();
		worker.apply();
		expect(f.wb.messageSkipWaiting).toHaveBeenCalledOnce();
		expect(f.env.reload).not.toHaveBeenCalled();
	});

	it('reloads straight away when asked to update and nothing waits any more', async () => {
		const f = fakes({ controlled: true, waiting: false });
		const worker = f.start();
		await f.settle();
		worker.apply();
		expect(f.wb.messageSkipWaiting).not.toHaveBeenCalled();
		expect(f.env.reload).toHaveBeenCalledOnce();
	});

	it('checks for a newer build on demand and on its interval, and stops listening when stopped', async () => {
		vi.useFakeTimers();
		const f = fakes({ controlled: true });
		f.env.checkEveryMs = 60_000;
		const worker = f.start();
		await worker.check();
		expect(f.wb.update).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(f.wb.update).toHaveBeenCalledTimes(2);
		worker.stop();
		await vi.advanceTimersByTimeAsync(120_000);
		f.takeControl();
		expect(f.wb.update).toHaveBeenCalledTimes(2);
		expect(f.env.reload).not.toHaveBeenCalled();
	});

	it('keeps the app running when registration fails', async () => {
		const f = fakes({ controlled: false });
		f.wb.register.mockRejectedValueOnce(new Error('blocked'));
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const worker = f.start();
		await worker.check();
		expect(f.wb.update).not.toHaveBeenCalled();
		expect(error).toHaveBeenCalledWith('service-worker-register-failed', expect.any(Error));
		error.mockRestore();
	});
});
