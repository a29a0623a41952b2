// Writes an engine's events into the session document: assistant text through the TextBatcher, one
// tool_call message per tool use (updated as its input arrives), tool results with their changes,
// notes, failures with a remedy, agent facts. Every reply it opens or closes is reported to the turn
// machine, which closes whatever is still open when the turn ends.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import type { MessageMeta } from '../../../src/lib/core/model';
import type { DocTurn } from '../../../src/lib/core/turn-doc';
import { appendMessage, messageState, patchMessage, writeAgentInfo, type YMessage } from '../../../src/lib/core/ydoc';
import type { EngineEvent } from './engine';
import { describeFailure } from './errors';
import { loggableError } from './redact';
import { TextBatcher } from './text-batcher';
import { toolResultMessage } from './tool-result';
import type { TurnMetrics } from '../metrics';

export interface WriterContext {
	doc: Y.Doc;
	turn: DocTurn;
	tenant: string;
	sessionId: string;
	model: string;
	flushMs: number;
	requestTimeoutMs: number;
	/** Redacted from what a failure stores and logs. */
	secrets: readonly string[];
	log: Logger;
	now: () => number;
	metrics?: TurnMetrics;
}

export class TurnWriter {
	readonly #replies = new Map<string, { ymap: YMessage; batcher: TextBatcher }>();
	readonly #calls = new Map<string, YMessage>();
	/** Replies already ended, for meta that arrives later (Claude Code's turn duration and stop reason). */
	readonly #ended = new Map<string, YMessage>();
	#failed = false;

	constructor(private readonly ctx: WriterContext) {}

	get failed(): boolean {
		return this.#failed;
	}

	write(event: EngineEvent): void {
		switch (event.type) {
			case 'reply-start': {
				this.#flushAll();
				const ymap = this.#append('assistant', 'streaming', event.meta);
				this.#replies.set(event.key, { ymap, batcher: new TextBatcher(this.ctx.doc, ymap, this.ctx.flushMs) });
				return;
			}
			case 'text':
				this.#replies.get(event.key)?.batcher.push(event.delta);
				return;
			case 'reply-end': {
				const reply = this.#replies.get(event.key);
				const ended = this.#ended.get(event.key);
				if (!reply) return void (ended && event.meta && patchMessage(ended, { meta: event.meta }, this.ctx.now()));
				this.#replies.delete(event.key);
				this.#ended.set(event.key, reply.ymap);
				reply.batcher.flush(() => this.#close(reply.ymap, event.state, event.meta));
				return;
			}
			case 'tool-call':
				return this.#toolCall(event);
			case 'tool-result': {
				const call = this.#calls.get(event.toolUseId);
				if (call) this.#close(call, event.stopped ? 'interrupted' : 'done');
				const { promptId } = this.ctx.turn;
				const message = toolResultMessage({ id: event.toolUseId, name: event.name, input: undefined }, event.outcome, { promptId, stopped: event.stopped, now: this.ctx.now() });
				appendMessage(this.ctx.doc, { ...message, meta: { ...message.meta, ...event.meta } });
				return;
			}
			case 'note':
				this.#append('system', 'done', event.meta, event.text);
				return;
			case 'failure':
				return this.#failure(event.error, event.requestId);
			case 'agent':
				writeAgentInfo(this.ctx.doc, event.info);
				return;
		}
	}

	/** An error the engine threw rather than reported. */
	fail(error: unknown): void {
		this.#failure(error);
	}

	/** Writes what is still buffered; the turn machine closes what is still open. */
	flush(): void {
		this.#flushAll();
	}

	#toolCall(event: Extract<EngineEvent, { type: 'tool-call' }>): void {
		this.#flushAll();
		const meta: MessageMeta = { ...event.meta, ...(event.input !== undefined ? { toolInput: event.input } : {}) };
		const existing = this.#calls.get(event.toolUseId);
		if (!existing) {
			const ymap = this.#append('tool_call', event.state, { toolName: event.name, toolUseId: event.toolUseId, ...meta });
			this.#calls.set(event.toolUseId, ymap);
			if (event.state === 'streaming') this.ctx.turn.apply({ type: 'reply-open' });
			return;
		}
		if (event.state === 'streaming') return void patchMessage(existing, { meta }, this.ctx.now());
		this.#close(existing, event.state, meta);
	}

	#append(kind: 'assistant' | 'tool_call' | 'system', state: 'streaming' | 'done' | 'interrupted', meta: MessageMeta = {}, text = ''): YMessage {
		const now = this.ctx.now();
		const ymap = appendMessage(this.ctx.doc, { id: newId(now), kind, text, state, createdAt: now, meta: { replyTo: this.ctx.turn.promptId, ...meta } });
		if (kind === 'assistant' && state === 'streaming') this.ctx.turn.apply({ type: 'reply-open' });
		return ymap;
	}

	#close(ymap: YMessage, state: 'done' | 'interrupted' | 'error', meta?: MessageMeta): void {
		const wasStreaming = messageState(ymap) === 'streaming';
		patchMessage(ymap, { state: wasStreaming ? state : messageState(ymap), ...(meta ? { meta } : {}) }, this.ctx.now());
		if (wasStreaming) this.ctx.turn.apply({ type: 'reply-close', state });
	}

	#flushAll(): void {
		for (const { batcher } of this.#replies.values()) batcher.flush();
	}

	#failure(error: unknown, requestId?: string): void {
		this.#failed = true;
		this.#flushAll();
		const { tenant, sessionId, model, secrets, log, now } = this.ctx;
		const logId = randomBytes(6).toString('hex');
		const failure = describeFailure(error, { model, requestTimeoutMs: this.ctx.requestTimeoutMs, secrets });
		this.ctx.metrics?.upstreamErrors.inc({ reason: failure.reason });
		log.error({ err: loggableError(error, secrets), logId, requestId, reason: failure.reason, tenant, sessionId, promptId: this.ctx.turn.promptId, model }, 'Claude turn failed');
		appendMessage(this.ctx.doc, {
			id: newId(now()),
			kind: 'error',
			text: `${failure.message} (Reference: ${logId})`,
			state: 'done',
			createdAt: now(),
			meta: { replyTo: this.ctx.turn.promptId, error: failure, logId, model, ...(requestId ? { requestId } : {}) }
		});
	}
}
