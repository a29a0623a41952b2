// Bench accounts. One tenant may hold at most MAX_SOCKETS_PER_TENANT sockets (100 by default; the server
// sheds the least recently active beyond that, and y-websocket clients reconnect), so a bench with hundreds
// of devices spreads its documents over several tenants, as a real deployment's users are.
export interface BenchTenants {
	/** The server's AUTH_TOKENS value. */
	env: string;
	/** The token for the `n`th document: every device of one document shares its tenant. */
	tokenFor(n: number): string;
}

export function benchTenants(count: number): BenchTenants {
	const tokens = Array.from({ length: count }, (_, i) => `bench-token-${i}-0123456789`);
	return {
		env: tokens.map((token, i) => `bench-${i}:${token}`).join(','),
		tokenFor: (n) => tokens[n % count]
	};
}
