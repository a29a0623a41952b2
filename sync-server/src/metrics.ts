// What an operator can see inside the server, in Prometheus format (prom-client): one registry per server,
// so several servers in one process (tests) never mix their figures. Gauges read their value when
// scraped; counters and histograms are fed where things happen (documents, the store, the runner).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
	sockets(): number;
	loadedDocuments(): number;
	loadedDocumentBytes(): number;
}

export function createMetrics() {
	const registry = new Registry();
	// Process memory, CPU, event loop lag, handles: prom-client's standard set.
	collectDefaultMetrics({ register: registry });
	let sources: MetricSources | null = null;
	const gauge = (name: string, help: string, read: (s: MetricSources) => number) =>
		new Gauge({
			name,
			help,
			registers: [registry],
			collect() {
				if (sources) this.set(read(sources));
			}
		});
	gauge('sync_sockets', 'Open sync WebSockets.', (s) => s.sockets());
	gauge('sync_loaded_documents', 'Documents loaded in memory.', (s) => s.loadedDocuments());
	gauge('sync_loaded_document_bytes', 'Encoded size of the loaded documents, as counted against LOADED_DOC_BUDGET_BYTES.', (s) => s.loadedDocumentBytes());
	return {
		registry,
		/** Called once the parts the gauges read exist. */
		observe(next: MetricSources) {
			sources = next;
		},
		updates: new Counter({ name: 'sync_updates_total', help: 'Document updates applied, by who made them.', labelNames: ['from'] as const, registers: [registry] }),
		storeSeconds: new Histogram({
			name: 'store_append_seconds',
			help: 'Time to make a batch of updates durable in the store.',
			buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
			registers: [registry]
		}),
		shed: new Counter({ name: 'sync_sockets_shed_total', help: 'Sockets closed to keep within a resource budget, by budget.', labelNames: ['budget'] as const, registers: [registry] }),
		turnsRunning: new Gauge({ name: 'turns_running', help: 'Claude turns running now.', registers: [registry] }),
		turnsQueued: new Gauge({ name: 'turns_queued', help: 'Sessions with prompts waiting for a turn (a tenant limit).', registers: [registry] }),
		agentProcesses: new Gauge({ name: 'agent_processes', help: 'Claude Code processes running now (at most MAX_AGENTS).', registers: [registry] }),
		agentPromptsWaiting: new Gauge({ name: 'agent_prompts_waiting', help: 'Prompts waiting for a Claude Code process slot (MAX_AGENTS reached).', registers: [registry] }),
		turnSeconds: new Histogram({
			name: 'turn_duration_seconds',
			help: 'Duration of Claude turns, from start to done, error or stop.',
			buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600],
			registers: [registry]
		}),
		upstreamErrors: new Counter({ name: 'upstream_errors_total', help: 'Failed Claude requests, by reason.', labelNames: ['reason'] as const, registers: [registry] })
	};
}

export type ServerMetrics = ReturnType<typeof createMetrics>;
/** The part the runner feeds. */
export type TurnMetrics = Pick<ServerMetrics, 'turnsRunning' | 'turnsQueued' | 'agentPromptsWaiting' | 'turnSeconds' | 'upstreamErrors'>;
/** The part the Claude Code engine feeds. */
export type AgentMetrics = Pick<ServerMetrics, 'agentProcesses'>;
