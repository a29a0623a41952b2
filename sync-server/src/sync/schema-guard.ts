// The server's check of what it stores against the document schema in the core (model.ts, ydoc.ts):
// only the entries a client's update touched are read back. An index update is tried on a scratch copy
// and refused whole; a session update is applied and what it broke is repaired at once (see below). A
// stored document loaded with broken entries has them set aside in its `quarantine` map, so the list and
// the runner see every good entry and an operator can still read what was moved.
import * as Y from 'yjs';
import { parseDocName } from '../../../src/lib/core/docnames';
import { isId } from '../../../src/lib/core/ids';
import { messagesArray, readMessage, readSession, sessionsMap } from '../../../src/lib/core/ydoc';
import { insertedInto } from './inserted';

export type SchemaCheck = { ok: true } | { ok: false; reason: 'invalid-update'; message: string };

const quarantineMap = (doc: Y.Doc) => doc.getMap<string>('quarantine');

/**
 * The child of `container` that `type` sits in (itself when it is one); null when outside it. The container
 * is only compared by identity (Y's type parameters keep a YMap<unknown> from being an AbstractType<unknown>).
 */
function childOf(type: Y.AbstractType<unknown>, container: object): Y.AbstractType<unknown> | null {
	let node: Y.AbstractType<unknown> | null = type;
	while (node && node.parent !== container) node = node.parent as Y.AbstractType<unknown> | null;
	return node;
}

function sessionProblem(map: Y.Map<unknown>, key: string): string | null {
	const value = map.get(key);
	if (value === undefined) return null;
	return readSession(value)?.id === key ? null : `index entry ${key.slice(0, 40)} is not a valid session`;
}

/** What `update` would break in the tenant's index; applied to a scratch copy (the index is small), never to `doc`. */
export function checkIndexUpdate(doc: Y.Doc, update: Uint8Array): SchemaCheck {
	const scratch = new Y.Doc();
	const problems: string[] = [];
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
		const map = sessionsMap(scratch) as Y.Map<unknown>;
		const touched = new Set<string>();
		map.observeDeep((events) => {
			for (const event of events) {
				if (event.target === map) for (const key of event.changes.keys.keys()) touched.add(key);
				else {
					const key = childOf(event.target, map)?._item?.parentSub;
					if (key) touched.add(key);
				}
			}
		});
		Y.applyUpdate(scratch, update);
		for (const key of touched) {
			const problem = sessionProblem(map, key);
			if (problem) problems.push(problem);
		}
	} finally {
		scratch.destroy();
	}
	return verdict(problems);
}

/**
 * Applies a client's update to a session document (too large to copy per update), then repairs in the
 * same tick what it broke, before the runner looks (it looks in a microtask): a message field set to a
 * value the schema refuses gets its old value back, and a new element that is not a message is moved to
 * the quarantine. An update that removes a message is refused before it is applied.
 */
export function applySessionUpdate(doc: Y.Doc, sessionId: string, update: Uint8Array, origin: unknown): SchemaCheck {
	const array = messagesArray(doc) as Y.Array<unknown>;
	if (removesMessage(doc, array, update)) return verdict(['messages are never removed from a session']);
	const added = new Set<unknown>();
	const oldValues = new Map<Y.Map<unknown>, Map<string, unknown>>();
	const touched = new Set<unknown>();
	const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
		if (transaction.origin !== origin) return;
		for (const event of events) {
			if (event.target === array) {
				for (const value of insertedInto(array, transaction)) added.add(value);
				continue;
			}
			const owner = childOf(event.target, array);
			touched.add(owner);
			if (owner !== event.target || !(owner instanceof Y.Map)) continue;
			const old = oldValues.get(owner) ?? new Map<string, unknown>();
			for (const [key, change] of event.changes.keys) if (!old.has(key)) old.set(key, change.oldValue);
			oldValues.set(owner, old);
		}
	};
	array.observeDeep(observer);
	try {
		Y.applyUpdate(doc, update, origin);
	} finally {
		array.unobserveDeep(observer);
	}
	const problems: string[] = [];
	const broken = [...added, ...touched].filter((value) => !readMessage(value, sessionId));
	if (broken.length === 0) return verdict(problems);
	doc.transact(() => {
		for (const value of broken) {
			const at = array.toArray().indexOf(value);
			if (at === -1) continue;
			problems.push(`message at position ${at} is not a valid message`);
			const old = value instanceof Y.Map && !added.has(value) ? oldValues.get(value) : undefined;
			for (const [key, before] of old ?? []) {
				if (before === undefined || before instanceof Y.AbstractType) continue;
				(value as Y.Map<unknown>).set(key, before);
			}
			if (!readMessage(value, sessionId)) quarantineAt(doc, array, at);
		}
	}, REPAIR);
	return verdict(problems);
}

/** Whether the update's delete set covers a live element of the messages array (looked up, not applied). */
function removesMessage(doc: Y.Doc, array: Y.Array<unknown>, update: Uint8Array): boolean {
	for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
		for (const { clock, len } of ranges) {
			for (let at = clock; at < clock + len; ) {
				let struct: Y.Item;
				try {
					struct = Y.getItem(doc.store, Y.createID(client, at));
				} catch {
					break;
				}
				if (struct instanceof Y.Item && struct.parent === array && !struct.deleted) return true;
				at = struct.id.clock + struct.length;
			}
		}
	}
	return false;
}

/** Origin of the server's own repairs and quarantine moves: stored and broadcast like any edit. */
const REPAIR = Symbol('schema-repair');

function verdict(problems: string[]): SchemaCheck {
	if (problems.length === 0) return { ok: true };
	return { ok: false, reason: 'invalid-update', message: problems.slice(0, 3).join('; ') };
}

function keep(doc: Y.Doc, key: string, value: unknown): void {
	const raw = value instanceof Y.AbstractType ? value.toJSON() : value;
	quarantineMap(doc).set(key, JSON.stringify(raw ?? null));
}

function quarantineAt(doc: Y.Doc, array: Y.Array<unknown>, at: number): string {
	const value = array.get(at);
	const id = value instanceof Y.Map ? value.get('id') : undefined;
	const key = `messages/${typeof id === 'string' && isId(id) ? id : `position-${at}`}`;
	keep(doc, key, value);
	array.delete(at, 1);
	return key;
}

/** Moves every entry of a loaded document that breaks the schema into its `quarantine` map; returns what moved. */
export function quarantineInvalid(doc: Y.Doc, name: string): string[] {
	const parsed = parseDocName(name);
	const moved: string[] = [];
	doc.transact(() => {
		if (parsed?.kind === 'index') {
			const map = sessionsMap(doc) as Y.Map<unknown>;
			for (const key of [...map.keys()]) {
				if (!sessionProblem(map, key)) continue;
				keep(doc, `sessions/${key}`, map.get(key));
				map.delete(key);
				moved.push(`sessions/${key}`);
			}
		} else if (parsed?.kind === 'session') {
			const array = messagesArray(doc) as Y.Array<unknown>;
			const values = array.toArray();
			for (let at = values.length - 1; at >= 0; at--) {
				if (!readMessage(values[at], parsed.sessionId)) moved.push(quarantineAt(doc, array, at));
			}
		}
	}, REPAIR);
	return moved;
}
