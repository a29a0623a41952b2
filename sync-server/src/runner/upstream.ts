// Where Claude's requests go: the Anthropic API with the server's key, or, without a key, the demo
// model — an in-process fake Anthropic server the same SDK client talks to, so both take one code path.
import type Anthropic from '@anthropic-ai/sdk';
import { demoResponder, type DemoOptions } from '../demo/demo-model';
import { startFakeAnthropic } from '../demo/fake-anthropic';
import { lazyClient } from './client';

export interface UpstreamConfig {
	apiKey: string | undefined;
	/** ANTHROPIC_BASE_URL; the public API when unset. */
	baseUrl?: string | undefined;
	/** SDK retries of 408/409/429/5xx and connection errors, with backoff honouring retry-after (default 2). */
	maxRetries?: number;
	demo?: DemoOptions;
}

export interface Upstream {
	/** Made, and the SDK loaded, at the first turn on the Messages API. */
	client: () => Promise<Anthropic>;
	/** True when the demo model answers; the UI says so. */
	demo: boolean;
	/** The key and address Claude Code processes use: the server's, or the demo model's local server. */
	agent: { apiKey: string; baseUrl: string | undefined };
	close(): Promise<void>;
}

export async function createUpstream(config: UpstreamConfig): Promise<Upstream> {
	const maxRetries = config.maxRetries ?? 2;
	if (config.apiKey) {
		// baseURL null (not undefined) keeps the SDK from reading the environment itself: index.ts owns it.
		const client = lazyClient({ apiKey: config.apiKey, baseURL: config.baseUrl ?? null, maxRetries });
		return { client, demo: false, agent: { apiKey: config.apiKey, baseUrl: config.baseUrl }, close: async () => {} };
	}
	const fake = await startFakeAnthropic({ respond: demoResponder(config.demo) });
	const client = lazyClient({ apiKey: 'demo', baseURL: fake.url, maxRetries });
	return { client, demo: true, agent: { apiKey: 'demo', baseUrl: fake.url }, close: () => fake.close() };
}
