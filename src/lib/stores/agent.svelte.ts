// What the server knows of a session's Claude Code agent (the session doc's `agent` map: slash commands,
// MCP servers, version), live for an open session. Read from the Y.Doc itself: the doc is held open by
// the session's tab and kept on the device, so this works offline too, without a mirror table. Opened
// once the browser is idle: nothing of it is needed for the session's first paint.
import type { AgentInfo } from '$lib/core/model';
import { sessionDocName } from '$lib/core/docnames';
import { agentMap, readAgentInfo } from '$lib/core/ydoc';
import type { DocRegistry } from '$lib/docs/registry';
import { whenIdle } from './idle';

export class AgentInfoState {
	current = $state<AgentInfo>({});
	#stop = () => {};
	#closed = false;

	constructor(registry: () => Promise<DocRegistry>, sessionId: string) {
		whenIdle(() => {
			if (this.#closed) return;
			this.#follow(registry(), sessionDocName(sessionId)).catch((error) => console.error('agent-info-open-failed', error));
		});
	}

	async #follow(loading: Promise<DocRegistry>, name: string): Promise<void> {
		const registry = await loading;
		const doc = await registry.open(name);
		if (this.#closed) return registry.release(name);
		const map = agentMap(doc);
		const read = () => (this.current = readAgentInfo(doc));
		map.observe(read);
		read();
		this.#stop = () => {
			map.unobserve(read);
			registry.release(name);
		};
	}

	close(): void {
		this.#closed = true;
		this.#stop();
	}
}
