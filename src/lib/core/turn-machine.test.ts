import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocTurn, recoverTurns } from './turn-doc';
import { QUEUED, retryable, transition, type TurnEffect, type TurnEvent, type TurnState } from './turn-machine';
import { canRetry, requestStop, turnOutcome } from './turns';
import { newId } from './ids';
import { appendMessage, listMessages, messagesArray, messageState, patchMessage } from './ydoc';

const replyEnd = fc.constantFrom('done' as const, 'interrupted' as const, 'error' as const);
const event: fc.Arbitrary<TurnEvent> = fc.oneof(
	fc.record({ type: fc.constant('start' as const), sessionEnded: fc.boolean(), stopRequested: fc.boolean() }),
	fc.constant({ type: 'reply-open' as const }),
	fc.record({ type: fc.constant('reply-close' as const), state: replyEnd }),
	fc.record({ type: fc.constant('end' as const), outcome: replyEnd, stopRequested: fc.boolean() }),
	fc.constant({ type: 'lost' as const })
);

const RANK = { queued: 0, running: 1, ended: 2 } as const;

/** Runs events from QUEUED, skipping illegal ones, and collects every accepted step. */
function play(events: TurnEvent[]) {
	let state: TurnState = QUEUED;
	const steps: Array<{ from: TurnState; event: TurnEvent; to: TurnState; effects: TurnEffect[] }> = [];
	for (const e of events) {
		const next = transition(state, e);
		if (!next.ok) continue;
		steps.push({ from: state, event: e, to: next.state, effects: next.effects });
		state = next.state;
	}
	return { state, steps, effects: steps.flatMap((s) => s.effects) };
}

describe('turn machine', () => {
	it('never moves a turn backwards, and an ended turn stays as it ended', () => {
		fc.assert(
			fc.property(fc.array(event, { maxLength: 30 }), (events) => {
				const { steps } = play(events);
				for (const { from, to } of steps) {
					expect(RANK[to.phase]).toBeGreaterThanOrEqual(RANK[from.phase]);
					if (from.phase === 'ended') expect(to).toEqual(from);
				}
			})
		);
	});

	it('marks the prompt running at most once and done exactly once when the turn ends, never before it runs', () => {
		fc.assert(
			fc.property(fc.array(event, { maxLength: 30 }), (events) => {
				const { state, effects } = play(events);
				const marks = effects.flatMap((e) => (e.type === 'prompt' ? [e.state] : []));
				if (state.phase === 'queued') expect(marks).toEqual([]);
				if (state.phase === 'running') expect(marks).toEqual(['running']);
				if (state.phase === 'ended') expect(marks.at(-1)).toBe('done');
				expect(marks.filter((m) => m === 'done').length).toBeLessThanOrEqual(1);
			})
		);
	});

	it('leaves no reply streaming once a turn ends, and a cut turn always has an interrupted reply', () => {
		fc.assert(
			fc.property(fc.array(event, { maxLength: 30 }), (events) => {
				const { state, steps } = play(events);
				if (state.phase !== 'ended') return;
				let streaming = 0;
				let interrupted = false;
				for (const { event: e, effects } of steps) {
					if (e.type === 'reply-open') streaming++;
					if (e.type === 'reply-close') {
						streaming--;
						interrupted ||= e.state === 'interrupted';
					}
					for (const effect of effects) {
						if (effect.type === 'close-replies') {
							streaming = 0;
							interrupted ||= effect.state === 'interrupted';
						}
						if (effect.type === 'interrupted-reply') interrupted = true;
					}
					expect(streaming).toBeGreaterThanOrEqual(0);
				}
				expect(streaming).toBe(0);
				if (state.outcome === 'interrupted') expect(interrupted).toBe(true);
			})
		);
	});

	it('refuses a prompt of an ended session without running it, and a stop before start cuts it', () => {
		expect(transition(QUEUED, { type: 'start', sessionEnded: true, stopRequested: true })).toMatchObject({
			ok: true,
			state: { phase: 'ended', outcome: 'refused' },
			effects: [{ type: 'prompt', state: 'done' }, { type: 'refusal-note' }]
		});
		expect(transition(QUEUED, { type: 'start', sessionEnded: false, stopRequested: true })).toMatchObject({ state: { phase: 'ended', outcome: 'interrupted' } });
		expect(transition(QUEUED, { type: 'end', outcome: 'done', stopRequested: false })).toEqual({ ok: false, reason: 'illegal-transition' });
		expect([retryable('interrupted'), retryable('error'), retryable('done'), retryable('refused')]).toEqual([true, true, false, false]);
	});
});

describe('turns in a session document', () => {
	/** Mirrors what a writer does for reply events, so the doc holds the replies the machine counts. */
	function drive(doc: Y.Doc, turn: DocTurn, e: TurnEvent): void {
		if (!turn.apply(e)) return;
		if (e.type === 'reply-open') {
			appendMessage(doc, { id: newId(), kind: 'assistant', text: 'part', state: 'streaming', createdAt: 1, meta: { replyTo: turn.promptId } });
		} else if (e.type === 'reply-close') {
			const open = messagesArray(doc).toArray().find((m) => messageState(m) === 'streaming');
			if (open) patchMessage(open, { state: e.state });
		}
	}

	it('ends every run of events (then a restart) with the prompt done, nothing streaming, and Retry where it was cut', () => {
		fc.assert(
			fc.property(fc.array(event, { maxLength: 20 }), fc.boolean(), (events, restart) => {
				const doc = new Y.Doc();
				const prompt = appendMessage(doc, { id: newId(), kind: 'user', text: 'go', state: 'queued', createdAt: 1, meta: {} });
				const turn = new DocTurn(doc, prompt, () => 5);
				for (const e of events) drive(doc, turn, e);
				if (restart) recoverTurns(doc, () => 6);
				else drive(doc, turn, { type: 'lost' });
				const messages = listMessages(doc, 's');
				const [first] = messages;
				if (turn.state.phase === 'queued') {
					// Nobody ran it: it still waits for the next runner, restart or not.
					expect(first.state).toBe('queued');
					return;
				}
				expect(first.state).toBe('done');
				expect(messages.some((m) => m.state === 'streaming')).toBe(false);
				const outcome = turnOutcome(messages, first);
				if (outcome === 'interrupted') expect(canRetry(messages, first)).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});

	it('a stop requested before the turn started cuts it and clears the request', () => {
		const doc = new Y.Doc();
		const prompt = appendMessage(doc, { id: newId(), kind: 'user', text: 'go', state: 'queued', createdAt: 1, meta: {} });
		const turn = new DocTurn(doc, prompt);
		requestStop(doc, turn.promptId);
		turn.apply({ type: 'start', sessionEnded: false, stopRequested: true });
		const messages = listMessages(doc, 's');
		expect(messages.map((m) => [m.kind, m.state])).toEqual([
			['user', 'done'],
			['assistant', 'interrupted']
		]);
		expect(messages[1].meta.stopped).toBe(true);
		expect(doc.getMap('control').size).toBe(0);
	});

	it('a reply cut by Stop reads as stopped; one cut by a shutdown or a restart does not', () => {
		const cut = (end: (doc: Y.Doc, turn: DocTurn) => void) => {
			const doc = new Y.Doc();
			const prompt = appendMessage(doc, { id: newId(), kind: 'user', text: 'go', state: 'queued', createdAt: 1, meta: {} });
			const turn = new DocTurn(doc, prompt);
			drive(doc, turn, { type: 'start', sessionEnded: false, stopRequested: false });
			drive(doc, turn, { type: 'reply-open' });
			drive(doc, turn, { type: 'reply-close', state: 'interrupted' });
			end(doc, turn);
			return listMessages(doc, 's').filter((m) => m.kind === 'assistant');
		};
		const stopped = cut((doc, turn) => {
			requestStop(doc, turn.promptId);
			turn.apply({ type: 'end', outcome: 'interrupted', stopRequested: true });
		});
		expect(stopped.map((m) => [m.text, m.state, m.meta.stopped])).toEqual([['part', 'interrupted', true]]);
		const shutdown = cut((_, turn) => turn.apply({ type: 'end', outcome: 'interrupted', stopRequested: false }));
		expect(shutdown.map((m) => [m.state, m.meta.stopped])).toEqual([['interrupted', undefined]]);
		const restart = cut((doc) => recoverTurns(doc));
		expect(restart.map((m) => [m.state, m.meta.stopped])).toEqual([['interrupted', undefined]]);
	});
});
