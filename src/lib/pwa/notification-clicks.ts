// A notification click opens the app at its session: a new window starts at `/?session=<id>`, and a window
// already open is told by the service worker (static/push-worker.js) with an `open-session` message.
import { isId } from '$lib/core/ids';

/** The session a link names, once: the parameter is taken out of the address so a reload does not reopen it. */
export function takeSessionFromLink(location: Location, history: History): string | null {
	const url = new URL(location.href);
	const id = url.searchParams.get('session');
	if (id === null) return null;
	url.searchParams.delete('session');
	history.replaceState(history.state, '', url.pathname + url.search + url.hash);
	return isId(id) ? id : null;
}

export function followNotificationClicks(open: (sessionId: string) => void): () => void {
	const fromLink = takeSessionFromLink(location, history);
	if (fromLink) open(fromLink);
	if (!('serviceWorker' in navigator)) return () => {};
	const onMessage = (event: MessageEvent) => {
		const data = event.data as { type?: unknown; sessionId?: unknown } | null;
		if (data?.type === 'open-session' && typeof data.sessionId === 'string' && isId(data.sessionId)) open(data.sessionId);
	};
	navigator.serviceWorker.addEventListener('message', onMessage);
	return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}
