// `/` completion in the prompt box: the commands Claude Code reported for this session (its own, the
// project's `.claude/commands`, skills), or a few built-in ones until it has reported any.
export const FALLBACK_COMMANDS = ['/compact', '/clear', '/help'] as const;
const MAX_SHOWN = 8;

/** Claude Code names its commands without the slash; shown and inserted with it, once each. */
export function commandList(reported: readonly string[] | undefined): string[] {
	const names = (reported?.length ? reported : FALLBACK_COMMANDS).map((name) => (name.startsWith('/') ? name : `/${name}`));
	return [...new Set(names)];
}

/** The command being typed: the prompt's first word while the caret is still in it, else null. */
export function typedCommand(text: string, caret: number): string | null {
	if (!text.startsWith('/')) return null;
	const word = text.match(/^\/\S*/)![0];
	return caret <= word.length ? word : null;
}

/** Commands starting with what was typed first, then those that contain it; at most a short list. */
export function matchCommands(commands: readonly string[], typed: string): string[] {
	const query = typed.toLowerCase();
	const starts = commands.filter((c) => c.toLowerCase().startsWith(query));
	const contains = commands.filter((c) => !c.toLowerCase().startsWith(query) && c.toLowerCase().includes(query.slice(1)));
	const matches = [...starts, ...contains];
	return matches.length === 1 && matches[0] === typed ? [] : matches.slice(0, MAX_SHOWN);
}

/** The prompt with its first word replaced by `command` and a space, ready for arguments. */
export function acceptCommand(text: string, command: string): string {
	const rest = text.replace(/^\/\S*/, '').replace(/^ /, '');
	return `${command} ${rest}`;
}
