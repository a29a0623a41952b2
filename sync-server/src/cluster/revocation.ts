// A revoked device is cut off on every instance: the revoking instance closes its own sockets and
// tells the others, which close theirs. A message lost to a Redis outage is covered by the store:
// the token is gone, so the device cannot open a new socket anywhere.
import type { Channels } from './channels';

const CHANNEL = 'revoke';

export function shareRevocations(channels: Channels, closeLocal: (tokenHash: string) => void) {
	const subscribed = channels.subscribe(CHANNEL, (message) => closeLocal(new TextDecoder().decode(message)));
	return {
		subscribed,
		revoked(tokenHash: string): void {
			closeLocal(tokenHash);
			channels.publish(CHANNEL, new TextEncoder().encode(tokenHash));
		}
	};
}
