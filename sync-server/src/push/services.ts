// Which push endpoints the server will post to. A browser's subscription names the URL the server later
// POSTs to, so an unchecked one turns the server into a client for any host, port and path a signed-in
// device picks (blind SSRF). An allow-list of the push services browsers really use is the robust rule:
// a deny-list of private ranges misses DNS names that resolve inside, IPv6 and encoding tricks. The list's
// one home is the config (PUSH_SERVICES); this module only parses its entries and matches endpoints.
// web-push follows no redirect (a 3xx is a failed send), so the host checked here is the host reached.
import { isIP } from 'node:net';

/** One PUSH_SERVICES entry: `host` (that host only), `*.suffix` (any host below it), either with `:port`. */
export interface PushService {
	host: string;
	/** True for `*.suffix`: matches hosts ending in `.suffix` (a dot boundary), not `suffix` itself. */
	below: boolean;
	/** The port named, else 443. */
	port: number;
	/** The entry named its port: only then may it be an IP literal or a localhost name. */
	explicitPort: boolean;
}

const HTTPS_PORT = 443;
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');
/** Names that reach this machine or another by address, never a public push service. */
const internal = (hostname: string) => isIP(bare(hostname)) !== 0 || hostname === 'localhost' || hostname.endsWith('.localhost');

/** Parses one entry, or undefined when it is not a host (with an optional port and `*.`). */
export function parsePushService(entry: string): PushService | undefined {
	const text = entry.trim().toLowerCase();
	const below = text.startsWith('*.');
	const rest = below ? text.slice(2) : text;
	let url: URL;
	try {
		url = new URL(`https://${rest}`);
	} catch {
		return undefined;
	}
	// Anything URL parsing would rewrite or add to (a path, credentials, a changed spelling) is not a host.
	if (url.host !== rest && `${url.host}:${HTTPS_PORT}` !== rest) return undefined;
	const explicitPort = /:\d+$/.test(rest);
	const service = { host: url.hostname, below, port: explicitPort ? Number(rest.slice(rest.lastIndexOf(':') + 1)) : HTTPS_PORT, explicitPort };
	if (internal(service.host) && (below || !explicitPort)) return undefined;
	if (below && !service.host.includes('.')) return undefined;
	return service;
}

export function pushServiceLabel(service: PushService): string {
	return `${service.below ? '*.' : ''}${service.host}${service.explicitPort ? `:${service.port}` : ''}`;
}

/** True when `endpoint` is an https URL on one of `services` (host and port both match). */
export function pushEndpointAllowed(endpoint: string, services: readonly PushService[]): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:' || url.username || url.password) return false;
	const host = url.hostname;
	const port = url.port ? Number(url.port) : HTTPS_PORT;
	return services.some((s) => {
		if (port !== s.port) return false;
		if (internal(host)) return !s.below && s.explicitPort && host === s.host;
		return s.below ? host.endsWith(`.${s.host}`) : host === s.host;
	});
}

/** The endpoint's host, for logs (never the path: it carries the subscription's secret id). */
export function endpointHost(endpoint: string): string {
	try {
		return new URL(endpoint).host;
	} catch {
		return '(not a URL)';
	}
}
