// Work that can wait for the first paint: loading a long session's Y.Doc takes the main thread for a
// while, and what is on screen reads mirrored rows, so such work runs once the browser is idle.
export function whenIdle(run: () => void, timeoutMs = 2000): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: timeoutMs });
	else setTimeout(run, 50);
}
