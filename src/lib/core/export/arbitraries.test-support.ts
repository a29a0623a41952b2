// fast-check generators of valid sessions and their messages, for the export property tests.
import fc from 'fast-check';
import { newId } from '../ids';
import { MESSAGE_KINDS, MESSAGE_STATES, type Message } from '../model';
import { PERMISSION_MODES } from '../tools';
import type { ExportedSession, SessionExport } from './format';

const millis = fc.integer({ min: 0, max: 4_000_000_000_000 });
const id = fc.constant(null).map(() => newId());

const session: fc.Arbitrary<ExportedSession> = fc.record(
	{
		id,
		title: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() === t && t.length > 0),
		createdAt: millis,
		updatedAt: millis,
		status: fc.constantFrom('active', 'ended'),
		model: fc.constantFrom('claude-sonnet-5-5', 'claude-opus-5'),
		workspace: fc.constantFrom('/home/me/app', '/srv/x y'),
		permissionMode: fc.constantFrom(...PERMISSION_MODES)
	},
	{ requiredKeys: ['id', 'title', 'createdAt', 'updatedAt', 'status', 'model'] }
);

const meta = fc.record(
	{
		model: fc.string({ maxLength: 20 }),
		toolName: fc.constantFrom('read', 'write', 'edit'),
		toolUseId: fc.string({ minLength: 1, maxLength: 20 }),
		// What JSON can carry: -0 has no JSON spelling, so it is normalised away as any export would.
		toolInput: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
		isError: fc.boolean(),
		durationMs: fc.nat(),
		usage: fc.record({ inputTokens: fc.nat(), outputTokens: fc.nat(), cacheReadTokens: fc.nat(), cacheWriteTokens: fc.nat() }),
		changes: fc.array(fc.record({ path: fc.constant('src/a.ts'), before: fc.option(fc.string()), after: fc.string(), patch: fc.string() }), { maxLength: 2 })
	},
	{ requiredKeys: [] }
);

type Draft = Omit<Message, 'sessionId' | 'meta'> & { meta: Message['meta'] };

const message: fc.Arbitrary<Draft> = fc.record({
	id,
	kind: fc.constantFrom(...MESSAGE_KINDS),
	text: fc.string({ maxLength: 200 }),
	state: fc.constantFrom(...MESSAGE_STATES),
	createdAt: millis,
	updatedAt: millis,
	meta
});

/** A session whose replies point at earlier prompts (replyTo), as real ones do. */
export const sessionExport: fc.Arbitrary<SessionExport> = fc
	.tuple(session, fc.array(message, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }))
	.map(([s, messages, links]) => ({
		session: s,
		messages: messages.map((m, i) => {
			const target = i > 0 && links[i] !== undefined ? messages[links[i]! % i]! : undefined;
			return target ? { ...m, meta: { ...m.meta, replyTo: target.id } } : m;
		})
	}));
