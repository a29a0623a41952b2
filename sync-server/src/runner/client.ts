// The Anthropic SDK client, made at its first use: the SDK loads with the first Messages API turn or
// commit-message draft, so a server that is only syncing never holds it in memory.
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientOptions } from '@anthropic-ai/sdk';

/** An SDK client, or how to make one on first use (the server's; tests may pass a client). */
export type ClientSource = Anthropic | (() => Promise<Anthropic>);

export const clientOf = (source: ClientSource): Promise<Anthropic> => (typeof source === 'function' ? source() : Promise.resolve(source));

/** Loads the SDK and makes the client at the first call; later calls share it (a failed load is tried again). */
export function lazyClient(options: ClientOptions): () => Promise<Anthropic> {
	let client: Promise<Anthropic> | undefined;
	return () =>
		(client ??= import('@anthropic-ai/sdk').then(
			({ default: Sdk }) => new Sdk(options),
			(err: unknown) => {
				client = undefined;
				throw err;
			}
		));
}
