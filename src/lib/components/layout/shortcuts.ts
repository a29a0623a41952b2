// The keyboard shortcuts: one table that both the key handler and the help panel read.
export type ShortcutAction =
	| { type: 'new-session' }
	| { type: 'help' }
	| { type: 'sessions' }
	| { type: 'tab'; index: number }
	| { type: 'close-tab' }
	| { type: 'focus-prompt' }
	| { type: 'search'; scope: 'session' | 'all' }
	| { type: 'dismiss' };

export interface ShortcutHelp {
	/** Alternatives, each a combination of keys pressed together. */
	combos: string[][];
	does: string;
}

export const SHORTCUTS: ShortcutHelp[] = [
	{ combos: [['Ctrl', 'K'], ['⌘', 'K']], does: 'New session' },
	{ combos: [['Ctrl', 'F'], ['⌘', 'F']], does: 'Search this session' },
	{ combos: [['Ctrl', 'Shift', 'F'], ['⌘', 'Shift', 'F']], does: 'Search every session' },
	{ combos: [['Alt', '1…9']], does: 'Switch to open tab 1 to 9' },
	{ combos: [['Alt', 'W']], does: 'Close the active tab (the session stays)' },
	{ combos: [['Alt', 'L']], does: 'Show or hide all sessions' },
	{ combos: [['/']], does: 'Focus the prompt' },
	{ combos: [['Enter']], does: 'Send the prompt' },
	{ combos: [['Shift', 'Enter']], does: 'New line in the prompt' },
	{ combos: [['↑'], ['↓']], does: 'Earlier / later prompts of this session (caret on the first / last line)' },
	{ combos: [['?'], ['Ctrl', '/']], does: 'Show these shortcuts' },
	{ combos: [['Esc']], does: 'Close a dialog, menu or panel' }
];

const typing = (target: EventTarget | null) => {
	const el = target as Partial<HTMLElement> | null;
	return !!el && (el.isContentEditable === true || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName ?? ''));
};

/** The app-wide action a key press asks for; keys typed into a field stay with the field. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
	if (event.isComposing || event.repeat) return null;
	const mod = event.ctrlKey || event.metaKey;
	// `code` rather than `key`: Alt+digit types other characters on some layouts (macOS).
	if (mod && !event.altKey && event.code === 'KeyK') return { type: 'new-session' };
	if (mod && !event.altKey && event.code === 'Slash') return { type: 'help' };
	if (mod && !event.altKey && event.code === 'KeyF') return { type: 'search', scope: event.shiftKey ? 'all' : 'session' };
	if (event.altKey && !mod) {
		const digit = /^Digit([1-9])$/.exec(event.code);
		if (digit) return { type: 'tab', index: Number(digit[1]) - 1 };
		if (event.code === 'KeyW') return { type: 'close-tab' };
		if (event.code === 'KeyL') return { type: 'sessions' };
	}
	if (event.key === 'Escape' && !mod && !event.altKey) return { type: 'dismiss' };
	if (mod || event.altKey || typing(event.target)) return null;
	if (event.key === '?') return { type: 'help' };
	if (event.key === '/') return { type: 'focus-prompt' };
	return null;
}
