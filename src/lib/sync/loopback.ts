// Whether a link names this very machine (127.0.0.0/8, ::1, localhost): scanned on a phone, such a link
// points at the phone itself, so the pairing dialog warns and says how to give the server a reachable one.
export function isLoopbackLink(url: string): boolean {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}
	return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || /^127(\.\d{1,3}){3}$/.test(host);
}
