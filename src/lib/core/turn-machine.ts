// The turn's lifecycle, once, as a pure state machine every engine's turns go through: a prompt is
// queued → running → ended; the replies it streams end done | interrupted | error; an ended session
// refuses; a cut-off turn always leaves an interrupted reply (that is what shows it and offers Retry).
// `transition` decides; `turn-doc.ts` carries its effects out on the session document.

export type TurnOutcome = 'done' | 'interrupted' | 'error' | 'refused';

export type TurnState =
	| { phase: 'queued' }
	/** `streaming`: replies open now; `cut`: an interrupted reply exists already. */
	| { phase: 'running'; streaming: number; cut: boolean }
	| { phase: 'ended'; outcome: TurnOutcome };

export type ReplyEnd = 'done' | 'interrupted' | 'error';

export type TurnEvent =
	/** The runner picks the prompt up: it runs unless its session ended or a Stop came first. */
	| { type: 'start'; sessionEnded: boolean; stopRequested: boolean }
	| { type: 'reply-open' }
	| { type: 'reply-close'; state: ReplyEnd }
	/** The engine finished (done), was cut (interrupted: someone's Stop when requested, else a shutdown) or failed (error). */
	| { type: 'end'; outcome: ReplyEnd; stopRequested: boolean }
	/** No live process runs this turn any more (a restart): a queued prompt waits, a running one is cut. */
	| { type: 'lost' };

export type TurnEffect =
	| { type: 'prompt'; state: 'running' | 'done' }
	/** Replies still streaming take this state. */
	| { type: 'close-replies'; state: ReplyEnd }
	| { type: 'interrupted-reply' }
	/** The turn's interrupted replies were cut by someone's Stop (not a restart or shutdown): they read "stopped". */
	| { type: 'mark-stopped' }
	| { type: 'refusal-note' }
	| { type: 'clear-stop' };

export type Transition = { ok: true; state: TurnState; effects: TurnEffect[] } | { ok: false; reason: 'illegal-transition' };

export const QUEUED: TurnState = { phase: 'queued' };

const ok = (state: TurnState, effects: TurnEffect[] = []): Transition => ({ ok: true, state, effects });
const illegal: Transition = { ok: false, reason: 'illegal-transition' };

function end(streaming: number, cut: boolean, outcome: ReplyEnd, stopped = false): Transition {
	const effects: TurnEffect[] = [];
	if (streaming > 0) effects.push({ type: 'close-replies', state: outcome });
	const cutNow = cut || (streaming > 0 && outcome === 'interrupted');
	if (outcome === 'interrupted' && !cutNow) effects.push({ type: 'interrupted-reply' });
	if (outcome === 'interrupted' && stopped) effects.push({ type: 'mark-stopped' });
	effects.push({ type: 'prompt', state: 'done' }, { type: 'clear-stop' });
	return ok({ phase: 'ended', outcome }, effects);
}

export function transition(state: TurnState, event: TurnEvent): Transition {
	switch (state.phase) {
		case 'queued':
			if (event.type === 'lost') return ok(state);
			if (event.type !== 'start') return illegal;
			// A prompt queued offline may reach the server after another device ended the session.
			if (event.sessionEnded) return ok({ phase: 'ended', outcome: 'refused' }, [{ type: 'prompt', state: 'done' }, { type: 'refusal-note' }]);
			if (event.stopRequested) {
				return ok({ phase: 'ended', outcome: 'interrupted' }, [{ type: 'prompt', state: 'done' }, { type: 'interrupted-reply' }, { type: 'mark-stopped' }, { type: 'clear-stop' }]);
			}
			return ok({ phase: 'running', streaming: 0, cut: false }, [{ type: 'prompt', state: 'running' }]);
		case 'running':
			switch (event.type) {
				case 'reply-open':
					return ok({ ...state, streaming: state.streaming + 1 });
				case 'reply-close':
					if (state.streaming === 0) return illegal;
					return ok({ ...state, streaming: state.streaming - 1, cut: state.cut || event.state === 'interrupted' });
				case 'end':
					return end(state.streaming, state.cut, event.outcome, event.stopRequested);
				case 'lost':
					return end(state.streaming, state.cut, 'interrupted');
				case 'start':
					return illegal;
			}
			return illegal;
		case 'ended':
			// Ended is final: only a restart's sweep may pass over it.
			return event.type === 'lost' ? ok(state) : illegal;
	}
}

/** A turn cut off or failed may run again (as a new queued prompt), once. */
export const retryable = (outcome: TurnOutcome | undefined) => outcome === 'interrupted' || outcome === 'error';
