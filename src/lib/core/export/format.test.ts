import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, ExportFileSchema, exportFile, exportOf, MAX_IMPORT_BYTES, parseExportFile } from './format';
import { planImport } from './plan';
import { sessionExport } from './arbitraries.test-support';

const SETTLED_STATES = new Set(['done', 'interrupted', 'error']);

describe('export file', () => {
	it('round-trips: export → JSON → parse gives back the same sessions and messages', () => {
		fc.assert(
			fc.property(fc.array(sessionExport, { maxLength: 4 }), (sessions) => {
				const file = ExportFileSchema.parse(exportFile(sessions, 1_700_000_000_000));
				const parsed = parseExportFile(JSON.stringify(file));
				expect(parsed).toEqual({ ok: true, file });
			}),
			{ numRuns: 150 }
		);
	});

	it('imports under new ids and re-exports the same content, with links between messages kept', () => {
		fc.assert(
			fc.property(fc.array(sessionExport, { minLength: 1, maxLength: 3 }), (sessions) => {
				const file = ExportFileSchema.parse(exportFile(sessions));
				const planned = planImport(file, 5_000_000_000_000);
				planned.forEach(({ session, messages }, i) => {
					const original = file.sessions[i]!;
					expect(session.id).not.toBe(original.session.id);
					expect(session.title).toBe(original.session.title);
					const again = exportOf(session, messages);
					expect(again.messages.map((m) => [m.kind, m.text, m.createdAt])).toEqual(
						original.messages.map((m) => [m.kind, m.text, m.createdAt])
					);
					const position = new Map(messages.map((m, at) => [m.id, at]));
					const originalPosition = new Map(original.messages.map((m, at) => [m.id, at]));
					messages.forEach((m, at) => {
						expect(originalPosition.has(m.id)).toBe(false);
						expect(m.sessionId).toBe(session.id);
						expect(SETTLED_STATES.has(m.state)).toBe(true);
						const before = original.messages[at]!.meta.replyTo;
						expect(m.meta.replyTo === undefined ? undefined : position.get(m.meta.replyTo)).toBe(
							before === undefined ? undefined : originalPosition.get(before)
						);
					});
				});
			}),
			{ numRuns: 150 }
		);
	});

	it('leaves nothing for the server to run: queued prompts count as sent, pending approvals are cancelled', () => {
		const file = exportFile([
			{
				session: { id: 's1', title: 'T', createdAt: 1, updatedAt: 2, status: 'active', model: 'm' },
				messages: [
					{ id: 'p1', kind: 'user', text: 'go', state: 'queued', createdAt: 1, updatedAt: 1, meta: { waitReason: 'limit' } },
					{ id: 'a1', kind: 'assistant', text: 'hal', state: 'streaming', createdAt: 2, updatedAt: 2, meta: { replyTo: 'p1' } },
					{ id: 't1', kind: 'tool_call', text: '', state: 'done', createdAt: 3, updatedAt: 3, meta: { approval: { state: 'pending' } } }
				]
			}
		]);
		const [planned] = planImport(file, 10);
		expect(planned!.messages.map((m) => m.state)).toEqual(['done', 'interrupted', 'done']);
		expect(planned!.messages[0]!.meta).toEqual({});
		expect(planned!.messages[2]!.meta.approval?.state).toBe('cancelled');
	});
});

describe('hostile or damaged import files', () => {
	const valid = exportFile([{ session: { id: 's1', title: 'T', createdAt: 1, updatedAt: 2, status: 'active', model: 'm' }, messages: [] }]);
	const reasonOf = (text: string, bytes?: number) => {
		const result = parseExportFile(text, bytes);
		return result.ok ? 'ok' : result.error.reason;
	};
	const withSession = (patch: object) => JSON.stringify({ ...valid, sessions: [{ ...valid.sessions[0], ...patch }] });

	it.each([
		['not JSON', 'PK\u0003\u0004 zip bytes', 'import-not-json'],
		['an empty file', '', 'import-not-json'],
		['JSON of another app', '{"conversations": []}', 'import-wrong-format'],
		['a bare array', '[]', 'import-wrong-format'],
		['null', 'null', 'import-wrong-format'],
		['a future version', JSON.stringify({ ...valid, version: 2 }), 'import-wrong-format'],
		['an unknown top-level field', JSON.stringify({ ...valid, run: 'rm -rf /' }), 'import-invalid'],
		['a session id that is a path', withSession({ session: { ...valid.sessions[0]!.session, id: '../../index' } }), 'import-invalid'],
		['a message of an unknown kind', withSession({ messages: [{ id: 'm', kind: 'html', text: '<script>', state: 'done', createdAt: 1, updatedAt: 1, meta: {} }] }), 'import-invalid'],
		['two messages with one id', withSession({ messages: [1, 2].map((n) => ({ id: 'm', kind: 'user', text: `${n}`, state: 'done', createdAt: 1, updatedAt: 1, meta: {} })) }), 'import-invalid'],
		['a 300-character title', withSession({ session: { ...valid.sessions[0]!.session, title: 'x'.repeat(300) } }), 'import-invalid'],
		['a prototype key', JSON.stringify(valid).replace('"sessions"', '"__proto__":{"polluted":true},"sessions"'), 'import-invalid'],
		['deep nesting', '['.repeat(200_000) + ']'.repeat(200_000), 'import-wrong-format']
	])('refuses %s with a reason', (_name, text, reason) => {
		expect(reasonOf(text)).toBe(reason);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses a file over the size limit before reading it', () => {
		expect(reasonOf('{}', MAX_IMPORT_BYTES + 1)).toBe('import-too-large');
	});

	it('accepts the documented minimal file', () => {
		expect(reasonOf(JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: 0, sessions: [] }))).toBe('ok');
	});
});
