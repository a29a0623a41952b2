// The parts of the screen loaded on first use, so the first screen's JavaScript stays small.
export const views = {
	session: () => import('../sessions/SessionView.svelte'),
	newSession: () => import('../sessions/NewSessionDialog.svelte'),
	deleteSession: () => import('../sessions/DeleteSessionDialog.svelte'),
	help: () => import('./HelpDialog.svelte'),
	devices: () => import('../sync/DevicesDialog.svelte')
};

/**
 * Loads every view ahead of need on a device in use (signed in): until its service worker has cached
 * the app, a device that goes offline could not load them later.
 */
export function warmViews(): void {
	for (const load of Object.values(views)) load().catch(() => undefined);
}
