// Messages that read like a coding session, for the search bench: prompts, replies and tool calls built
// from a fixed vocabulary by a seeded generator, so every run searches the same 100,000 messages.
import { newId } from '../../src/lib/core/ids';
import type { NewMessage } from '../../src/lib/core/ydoc';

const WORDS = (
	'the a to of and in is it for on that this with as be by at from or an are was not but can will we you ' +
	'parser token lexer socket handshake timeout retry cache index query render stream buffer queue worker ' +
	'session prompt reply model tool config schema migration database table column row commit branch merge ' +
	'rebase conflict diff patch test fixture mock assert coverage build bundle chunk import export module ' +
	'function class method field type interface generic promise async await error exception stack trace log ' +
	'metric latency throughput memory leak allocation garbage collector thread lock mutex channel signal ' +
	'request response header body status cookie token session auth login logout password hash salt key ' +
	'deploy release version changelog rollback feature flag experiment dashboard chart layout style theme'
).split(' ');
const FILES = ['src/lib/parser.ts', 'src/server/socket.ts', 'tests/login.spec.ts', 'package.json', 'README.md', 'src/db/migrations/004.sql'];

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Rarer words after the common ones, as in real text: word frequency falls with rank (Zipf's law). */
const RARE = Array.from({ length: 4000 }, (_, i) => `w${(i * 7919).toString(36)}`);
const LEXICON = [...WORDS, ...RARE];

export const VOCABULARY = WORDS;

export function corpusMaker(seed = 1) {
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	// Rank r drawn with probability about 1/r.
	const zipf = () => LEXICON[Math.min(LEXICON.length - 1, Math.floor(Math.exp(next() * Math.log(LEXICON.length + 1))) - 1)]!;
	const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');
	return (count: number, start: number): NewMessage[] =>
		Array.from({ length: count }, (_, i) => {
			const createdAt = start + i * 1000;
			const id = newId(createdAt);
			switch (i % 4) {
				case 0:
					return { id, kind: 'user', text: `${sentence(6 + Math.floor(next() * 12))}?`, state: 'done', createdAt, meta: {} };
				case 1:
					return { id, kind: 'tool_call', text: '', state: 'done', createdAt, meta: { toolName: 'read', toolInput: { path: pick(FILES) } } };
				case 2:
					return { id, kind: 'tool_result', text: sentence(10 + Math.floor(next() * 30)), state: 'done', createdAt, meta: {} };
				default:
					return { id, kind: 'assistant', text: `${sentence(20 + Math.floor(next() * 60))}.`, state: 'done', createdAt, meta: {} };
			}
		});
}
