// The permission modes as people choose them in the session header (the policy itself is core/tools.ts).
import type { PermissionMode } from '$lib/core/tools';

export const MODE_LABELS: Record<PermissionMode, string> = {
	ask: 'Ask before edits and commands',
	'accept-edits': 'Accept edits',
	plan: 'Plan first',
	'read-only': 'Read only'
};

export const MODE_HINTS: Record<PermissionMode, string> = {
	ask: 'Claude reads freely; every file change and command waits for someone to approve it.',
	'accept-edits': 'Claude changes files without asking; commands still wait for approval.',
	plan: 'Claude reads and proposes a plan; nothing changes until someone approves the plan.',
	'read-only': 'Claude can only read; changes and commands are refused.'
};
