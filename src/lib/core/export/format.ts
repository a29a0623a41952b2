// The export file: one versioned JSON envelope for one session or every session (docs/export-format.md).
// Parsing never throws: a file that is not exactly this shape comes back as an error with a reason.
import { z } from '../zod';
import { MessageSchema, SessionSchema, type Message, type Session } from '../model';

export const EXPORT_FORMAT = 'session-runner/export';
export const EXPORT_VERSION = 1;
/** Larger files are refused before they are read: a phone's tab would run out of memory first. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_SESSIONS = 10_000;
export const MAX_IMPORT_MESSAGES = 200_000;

/** A message as exported: its session is the one it is listed under. */
export const ExportedMessageSchema = MessageSchema.omit({ sessionId: true }).strict();
export type ExportedMessage = z.infer<typeof ExportedMessageSchema>;

/** What runs on the server only (a pending approval flag) is not part of an export. */
export const ExportedSessionSchema = SessionSchema.omit({ awaitingApproval: true }).strict();
export type ExportedSession = z.infer<typeof ExportedSessionSchema>;

export const SessionExportSchema = z
	.object({
		session: ExportedSessionSchema,
		messages: z.array(ExportedMessageSchema).max(MAX_IMPORT_MESSAGES)
	})
	.strict()
	.refine((s) => new Set(s.messages.map((m) => m.id)).size === s.messages.length, {
		message: 'two messages share an id',
		path: ['messages']
	});
export type SessionExport = z.infer<typeof SessionExportSchema>;

export const ExportFileSchema = z
	.object({
		format: z.literal(EXPORT_FORMAT),
		version: z.literal(EXPORT_VERSION),
		exportedAt: z.number().int().nonnegative(),
		sessions: z.array(SessionExportSchema).max(MAX_IMPORT_SESSIONS)
	})
	.strict();
export type ExportFile = z.infer<typeof ExportFileSchema>;

export type ImportError = { reason: 'import-too-large' | 'import-not-json' | 'import-wrong-format' | 'import-invalid'; message: string };
export type ParseResult = { ok: true; file: ExportFile } | { ok: false; error: ImportError };

export function exportOf(session: Session, messages: Message[]): SessionExport {
	const { awaitingApproval: _server, ...kept } = session;
	return { session: kept, messages: messages.map(({ sessionId: _session, ...rest }) => rest) };
}

export function exportFile(sessions: SessionExport[], now = Date.now()): ExportFile {
	return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now, sessions };
}

const fail = (reason: ImportError['reason'], message: string): ParseResult => ({ ok: false, error: { reason, message } });

function describeIssue(issue: z.core.$ZodIssue): string {
	const where = issue.path.length ? issue.path.join('.') : 'the file';
	return `${where}: ${issue.message}`;
}

/** `byteLength`: the file's size, checked before its text is parsed. */
export function parseExportFile(text: string, byteLength = text.length): ParseResult {
	if (byteLength > MAX_IMPORT_BYTES) {
		return fail('import-too-large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return fail('import-not-json', 'The file is not JSON; choose a file made by "Export as JSON" or "Export everything".');
	}
	const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
	if (!head.success || head.data.format !== EXPORT_FORMAT) {
		return fail('import-wrong-format', 'The file is not a session-runner export.');
	}
	if (head.data.version !== EXPORT_VERSION) {
		return fail('import-wrong-format', `The file is export version ${head.data.version}; this app reads version ${EXPORT_VERSION}.`);
	}
	const parsed = ExportFileSchema.safeParse(json);
	if (!parsed.success) return fail('import-invalid', `The file is damaged: ${describeIssue(parsed.error.issues[0]!)}.`);
	return { ok: true, file: parsed.data };
}
