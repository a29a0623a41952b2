// The session's permission mode as the index lists it, changed by the runner when an approval changes
// it (a plan approved in plan mode): every device's mode picker and the next turn see the new mode.
import type { PermissionMode } from '../../../src/lib/core/tools';
import { updateSession } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';
import { withIndex } from '../sync/index-doc';

export async function setSessionMode(host: DocHost, tenant: string, sessionId: string, mode: PermissionMode, now: number): Promise<void> {
	await withIndex(host, tenant, (index) => updateSession(index, sessionId, { permissionMode: mode }, now));
}
