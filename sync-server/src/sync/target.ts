// Reads the document name and token from the raw request target of an upgrade, before any URL
// normalisation: `/sync/session/../index` must be refused, not quietly resolved to `/sync/index`.
// The y-websocket client joins `serverUrl + '/' + roomname` without encoding, so a valid name
// arrives verbatim (`/sync/session/<id>`), and a percent-encoded one is refused rather than decoded.
import { parseDocName } from '../../../src/lib/core/docnames';

export const SYNC_PREFIX = '/sync/';

export type SyncTarget =
	| { ok: true; name: string; token: string | null }
	| { ok: false; reason: 'not-found' | 'invalid-doc-name'; token: string | null };

export function parseSyncTarget(rawTarget: string): SyncTarget {
	const q = rawTarget.indexOf('?');
	const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
	const token = q === -1 ? null : new URLSearchParams(rawTarget.slice(q + 1)).get('token');
	if (!path.startsWith(SYNC_PREFIX)) return { ok: false, reason: 'not-found', token };
	const name = path.slice(SYNC_PREFIX.length);
	if (!parseDocName(name)) return { ok: false, reason: 'invalid-doc-name', token };
	return { ok: true, name, token };
}
