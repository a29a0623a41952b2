// The tenants the e2e server knows (AUTH_TOKENS), shared by the config that starts the server and the
// fixture that hands one to each test. Kept free of Playwright imports so the config can load it.
export const TENANT_COUNT = 64;

export const tenantName = (n: number) => `e2e${n}`;
export const tenantToken = (n: number) => `tok-e2e${n}-session-runner-tests`;

export function authTokensEnv(): string {
	return Array.from({ length: TENANT_COUNT }, (_, i) => `${tenantName(i + 1)}:${tenantToken(i + 1)}`).join(',');
}
